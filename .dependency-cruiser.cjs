/** Module boundaries: modules import each other only through index.ts, never in a cycle; platform imports no module. */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means a boundary is in the wrong place.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-deep-import',
      severity: 'error',
      comment: 'Another module is reached only through its index.ts (its public surface).',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-deep-import',
      severity: 'error',
      comment:
        'Code outside modules/ (app wiring, scripts) uses a module through its index.ts only. ' +
        'Exception: the demo seed drives the HR services directly, like a request would, so its rows get audit and outbox events.',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/scripts/seed-demo\\.ts$'] },
      to: { path: '^src/modules/[^/]+/.+', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'The platform kernel is shared by every module and depends on none.',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'allowed-module-directions',
      severity: 'error',
      comment: 'Synchronous calls: payroll→hr, invoicing→inventory, it-tickets→hr, contracts→hr|invoicing; the rest travels as events.',
      from: { path: '^src/modules/(hr|inventory)/' },
      to: { path: '^src/modules/(payroll|invoicing|it-tickets|contracts|integrations)/' },
    },
    {
      name: 'integrations-only-downstream',
      severity: 'error',
      comment: 'Integrations (webhooks, reports, imports) read every business module through its facade; no business module depends on integrations.',
      from: { path: '^src/modules/(hr|inventory|payroll|invoicing|it-tickets|contracts)/' },
      to: { path: '^src/modules/integrations/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};

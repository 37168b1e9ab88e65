/** The catalogue of scopes, filled by the platform and each module; the OpenAPI scheme lists it. */
const catalogue = new Map<string, string>();

export function registerScopes(scopes: Record<string, string>): void {
  for (const [scope, description] of Object.entries(scopes)) catalogue.set(scope, description);
}

export function knownScopes(): ReadonlyMap<string, string> {
  return catalogue;
}

registerScopes({
  admin: 'Everything, including managing API keys. Implies every other scope.',
  'audit:read': 'Read the audit trail.',
});

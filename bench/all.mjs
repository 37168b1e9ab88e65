#!/usr/bin/env node
// `npm run bench`: every benchmark, one after the other (never two at once: they would measure
// each other). Each prints its own table and writes bench/results/*.json; a failing one does not
// stop the others, but makes the exit code non-zero. BENCH_ONLY=hr,mixed runs a subset.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUITES = [
  ['hr', 'run.mjs'],
  ['inventory', 'inventory.mjs'],
  ['invoicing', 'invoicing.mjs'],
  ['payroll', 'payroll.mjs'],
  ['imports', 'imports.mjs'],
  ['mixed', 'mixed.mjs'],
];
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const failed = [];
for (const [name, file] of SUITES) {
  if (only && !only.has(name)) continue;
  const script = path.join(HERE, file);
  if (!existsSync(script)) continue;
  process.stderr.write(`\n[bench] === ${name} (bench/${file}) ===\n`);
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed.push(`${name} (exit ${r.status ?? r.signal})`);
}
if (failed.length) {
  process.stderr.write(`\n[bench] FAILED: ${failed.join(', ')}\n`);
  process.exit(1);
}

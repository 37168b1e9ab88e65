#!/usr/bin/env node
// Fails when clients/typescript/schema.d.ts is not what openapi-typescript generates from the
// current OpenAPI document (openapi.json, written by `npm run openapi:export`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'client-check-'));
try {
  const fresh = path.join(dir, 'schema.d.ts');
  execFileSync(process.execPath, [cli, 'openapi.json', '--default-non-nullable', 'false', '-o', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  const committed = readFileSync('clients/typescript/schema.d.ts', 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    process.stderr.write('clients/typescript/schema.d.ts is out of date with the OpenAPI document: run `npm run client:generate` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('client: clients/typescript/schema.d.ts matches the OpenAPI document\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

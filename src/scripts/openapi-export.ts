import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { buildOpenApiDocument } from '../openapi';

/** Writes the OpenAPI document without a database: `node dist/src/scripts/openapi-export.js openapi.json`. */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'openapi.json';
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error', JOBS_ENABLED: 'false' });
  const app = await createApp({ config, databaseUrl: 'postgres://offline@127.0.0.1:1/offline', offline: true });
  writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document written to ${out}\n`);
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

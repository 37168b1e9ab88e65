import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';
import { runMigrations } from '../src/platform/database/migrator';
import { withDatabase } from './support/database-url';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One PostgreSQL for the run: DATABASE_URL when set, else an embedded server in a temp dir.
 * Migrations are applied once to a template database; each test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'backoffice-test-'));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { server, dataDir };
    adminUrl = server.url('postgres');
  }
  const runId = `${process.pid}${Date.now().toString(36)}`;
  const template = `bo_tpl_${runId}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`);
  } finally {
    await client.end();
  }
  await runMigrations(withDatabase(adminUrl, template));
  process.env.TEST_DB_ADMIN_URL = adminUrl;
  process.env.TEST_DB_TEMPLATE = template;
  process.env.TEST_RUN_ID = runId;
}

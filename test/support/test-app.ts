import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { ApiKeyService } from '../../src/platform/auth/api-key.service';
import { RequestContext, SYSTEM_ACTOR } from '../../src/platform/context/request-context';
import { withDatabase } from './database-url';
import { watchStateChanges } from './state-change-check';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  databaseUrl: string;
  adminKey: string;
  dataSource: DataSource;
  /** Creates an API key with exactly these scopes and returns it. */
  key(scopes: string[], name?: string): Promise<string>;
  /** A raw SQL query against the test database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Clones the migrated template into a database of this test file's own. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_DB_ADMIN_URL;
  const template = process.env.TEST_DB_TEMPLATE;
  if (!adminUrl || !template) throw new Error('test/global-setup.ts did not run');
  // The run id lets global teardown drop whatever a crashed file left behind.
  const name = `bo_t_${process.env.TEST_RUN_ID}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const adminUrl = process.env.TEST_DB_ADMIN_URL!;
  const name = new URL(url).pathname.slice(1);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function startApp(databaseUrl: string, env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({ LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DB_POOL_SIZE: '10', ...env });
  const app = await createApp({ config, databaseUrl });
  return app;
}

/** The real app (same factory as main.ts) on a fresh database of its own. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const adminKey = `bo_test_admin_${randomBytes(16).toString('hex')}`;
  const app = await startApp(databaseUrl, { BOOTSTRAP_ADMIN_KEY: adminKey, ...env });
  const keys = app.get(ApiKeyService);
  await keys.ensureBootstrapKey();
  const dataSource = app.get(DataSource);
  watchStateChanges(dataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    databaseUrl,
    adminKey,
    dataSource,
    key: async (scopes, name = `test-${scopes.join('-') || 'none'}`) =>
      (await RequestContext.run({ requestId: 'test', actor: SYSTEM_ACTOR, afterCommit: [] }, () => keys.create({ name, scopes }))).key,
    sql: (text, params) => dataSource.query(text, params),
    close: async () => {
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

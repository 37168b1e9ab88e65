import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { withDatabase } from '../support/database-url';
import { freePort, MAIN, startMain } from '../support/processes';

const bootstrapKey = (out: string) => /\n\s+(bo_[A-Za-z0-9_-]{43})\n/.exec(out)?.[1];
const get = (port: number, p: string, key?: string) =>
  fetch(`http://127.0.0.1:${port}${p}`, { headers: { connection: 'close', ...(key ? { Authorization: `Bearer ${key}` } : {}) } });
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const postmasterPid = (dataDir: string) => {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
};

describe('the process: npm start on a fresh machine', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" (npm test does it first)`);
  });

  it('stops at boot with one clear line naming a bad variable', async () => {
    const app = await startMain({ PORT: 'not-a-port' }, false);
    expect(await app.exited).toBe(1);
    expect(app.stderr().trim().split('\n')).toEqual(['Invalid environment variable PORT="not-a-port": must be an integer number']);
  });

  describe('with the embedded PostgreSQL', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'backoffice-main-'));
    let pgPort: number;
    let key: string;
    beforeAll(async () => {
      pgPort = await freePort();
    });
    afterAll(() => {
      const pid = postmasterPid(dataDir);
      if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });
    const env = () => ({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });

    it('starts, prints a bootstrap key once, serves docs, and stops cleanly on SIGTERM after in-flight requests', async () => {
      const app = await startMain(env());
      key = bootstrapKey(app.stdout())!;
      expect(key).toBeDefined();
      expect(app.stdout()).toContain(`Docs: http://localhost:${app.port}/docs`);
      expect((await get(app.port, '/docs-json')).status).toBe(200);
      // JSON logs carry the request id the client sent.
      await fetch(`http://127.0.0.1:${app.port}/health/live`, { headers: { 'X-Request-Id': 'log-trace-42', connection: 'close' } });
      await new Promise((r) => setTimeout(r, 100));
      const lines = app.stdout().split('\n').filter((l) => l.includes('log-trace-42'));
      expect(lines.length).toBeGreaterThan(0);
      expect(JSON.parse(lines[0])).toMatchObject({ reqId: 'log-trace-42', level: 'info' });
      const created = await fetch(`http://127.0.0.1:${app.port}/hr/departments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ code: 'OPS', name: 'Operations' }),
      });
      expect(created.status).toBe(201);

      const departmentId = ((await created.json()) as { id: string }).id;

      // A request held in flight by a row lock taken from outside; SIGTERM must let it finish.
      const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/backoffice` });
      await db.connect();
      await db.query('BEGIN');
      await db.query('SELECT 1 FROM hr_departments WHERE id = $1 FOR UPDATE', [departmentId]);
      const slow = fetch(`http://127.0.0.1:${app.port}/hr/departments/${departmentId}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ name: 'Operations & Logistics' }),
      });
      await new Promise((r) => setTimeout(r, 300));
      app.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      expect(app.child.exitCode).toBeNull(); // still finishing the request
      // Meanwhile, new requests are refused: the listener is closed (connection refused), or 503.
      const late = await fetch(`http://127.0.0.1:${app.port}/hr/departments`, { headers: { Authorization: `Bearer ${key}`, connection: 'close' } }).then(
        (r) => r.status,
        (err: Error) => (err.cause as { code?: string } | undefined)?.code ?? err.message,
      );
      expect(['ECONNREFUSED', 503]).toContain(late);
      await db.query('COMMIT');
      await db.end();
      const res = await slow;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { name: string }).name).toBe('Operations & Logistics');
      expect(await app.exited).toBe(0);
      expect(app.stdout()).toContain('shutting down: finishing in-flight requests');
      // Jobs and the outbox dispatcher stop before the database closes: nothing fails on the way out.
      expect(app.stdout().split('\n').filter((l) => l.includes('"level":"error"'))).toEqual([]);
      const pid = postmasterPid(dataDir);
      expect(pid === undefined || !isAlive(pid)).toBe(true);
    });

    it('keeps its data across a restart and does not print a new key', async () => {
      const app = await startMain(env());
      try {
        expect(bootstrapKey(app.stdout())).toBeUndefined();
        const res = await get(app.port, '/hr/departments', key);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data: { code: string }[] }).data.map((d) => d.code)).toEqual(['OPS']);
      } finally {
        app.child.kill('SIGTERM');
        await app.exited;
      }
    });

    it('recovers by itself after a crash (SIGKILL) left PostgreSQL running', async () => {
      const crashed = await startMain(env());
      crashed.child.kill('SIGKILL');
      await crashed.exited;
      const orphan = postmasterPid(dataDir)!;
      expect(isAlive(orphan)).toBe(true);

      const app = await startMain(env());
      expect((await get(app.port, '/hr/departments', key)).status).toBe(200);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      expect(isAlive(orphan)).toBe(false);
    });
  });

  it('runs from a checkout under a directory closed to other users (as root, PostgreSQL cannot reach it) and keeps its data', async () => {
    const closed = mkdtempSync(path.join(tmpdir(), 'backoffice-closed-'));
    chmodSync(closed, 0o700);
    const dataDir = path.join(closed, 'checkout', '.data');
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    try {
      const first = await startMain(env);
      const key = bootstrapKey(first.stdout())!;
      const created = await fetch(`http://127.0.0.1:${first.port}/hr/departments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ code: 'CLOSED', name: 'Closed checkout' }),
      });
      expect(created.status).toBe(201);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const second = await startMain(env);
      const res = await get(second.port, '/hr/departments', key);
      expect(((await res.json()) as { data: { code: string }[] }).data.map((d) => d.code)).toEqual(['CLOSED']);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      const pid = postmasterPid(dataDir);
      if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(closed, { recursive: true, force: true });
    }
  });

  it('two instances starting together on one empty database migrate once and bootstrap one key', async () => {
    const admin = process.env.TEST_DB_ADMIN_URL!;
    const name = `bo_t_${process.env.TEST_RUN_ID}_proc_${Date.now()}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = withDatabase(admin, name);
    const [a, b] = await Promise.all([startMain({ DATABASE_URL: url }), startMain({ DATABASE_URL: url })]);
    try {
      const keys = [bootstrapKey(a.stdout()), bootstrapKey(b.stdout())].filter(Boolean);
      expect(keys).toHaveLength(1);
      expect((await get(a.port, '/hr/employees', keys[0])).status).toBe(200);
      expect((await get(b.port, '/hr/employees', keys[0])).status).toBe(200);
      const db = new Client({ connectionString: url });
      await db.connect();
      const migrations = await db.query('SELECT name FROM schema_migrations');
      const apiKeys = await db.query('SELECT id FROM api_keys');
      await db.end();
      expect(migrations.rowCount).toBe(MIGRATIONS.length);
      expect(apiKeys.rowCount).toBe(1);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });
});

import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { JobScheduler } from '../../src/platform/events/job-scheduler';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * An import whose process died (or whose final commit failed) must not stay `running` forever:
 * the reaper job marks it failed once its transaction's advisory lock is free, and never touches
 * an import whose transaction is still open.
 */
describe('integrations: abandoned imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const running = async (startedSecondsAgo: number) => {
    const id = randomUUID();
    await t.sql(
      `INSERT INTO imports (id, kind, mode, status, processed_rows, total_bytes, started_at, updated_at)
       VALUES ($1, 'customers', 'commit', 'running', 9000, 1000000, now() - make_interval(secs => $2), now() - make_interval(secs => $2))`,
      [id, startedSecondsAgo],
    );
    return id;
  };

  it('marks an import left running by a dead transaction failed, with its event; an import in progress and a just-started one are left alone', async () => {
    const abandoned = await running(300);
    const inProgress = await running(300);
    const justStarted = await running(5);
    // The transaction of the import in progress: open, holding the import's lock, as the importing instance would.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('backoffice.import:' || $1::text, 0))`, [inProgress]);

      const ran = await t.app.get(JobScheduler).runDue();
      expect(ran).toContain('integrations.imports.reap-abandoned');

      const admin = bearer(t.adminKey);
      const gone = await t.http.get(`/imports/${abandoned}`).set(admin);
      expect(gone.status).toBe(200);
      expect(gone.body).toMatchObject({ status: 'failed', importedRows: 0, processedRows: 9000 });
      expect(gone.body.failureReason).toMatch(/stopped before it finished/);
      expect(typeof gone.body.finishedAt).toBe('string');
      expect((await t.http.get(`/imports/${inProgress}`).set(admin)).body.status).toBe('running');
      expect((await t.http.get(`/imports/${justStarted}`).set(admin)).body.status).toBe('running');

      const events = await t.sql<{ topic: string; aggregate_id: string; payload: { status: string } }>(
        `SELECT topic, aggregate_id, payload FROM outbox_events WHERE topic LIKE 'integrations.import.%' ORDER BY occurred_at`,
      );
      expect(events.map((e) => [e.topic, e.aggregate_id, e.payload.status])).toEqual([['integrations.import.failed', abandoned, 'failed']]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});

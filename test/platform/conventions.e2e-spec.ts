import { DataSource } from 'typeorm';
import { EventBus } from '../../src/platform/events/event-bus';
import { Employee } from '../../src/modules/hr/employees/employee.entity';
import { TransactionalConnection } from '../../src/platform/database/transactional-connection';
import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { employeeInput, newDepartment, newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('platform conventions', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, creating one employee', async () => {
      const body = employeeInput();
      const first = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-1').send(body);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-1').send(body);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const rows = await t.sql('SELECT id FROM hr_employees WHERE work_email = $1', [body.workEmail]);
      expect(rows).toHaveLength(1);
      const events = await t.sql(`SELECT id FROM outbox_events WHERE topic = 'hr.employee.hired' AND aggregate_id = $1`, [first.body.id]);
      expect(events).toHaveLength(1);
    });

    it('refuses the same key with another body (422) and changes nothing', async () => {
      const body = employeeInput();
      await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-2').send(body).expect(201);
      const other = employeeInput();
      const res = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-2').send(other);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('idempotency_key_reused');
      expect(await t.sql('SELECT id FROM hr_employees WHERE work_email = $1', [other.workEmail])).toHaveLength(0);
    });

    it('answers 409 while the first request with the key is still running', async () => {
      const keyId = (await t.sql<{ id: string }>(`SELECT id FROM api_keys WHERE name = 'bootstrap-admin'`))[0].id;
      // Hold the lock the first request would hold while it runs.
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 42))', [`${keyId} hire-3`]);
        const body = employeeInput();
        const res = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-3').send(body);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('idempotency_request_in_progress');
        expect(res.headers['retry-after']).toBe('1');
        await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 42))', [`${keyId} hire-3`]);
        expect((await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-3').send(body)).status).toBe(201);
      } finally {
        await runner.release();
      }
    });

    it('parallel retries with one key create exactly one employee', async () => {
      const body = employeeInput();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-parallel').send(body)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      expect(statuses).toContain(201);
      const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(await t.sql('SELECT id FROM hr_employees WHERE work_email = $1', [body.workEmail])).toHaveLength(1);
    });

    it('a failed request does not consume the key', async () => {
      const bad = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-4').send({ firstName: 'x' });
      expect(bad.status).toBe(422);
      expect((await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-4').send(employeeInput())).status).toBe(201);
    });

    it('keys expire after 24 hours', async () => {
      const body = employeeInput();
      const first = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-5').send(body).expect(201);
      const [rec] = await t.sql<{ created_at: Date; expires_at: Date }>(`SELECT created_at, expires_at FROM idempotency_records WHERE key = 'hire-5'`);
      expect(rec.expires_at.getTime() - rec.created_at.getTime()).toBe(24 * 3600 * 1000);
      await t.sql(`UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE key = 'hire-5'`);
      // After expiry the key is new again: the same body now runs and hits the unique email.
      const res = await t.http.post('/hr/employees').set(admin).set('Idempotency-Key', 'hire-5').send(body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('unique_violation');
      expect(first.body.id).toBeDefined();
    });
  });

  it('the fast reader builds the same entity as TypeORM', async () => {
    const d = await newDepartment(t);
    const created = await t.http.post('/hr/employees').set(admin).send(employeeInput({ departmentId: d.id, phone: '+1 555 0100', birthDate: '1990-02-03', nationalId: 'X1', iban: 'DE89370400440532013000', baseSalary: { amount: '1234.50', currency: 'EUR' } })).expect(201);
    const db = t.app.get(TransactionalConnection);
    const fast = await db.findById(Employee, created.body.id);
    const typeorm = await t.dataSource.getRepository(Employee).findOneByOrFail({ id: created.body.id });
    expect(fast).toBeInstanceOf(Employee);
    expect(fast).toEqual(typeorm);
    expect(await db.findById(Employee, '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10')).toBeNull();
  });

  describe('ETag and If-Match', () => {
    it('GET returns the version as ETag; a stale If-Match is 412 and changes nothing', async () => {
      const e = await newEmployee(t);
      const got = await t.http.get(`/hr/employees/${e.id}`).set(admin);
      expect(got.headers.etag).toBe('"1"');
      const ok = await t.http.patch(`/hr/employees/${e.id}`).set(admin).set('If-Match', got.headers.etag).send({ phone: '+49 30 1234567' });
      expect(ok.status).toBe(200);
      expect(ok.body.version).toBe(2);
      expect(ok.headers.etag).toBe('"2"');
      const stale = await t.http.patch(`/hr/employees/${e.id}`).set(admin).set('If-Match', '"1"').send({ phone: '+49 30 7654321' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'version_mismatch', currentVersion: 2 });
      expect((await t.http.get(`/hr/employees/${e.id}`).set(admin)).body.phone).toBe('+49 30 1234567');
      const garbage = await t.http.patch(`/hr/employees/${e.id}`).set(admin).set('If-Match', 'banana').send({ phone: '+1 555 0100' });
      expect(garbage.status).toBe(412);
    });

    it('actions honour If-Match too', async () => {
      const e = await newEmployee(t);
      const res = await t.http.post(`/hr/employees/${e.id}/terminate`).set(admin).set('If-Match', '"7"').send({ terminationDate: '2026-06-30', reason: 'Moved abroad' });
      expect(res.status).toBe(412);
      expect((await t.http.get(`/hr/employees/${e.id}`).set(admin)).body.status).toBe('active');
    });
  });

  describe('concurrency', () => {
    it('20 parallel creates with the same email give exactly one 201', async () => {
      const email = `same.${Date.now()}@example.com`;
      const results = await Promise.all(Array.from({ length: 20 }, () => t.http.post('/hr/employees').set(admin).send(employeeInput({ workEmail: email }))));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('unique_violation');
      expect(await t.sql('SELECT id FROM hr_employees WHERE lower(work_email) = lower($1)', [email])).toHaveLength(1);
    });

    it('parallel PATCHes with the same If-Match: one wins, the rest get 412', async () => {
      const e = await newEmployee(t);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => t.http.patch(`/hr/employees/${e.id}`).set(admin).set('If-Match', '"1"').send({ phone: `+1 555 01${i}0` })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 412)).toHaveLength(7);
      expect((await t.http.get(`/hr/employees/${e.id}`).set(admin)).body.version).toBe(2);
    });

    it('a deadlock between two transactions is retried, and both commit', async () => {
      const db = t.app.get(TransactionalConnection);
      const a = (await newDepartment(t)).id;
      const b = (await newDepartment(t)).id;
      const attempts = { first: 0, second: 0 };
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const crossing = (name: 'first' | 'second', x: string, y: string, suffix: string) =>
        db.withTransaction(async (m) => {
          attempts[name]++;
          await m.query(`UPDATE hr_departments SET name = name || $2 WHERE id = $1`, [x, suffix]);
          await sleep(150);
          await m.query(`UPDATE hr_departments SET name = name || $2 WHERE id = $1`, [y, suffix]);
        });
      await Promise.all([crossing('first', a, b, '-1'), crossing('second', b, a, '-2')]);
      expect(attempts.first + attempts.second).toBe(3);
      const names = await t.sql<{ name: string }>('SELECT name FROM hr_departments WHERE id = ANY($1) ORDER BY id', [[a, b]]);
      for (const { name } of names) expect(name).toMatch(/(-1-2|-2-1)$/);
    });

    it('two concurrent manager changes cannot build a reporting loop', async () => {
      const a = await newEmployee(t);
      const b = await newEmployee(t);
      const [r1, r2] = await Promise.all([
        t.http.patch(`/hr/employees/${a.id}`).set(admin).send({ managerId: b.id }),
        t.http.patch(`/hr/employees/${b.id}`).set(admin).send({ managerId: a.id }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 422]);
      expect([r1.body.code, r2.body.code]).toContain('manager_cycle');
    });
  });

  describe('audit', () => {
    it('records every write with actor, acting user, changed fields and request id', async () => {
      const writer = await t.key(['hr:read', 'hr:write'], 'audit-writer');
      const reader = await t.key(['audit:read'], 'audit-reader');
      const created = await t.http.post('/hr/employees').set(bearer(writer)).set('X-Acting-User', 'jane.doe@example.com').set('X-Request-Id', 'req-audit-1').send(employeeInput());
      expect(created.status).toBe(201);
      const id = created.body.id;
      await t.http.patch(`/hr/employees/${id}`).set(bearer(writer)).send({ phone: '+44 20 7946 0958' }).expect(200);
      await t.http.post(`/hr/employees/${id}/terminate`).set(bearer(writer)).send({ terminationDate: '2026-03-31', reason: 'Contract ended' }).expect(200);

      const res = await t.http.get('/audit-events').query({ entityType: 'employee', entityId: id, sort: 'occurredAt' }).set(bearer(reader));
      expect(res.status).toBe(200);
      expect(res.body.data.map((a: { action: string }) => a.action)).toEqual(['hr.employee.hired', 'hr.employee.updated', 'hr.employee.terminated']);
      const [hired, updated, terminated] = res.body.data;
      expect(hired.actor).toEqual({ keyId: expect.any(String), keyName: 'audit-writer', actingUser: 'jane.doe@example.com' });
      expect(hired.requestId).toBe('req-audit-1');
      expect(updated.changes).toEqual({ phone: { before: null, after: '+44 20 7946 0958' } });
      expect(terminated.changes).toMatchObject({ status: { before: 'active', after: 'terminated' }, terminationDate: { before: null, after: '2026-03-31' } });

      const byActor = await t.http.get('/audit-events').query({ actor: 'jane.doe@example.com' }).set(bearer(reader));
      expect(byActor.body.data.map((a: { entityId: string }) => a.entityId)).toEqual([id]);
      const future = await t.http.get('/audit-events').query({ entityId: id, from: '2999-01-01T00:00:00Z' }).set(bearer(reader));
      expect(future.body.data).toEqual([]);
    });

    it('a failed write leaves no audit event', async () => {
      const before = Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_events'))[0].n);
      const e = await newEmployee(t);
      await t.http.post('/hr/employees').set(admin).send(employeeInput({ workEmail: e.workEmail })).expect(409);
      const after = Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_events'))[0].n);
      expect(after).toBe(before + 1);
    });

    it('audit events are append-only in the database', async () => {
      await newDepartment(t);
      await expect(t.sql(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    });
  });

  describe('outbox', () => {
    it('delivers each event once to each subscriber, even with two dispatchers racing', async () => {
      const bus = t.app.get(EventBus);
      const dispatcher = t.app.get(OutboxDispatcher);
      await dispatcher.dispatchPending(); // drain what earlier tests left
      const seen: string[] = [];
      bus.subscribe('hr.employee.hired', 'test.count-hires', async (event) => {
        seen.push(event.aggregateId);
        await new Promise((r) => setTimeout(r, 2));
      });
      // A second "instance": its own connection pool on the same database, with the app's entities
      // (subscribers of other modules, e.g. contracts on hr.employee.hired, use repositories).
      const second = new DataSource(dataSourceOptions(t.databaseUrl, { extra: { max: 4 }, entities: t.dataSource.entityMetadatas.map((m) => m.target) as never }));
      await second.initialize();
      try {
        const hired: string[] = [];
        for (let i = 0; i < 15; i++) hired.push((await newEmployee(t)).id);
        const [n1, n2] = await Promise.all([dispatcher.dispatchPending(), dispatcher.dispatchPending(second)]);
        // Other modules react to hires too (IT raises an onboarding ticket), and their events are dispatched as well.
        expect(n1 + n2).toBeGreaterThanOrEqual(15);
        expect(seen.sort()).toEqual([...hired].sort());
        const pending = await t.sql(`SELECT id FROM outbox_events WHERE dispatched_at IS NULL`);
        expect(pending).toHaveLength(0);
        // A redelivery (e.g. after a crash between handler and commit) changes nothing.
        await t.sql(`UPDATE outbox_events SET dispatched_at = NULL WHERE aggregate_id = $1`, [hired[0]]);
        await dispatcher.dispatchPending();
        expect(seen.filter((id) => id === hired[0])).toHaveLength(1);
      } finally {
        bus.unsubscribe('hr.employee.hired', 'test.count-hires');
        await second.destroy();
      }
    });

    it('a failing subscriber is retried later and does not block other events', async () => {
      const bus = t.app.get(EventBus);
      const dispatcher = t.app.get(OutboxDispatcher);
      await dispatcher.dispatchPending();
      let failures = 0;
      bus.subscribe('hr.employee.terminated', 'test.flaky', async () => {
        failures++;
        throw new Error('downstream unavailable');
      });
      try {
        const e = await newEmployee(t);
        await t.http.post(`/hr/employees/${e.id}/terminate`).set(admin).send({ terminationDate: '2026-02-28', reason: 'Redundancy' }).expect(200);
        await dispatcher.dispatchPending();
        expect(failures).toBe(1);
        const [row] = await t.sql<{ attempts: number; last_error: string; dispatched_at: Date | null; available_at: Date }>(
          `SELECT attempts, last_error, dispatched_at, available_at FROM outbox_events WHERE topic = 'hr.employee.terminated' AND aggregate_id = $1`,
          [e.id],
        );
        expect(row).toMatchObject({ attempts: 1, dispatched_at: null });
        expect(row.last_error).toContain('downstream unavailable');
        expect(row.available_at.getTime()).toBeGreaterThan(Date.now());
        // The status_changed event of the same request was delivered regardless.
        const [other] = await t.sql<{ dispatched_at: Date | null }>(`SELECT dispatched_at FROM outbox_events WHERE topic = 'hr.employee.status_changed' AND aggregate_id = $1`, [e.id]);
        expect(other.dispatched_at).not.toBeNull();
      } finally {
        bus.unsubscribe('hr.employee.terminated', 'test.flaky');
      }
    });
  });
});

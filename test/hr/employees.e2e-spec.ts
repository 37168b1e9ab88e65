import { JobScheduler } from '../../src/platform/events/job-scheduler';
import { employeeInput, newDepartment, newEmployee, newPosition } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const SENSITIVE = { nationalId: 'QQ123456C', iban: 'GB82 WEST 1234 5698 7654 32', baseSalary: { amount: '72500.50', currency: 'GBP' } };

describe('HR employees', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let hr: Record<string, string>; // hr:read + hr:write, no hr:sensitive
  let payroll: Record<string, string>; // hr:read + hr:sensitive
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    hr = bearer(await t.key(['hr:read', 'hr:write']));
    payroll = bearer(await t.key(['hr:read', 'hr:write', 'hr:sensitive', 'audit:read']));
  });
  afterAll(() => t.close());

  it('hires an employee with a generated number and emits hr.employee.hired', async () => {
    const d = await newDepartment(t);
    const p = await newPosition(t, d.id);
    const input = employeeInput({ firstName: '  Ada ', lastName: 'Lovelace', phone: '+44 20 7946 0958', birthDate: '1990-12-10', hireDate: '2026-01-05', employmentType: 'part_time', departmentId: d.id, positionId: p.id, workLocation: 'London', country: 'GB', ...SENSITIVE });
    const res = await t.http.post('/hr/employees').set(payroll).send(input);
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      employeeNumber: expect.stringMatching(/^EMP-\d{5,}$/),
      firstName: 'Ada',
      lastName: 'Lovelace',
      status: 'active',
      employmentType: 'part_time',
      hireDate: '2026-01-05',
      birthDate: '1990-12-10',
      nationalId: 'QQ123456C',
      iban: 'GB82WEST12345698765432',
      baseSalary: { amount: '72500.50', currency: 'GBP' },
      terminationDate: null,
      version: 1,
    });
    const [event] = await t.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox_events WHERE topic = 'hr.employee.hired' AND aggregate_id = $1`, [res.body.id]);
    expect(event.payload).toMatchObject({ employeeId: res.body.id, employeeNumber: res.body.employeeNumber, departmentId: d.id, hireDate: '2026-01-05' });
    expect(JSON.stringify(event.payload)).not.toMatch(/QQ123456C|GB82|72500/);
  });

  it('numbers employees in sequence', async () => {
    const a = await newEmployee(t);
    const b = await newEmployee(t);
    expect(Number(b.employeeNumber.slice(4))).toBe(Number(a.employeeNumber.slice(4)) + 1);
  });

  it('refuses an invalid IBAN, a negative salary and an unknown currency', async () => {
    const res = await t.http.post('/hr/employees').set(payroll).send(employeeInput({ iban: 'GB00WEST12345698765432', baseSalary: { amount: '-1.00', currency: 'XXX1' } }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['baseSalary.amount', 'baseSalary.currency', 'iban']);
    const lower = await t.http.post('/hr/employees').set(payroll).send(employeeInput({ country: 'gb', baseSalary: { amount: '1.00', currency: 'eur' } }));
    expect(lower.status).toBe(422);
    expect(lower.body.errors).toEqual([
      { field: 'country', message: 'country must be an upper-case ISO 3166-1 alpha-2 code, e.g. GB' },
      { field: 'baseSalary.currency', message: 'currency must be an upper-case ISO 4217 code, e.g. EUR' },
    ]);
  });

  describe('sensitive fields', () => {
    let id: string;
    beforeAll(async () => {
      id = (await t.http.post('/hr/employees').set(payroll).send(employeeInput(SENSITIVE)).expect(201)).body.id;
    });

    it('are omitted for keys without hr:sensitive, in single reads and lists', async () => {
      const one = await t.http.get(`/hr/employees/${id}`).set(hr);
      expect(one.status).toBe(200);
      for (const f of ['nationalId', 'iban', 'baseSalary']) expect(one.body).not.toHaveProperty(f);
      const list = await t.http.get('/hr/employees').query({ limit: 200 }).set(hr);
      expect(JSON.stringify(list.body)).not.toMatch(/nationalId|iban|baseSalary|QQ123456C/);
      const withScope = await t.http.get(`/hr/employees/${id}`).set(payroll);
      expect(withScope.body).toMatchObject({ nationalId: 'QQ123456C', iban: 'GB82WEST12345698765432', baseSalary: { amount: '72500.50', currency: 'GBP' } });
    });

    it('cannot be written without hr:sensitive (403, nothing changes)', async () => {
      const res = await t.http.patch(`/hr/employees/${id}`).set(hr).send({ baseSalary: { amount: '99999.00', currency: 'GBP' }, phone: '+44 1' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'missing_scope', missingScopes: ['hr:sensitive'], fields: ['baseSalary'] });
      const create = await t.http.post('/hr/employees').set(hr).send(employeeInput({ iban: 'GB82WEST12345698765432' }));
      expect(create.status).toBe(403);
      expect((await t.http.get(`/hr/employees/${id}`).set(payroll)).body.baseSalary.amount).toBe('72500.50');
    });

    it('are masked in audit events for readers without hr:sensitive', async () => {
      await t.http.patch(`/hr/employees/${id}`).set(payroll).send({ baseSalary: { amount: '80000.00', currency: 'GBP' }, phone: '+44 20 1111 2222' }).expect(200);
      const auditor = bearer(await t.key(['audit:read']));
      const masked = await t.http.get('/audit-events').query({ entityId: id, sort: 'occurredAt' }).set(auditor);
      const update = masked.body.data.find((a: { action: string }) => a.action === 'hr.employee.updated');
      expect(update.changes).toEqual({ phone: { before: null, after: '+44 20 1111 2222' }, baseSalary: { before: '***', after: '***' } });
      const hire = masked.body.data.find((a: { action: string }) => a.action === 'hr.employee.hired');
      expect(hire.changes.nationalId).toEqual({ before: null, after: '***' });
      expect(JSON.stringify(masked.body)).not.toMatch(/QQ123456C|GB82WEST|72500|80000/);
      const clear = await t.http.get('/audit-events').query({ entityId: id, sort: 'occurredAt' }).set(payroll);
      const clearUpdate = clear.body.data.find((a: { action: string }) => a.action === 'hr.employee.updated');
      expect(clearUpdate.changes.baseSalary).toEqual({ before: { amount: '72500.50', currency: 'GBP' }, after: { amount: '80000.00', currency: 'GBP' } });
    });
  });

  describe('lists', () => {
    let dept: string;
    let manager: string;
    beforeAll(async () => {
      dept = (await newDepartment(t)).id;
      manager = (await newEmployee(t, { departmentId: dept, lastName: 'Aardvark', hireDate: '2019-03-01' })).id;
      const names = ['Brown', 'Chen', 'Diaz', "O'Neil", 'Evans', 'Fischer', 'García', 'Hughes'];
      for (const [i, lastName] of names.entries()) {
        await newEmployee(t, { departmentId: dept, managerId: manager, lastName, firstName: `P${i}`, hireDate: `2024-0${(i % 9) + 1}-15`, workEmail: `${lastName.toLowerCase().replace(/[^a-z]/g, '')}.${i}.${dept.slice(0, 8)}@example.com` });
      }
    });

    it('filters by department and sorts by last name, paging with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const res = await t.http.get('/hr/employees').query({ departmentId: dept, limit: 4, ...(cursor ? { cursor } : {}) }).set(hr);
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((e: { lastName: string }) => e.lastName));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toEqual(['Aardvark', 'Brown', 'Chen', 'Diaz', 'Evans', 'Fischer', 'García', 'Hughes', "O'Neil"]);
    });

    it('filters by hire-date range and status, sorts by hire date descending', async () => {
      const res = await t.http.get('/hr/employees').query({ departmentId: dept, hiredFrom: '2024-03-01', hiredTo: '2024-06-30', sort: '-hireDate', status: 'active' }).set(hr);
      expect(res.body.data.map((e: { hireDate: string }) => e.hireDate)).toEqual(['2024-06-15', '2024-05-15', '2024-04-15', '2024-03-15']);
    });

    it('searches name, email and number case-insensitively, treating % and _ literally', async () => {
      const byName = await t.http.get('/hr/employees').query({ q: 'o\'nei' }).set(hr);
      expect(byName.body.data.map((e: { lastName: string }) => e.lastName)).toEqual(["O'Neil"]);
      const byEmail = await t.http.get('/hr/employees').query({ q: `fischer.5.${dept.slice(0, 8)}` }).set(hr);
      expect(byEmail.body.data).toHaveLength(1);
      const one = byEmail.body.data[0];
      const byNumber = await t.http.get('/hr/employees').query({ q: one.employeeNumber.toLowerCase() }).set(hr);
      expect(byNumber.body.data.map((e: { id: string }) => e.id)).toEqual([one.id]);
      const wildcard = await t.http.get('/hr/employees').query({ q: '%%' }).set(hr);
      expect(wildcard.body.data).toEqual([]);
      const injection = await t.http.get('/hr/employees').query({ q: "x' OR '1'='1" }).set(hr);
      expect(injection.status).toBe(200);
      expect(injection.body.data).toEqual([]);
    });

    it('lists direct reports, and 404 for an unknown manager', async () => {
      const res = await t.http.get(`/hr/employees/${manager}/reports`).query({ limit: 200 }).set(hr);
      expect(res.body.data).toHaveLength(8);
      expect(res.body.data.every((e: { managerId: string }) => e.managerId === manager)).toBe(true);
      expect((await t.http.get('/hr/employees/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10/reports').set(hr)).status).toBe(404);
    });

    it('draws the org chart from a root down to a depth', async () => {
      const lead = (await t.http.get('/hr/employees').query({ q: 'brown', departmentId: dept }).set(hr)).body.data[0];
      const report = await newEmployee(t, { managerId: lead.id, lastName: 'Zimmer' });
      const chart = await t.http.get('/hr/org-chart').query({ rootId: manager, depth: 2 }).set(hr);
      expect(chart.status).toBe(200);
      expect(chart.body.truncated).toBe(false);
      const [root] = chart.body.roots;
      expect(root).toMatchObject({ id: manager, lastName: 'Aardvark', directReportCount: 8 });
      expect(root.reports.map((r: { lastName: string }) => r.lastName)).toEqual(['Brown', 'Chen', 'Diaz', 'Evans', 'Fischer', 'García', 'Hughes', "O'Neil"]);
      expect(root.reports[0].reports).toEqual([expect.objectContaining({ id: report.id, reports: [], directReportCount: 0 })]);
      const shallow = await t.http.get('/hr/org-chart').query({ rootId: manager, depth: 0 }).set(hr);
      expect(shallow.body.roots[0]).toMatchObject({ reports: [], directReportCount: 8 });
      const everyone = await t.http.get('/hr/org-chart').query({ depth: 1 }).set(hr);
      expect(everyone.body.roots.map((r: { id: string }) => r.id)).toContain(manager);
      expect((await t.http.get('/hr/org-chart').query({ rootId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }).set(hr)).status).toBe(404);
      expect((await t.http.get('/hr/org-chart').query({ depth: 99 }).set(hr)).status).toBe(422);
    });
  });

  describe('updates and status', () => {
    it('edits fields, clears optional ones with null, refuses null for required ones', async () => {
      const e = await newEmployee(t, { phone: '+1 555 0100', workLocation: 'Remote' });
      const res = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ phone: null, lastName: 'Hopper-Murray' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ phone: null, workLocation: 'Remote', lastName: 'Hopper-Murray', version: 2 });
      const bad = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ firstName: null, hireDate: null });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((x: { field: string }) => x.field)).toEqual(['firstName', 'hireDate']);
      const noop = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ lastName: 'Hopper-Murray' });
      expect(noop.body.version).toBe(2);
    });

    it('moves between active and on_leave, emitting status_changed', async () => {
      const e = await newEmployee(t);
      const leave = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ status: 'on_leave' });
      expect(leave.body.status).toBe('on_leave');
      const back = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ status: 'active' });
      expect(back.body.status).toBe('active');
      const events = await t.sql<{ payload: { from: string; to: string } }>(`SELECT payload FROM outbox_events WHERE topic = 'hr.employee.status_changed' AND aggregate_id = $1 ORDER BY id`, [e.id]);
      expect(events.map((x) => `${x.payload.from}->${x.payload.to}`)).toEqual(['active->on_leave', 'on_leave->active']);
      const terminated = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ status: 'terminated' });
      expect(terminated.status).toBe(422);
    });

    it('refuses a manager loop and self-management', async () => {
      const a = await newEmployee(t);
      const b = await newEmployee(t, { managerId: a.id });
      const c = await newEmployee(t, { managerId: b.id });
      const loop = await t.http.patch(`/hr/employees/${a.id}`).set(hr).send({ managerId: c.id });
      expect(loop.status).toBe(422);
      expect(loop.body).toMatchObject({ code: 'manager_cycle', errors: [{ field: 'managerId' }] });
      const self = await t.http.patch(`/hr/employees/${a.id}`).set(hr).send({ managerId: a.id });
      expect(self.body.code).toBe('manager_cycle');
      await expect(t.sql('UPDATE hr_employees SET manager_id = id WHERE id = $1', [a.id])).rejects.toThrow(/ck_hr_employees_manager_not_self/);
    });

    it('the database refuses an invalid status and a duplicate email in any case', async () => {
      const e = await newEmployee(t);
      await expect(t.sql(`UPDATE hr_employees SET status = 'retired' WHERE id = $1`, [e.id])).rejects.toThrow(/ck_hr_employees_status/);
      await expect(
        t.sql(`INSERT INTO hr_employees (id, first_name, last_name, work_email, hire_date, employment_type) VALUES (gen_random_uuid(), 'X', 'Y', upper($1), '2026-01-01', 'full_time')`, [e.workEmail]),
      ).rejects.toThrow(/uq_hr_employees_work_email/);
    });
  });

  describe('terminate', () => {
    it('terminates today or earlier at once, emitting hr.employee.terminated', async () => {
      const e = await newEmployee(t, { hireDate: '2025-01-01' });
      const res = await t.http.post(`/hr/employees/${e.id}/terminate`).set(hr).set('If-Match', '"1"').send({ terminationDate: '2026-01-31', reason: 'Resigned' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'terminated', terminationDate: '2026-01-31', terminationReason: 'Resigned', version: 2 });
      const [ev] = await t.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox_events WHERE topic = 'hr.employee.terminated' AND aggregate_id = $1`, [e.id]);
      expect(ev.payload).toMatchObject({ employeeId: e.id, terminationDate: '2026-01-31', reason: 'Resigned' });
      const again = await t.http.post(`/hr/employees/${e.id}/terminate`).set(hr).send({ terminationDate: '2026-02-01', reason: 'Again' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'terminated', allowedActions: [] });
      const leave = await t.http.patch(`/hr/employees/${e.id}`).set(hr).send({ status: 'on_leave' });
      expect(leave.status).toBe(409);
    });

    it('schedules a future termination; the job applies it on the day, once', async () => {
      const e = await newEmployee(t, { hireDate: '2025-01-01' });
      const res = await t.http.post(`/hr/employees/${e.id}/terminate`).set(hr).send({ terminationDate: '2999-12-31', reason: 'Retirement' });
      expect(res.body).toMatchObject({ status: 'active', terminationDate: '2999-12-31' });
      const twice = await t.http.post(`/hr/employees/${e.id}/terminate`).set(hr).send({ terminationDate: '2999-06-30', reason: 'Earlier' });
      expect(twice.status).toBe(409);
      // The day comes.
      await t.sql(`ALTER TABLE hr_employees DISABLE TRIGGER ALL`);
      await t.sql(`UPDATE hr_employees SET termination_date = current_date - 1 WHERE id = $1`, [e.id]);
      await t.sql(`ALTER TABLE hr_employees ENABLE TRIGGER ALL`);
      const jobs = t.app.get(JobScheduler);
      await t.sql(`DELETE FROM scheduled_jobs`);
      const ran = await Promise.all([jobs.runDue(), jobs.runDue()]);
      expect(ran.flat().filter((n) => n === 'hr.terminations.apply-due')).toHaveLength(1);
      const after = await t.http.get(`/hr/employees/${e.id}`).set(hr);
      expect(after.body).toMatchObject({ status: 'terminated', version: 3 });
      const changes = await t.sql(`SELECT id FROM outbox_events WHERE topic = 'hr.employee.status_changed' AND aggregate_id = $1`, [e.id]);
      expect(changes).toHaveLength(1);
    });

    it('refuses a termination before the hire date (422) and an unknown employee (404)', async () => {
      const e = await newEmployee(t, { hireDate: '2026-03-01' });
      const res = await t.http.post(`/hr/employees/${e.id}/terminate`).set(hr).send({ terminationDate: '2026-02-28', reason: 'x' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'invalid_termination_date', errors: [{ field: 'terminationDate' }] });
      expect((await t.http.post('/hr/employees/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10/terminate').set(hr).send({ terminationDate: '2026-02-28', reason: 'x' })).status).toBe(404);
    });
  });

  it('deletes an employee record created by mistake, but not a manager', async () => {
    const boss = await newEmployee(t);
    await newEmployee(t, { managerId: boss.id });
    expect((await t.http.delete(`/hr/employees/${boss.id}`).set(hr)).status).toBe(409);
    const mistake = await newEmployee(t);
    expect((await t.http.delete(`/hr/employees/${mistake.id}`).set(hr).set('If-Match', '"1"')).status).toBe(204);
    expect((await t.http.get(`/hr/employees/${mistake.id}`).set(hr)).status).toBe(404);
    const [audit] = await t.sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [mistake.id]);
    expect(audit.action).toBe('hr.employee.deleted');
  });
});

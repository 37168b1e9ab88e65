import { randomBytes } from 'node:crypto';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const code = () => `PS-${randomBytes(4).toString('hex').toUpperCase()}`;

describe('payroll pay schedules', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  it('creates a monthly schedule and generates its periods with pay dates', async () => {
    const created = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'Monthly staff', frequency: 'monthly', payDateRule: 'last_working_day' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ frequency: 'monthly', anchorDate: null, payDay: null, payDateOffsetDays: null, version: 1 });
    const got = await t.http.get(`/payroll/pay-schedules/${created.body.id}`).set(admin);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBeDefined();
    const periods = await t.http.get(`/payroll/pay-schedules/${created.body.id}/periods`).query({ from: '2028-01-20', to: '2028-02-10' }).set(admin);
    expect(periods.status).toBe(200);
    expect(periods.body.data).toEqual([
      { start: '2028-01-01', end: '2028-01-31', payDate: '2028-01-31' },
      { start: '2028-02-01', end: '2028-02-29', payDate: '2028-02-29' },
    ]);
  });

  it('bi-weekly periods follow the anchor; semi-monthly on a fixed day', async () => {
    const bi = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'Hourly', frequency: 'bi_weekly', anchorDate: '2026-01-05', payDateRule: 'days_after_period_end', payDateOffsetDays: 5 });
    expect(bi.status).toBe(201);
    const p = await t.http.get(`/payroll/pay-schedules/${bi.body.id}/periods`).query({ from: '2026-01-05', to: '2026-01-18' }).set(admin);
    expect(p.body.data).toEqual([{ start: '2026-01-05', end: '2026-01-18', payDate: '2026-01-23' }]);
    const semi = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'Semi', frequency: 'semi_monthly', payDateRule: 'fixed_day', payDay: 31 });
    const s = await t.http.get(`/payroll/pay-schedules/${semi.body.id}/periods`).query({ from: '2026-02-01', to: '2026-02-28' }).set(admin);
    expect(s.body.data.map((x: { end: string }) => x.end)).toEqual(['2026-02-15', '2026-02-28']);
    const list = await t.http.get('/payroll/pay-schedules').query({ frequency: 'bi_weekly', limit: 200 }).set(admin);
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(bi.body.id);
    expect(list.body.data.every((x: { frequency: string }) => x.frequency === 'bi_weekly')).toBe(true);
  });

  it('refuses inconsistent rules with 422 naming the field, and a duplicate code with 409', async () => {
    const noAnchor = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'W', frequency: 'weekly', payDateRule: 'last_working_day' });
    expect(noAnchor.status).toBe(422);
    expect(noAnchor.body.errors[0].field).toBe('anchorDate');
    const noDay = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'F', frequency: 'monthly', payDateRule: 'fixed_day' });
    expect(noDay.status).toBe(422);
    expect(noDay.body.errors[0].field).toBe('payDay');
    const c = code();
    expect((await t.http.post('/payroll/pay-schedules').set(admin).send({ code: c, name: 'A', frequency: 'monthly', payDateRule: 'last_working_day' })).status).toBe(201);
    const dup = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: c, name: 'B', frequency: 'monthly', payDateRule: 'last_working_day' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'unique_violation', field: 'code' });
  });

  it('refuses a reversed or too long range, answers 404 for an unknown schedule, 403 without the scope', async () => {
    const s = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'M', frequency: 'monthly', payDateRule: 'last_working_day' });
    const reversed = await t.http.get(`/payroll/pay-schedules/${s.body.id}/periods`).query({ from: '2026-02-01', to: '2026-01-01' }).set(admin);
    expect(reversed.status).toBe(422);
    expect(reversed.body.code).toBe('invalid_date_range');
    const long = await t.http.get(`/payroll/pay-schedules/${s.body.id}/periods`).query({ from: '2000-01-01', to: '2026-01-01' }).set(admin);
    expect(long.status).toBe(422);
    expect(long.body.code).toBe('too_many_periods');
    const missing = await t.http.get('/payroll/pay-schedules/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10/periods').query({ from: '2026-01-01', to: '2026-01-31' }).set(admin);
    expect(missing.status).toBe(404);
    const hrOnly = bearer(await t.key(['hr:read']));
    expect((await t.http.get('/payroll/pay-schedules').set(hrOnly)).status).toBe(403);
  });
});

describe('payroll pay schedule assignments', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const schedule = async () => (await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code(), name: 'S', frequency: 'monthly', payDateRule: 'last_working_day' })).body as { id: string };

  it('puts an employee on one schedule, moves them, and changes nothing when repeated', async () => {
    const [a, b] = [await schedule(), await schedule()];
    const e = await newEmployee(t);
    const first = await t.http.post(`/payroll/pay-schedules/${a.id}/employees`).set(admin).send({ employeeId: e.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ employeeId: e.id, payScheduleId: a.id, version: 1 });
    const again = await t.http.post(`/payroll/pay-schedules/${a.id}/employees`).set(admin).send({ employeeId: e.id });
    expect(again.body.version).toBe(1);
    const moved = await t.http.post(`/payroll/pay-schedules/${b.id}/employees`).set(admin).send({ employeeId: e.id });
    expect(moved.body).toMatchObject({ payScheduleId: b.id, version: 2 });
    const got = await t.http.get(`/payroll/employees/${e.id}/pay-schedule`).set(admin);
    expect(got.status).toBe(200);
    expect(got.body.payScheduleId).toBe(b.id);
  });

  it('answers 404 for an unknown employee or schedule, and for an employee on no schedule', async () => {
    const s = await schedule();
    const e = await newEmployee(t);
    const fake = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
    expect((await t.http.post(`/payroll/pay-schedules/${s.id}/employees`).set(admin).send({ employeeId: fake })).status).toBe(404);
    expect((await t.http.post(`/payroll/pay-schedules/${fake}/employees`).set(admin).send({ employeeId: e.id })).status).toBe(404);
    expect((await t.http.get(`/payroll/employees/${e.id}/pay-schedule`).set(admin)).status).toBe(404);
  });

  it('two concurrent assignments of one employee leave exactly one row', async () => {
    const [a, b] = [await schedule(), await schedule()];
    const e = await newEmployee(t);
    const results = await Promise.all([a, b, a, b].map((s) => t.http.post(`/payroll/pay-schedules/${s.id}/employees`).set(admin).send({ employeeId: e.id })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const got = await t.http.get(`/payroll/employees/${e.id}/pay-schedule`).set(admin);
    expect([a.id, b.id]).toContain(got.body.payScheduleId);
  });
});

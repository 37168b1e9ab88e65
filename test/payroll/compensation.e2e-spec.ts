import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('payroll compensation', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  it('keeps effective-dated history and answers the term in effect on a date', async () => {
    const e = await newEmployee(t, { hireDate: '2025-01-01' });
    const url = `/payroll/employees/${e.id}/compensation`;
    const first = await t.http.post(url).set(admin).send({ effectiveFrom: '2025-01-01', basis: 'annual_salary', amount: '60000', currency: 'EUR' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: '60000.0000', overtimeMultiplier: '1.5000', standardHoursPerYear: '2080.00', effectiveTo: null });
    const raise = await t.http.post(url).set(admin).send({ effectiveFrom: '2026-03-16', basis: 'annual_salary', amount: '72000.00', currency: 'EUR', nightPremiumRate: '0.25' });
    expect(raise.status).toBe(201);

    const before = await t.http.get(url).query({ asOf: '2026-03-15' }).set(admin);
    expect(before.status).toBe(200);
    expect(before.body.current).toMatchObject({ amount: '60000.0000', effectiveTo: '2026-03-15' });
    expect(before.body.history.map((c: { effectiveFrom: string }) => c.effectiveFrom)).toEqual(['2026-03-16', '2025-01-01']);
    const after = await t.http.get(url).query({ asOf: '2026-03-16' }).set(admin);
    expect(after.body.current).toMatchObject({ amount: '72000.0000', nightPremiumRate: '0.2500', effectiveTo: null });
    const none = await t.http.get(url).query({ asOf: '2024-12-31' }).set(admin);
    expect(none.body.current).toBeNull();
  });

  it('refuses a second change on the same day, a change before hire, an unknown employee and a negative amount', async () => {
    const e = await newEmployee(t, { hireDate: '2025-06-01' });
    const url = `/payroll/employees/${e.id}/compensation`;
    const body = { effectiveFrom: '2025-06-01', basis: 'hourly', amount: '20.00', currency: 'EUR' };
    expect((await t.http.post(url).set(admin).send(body)).status).toBe(201);
    const dup = await t.http.post(url).set(admin).send({ ...body, amount: '21.00' });
    expect(dup.status).toBe(409);
    expect(dup.body.field).toBe('effectiveFrom');
    const early = await t.http.post(url).set(admin).send({ ...body, effectiveFrom: '2025-05-31' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('compensation_before_hire');
    const unknown = await t.http.post('/payroll/employees/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10/compensation').set(admin).send(body);
    expect(unknown.status).toBe(404);
    const negative = await t.http.post(url).set(admin).send({ ...body, effectiveFrom: '2025-07-01', amount: '-1' });
    expect(negative.status).toBe(422);
  });

  it('needs hr:sensitive as well as the payroll scope', async () => {
    const e = await newEmployee(t);
    const payrollOnly = bearer(await t.key(['payroll:read', 'payroll:write']));
    const res = await t.http.get(`/payroll/employees/${e.id}/compensation`).set(payrollOnly);
    expect(res.status).toBe(403);
    const both = bearer(await t.key(['payroll:read', 'hr:sensitive']));
    expect((await t.http.get(`/payroll/employees/${e.id}/compensation`).set(both)).status).toBe(200);
  });
});

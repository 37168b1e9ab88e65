import { MAX_COMPENSATION_TERMS } from '../../src/modules/payroll/compensation/dto/compensation.dto';
import { MAX_ACTIVE_PAY_COMPONENTS } from '../../src/modules/payroll/pay-components/dto/pay-component.dto';
import { MAX_RULE_SET_ASSIGNMENTS } from '../../src/modules/payroll/rule-sets/dto/rule-set-assignment.dto';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Limits the OpenAPI document states for payroll are enforced (OWASP API4). */
describe('payroll: enforced limits (OWASP API4)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  it('decimals fit their columns: an overtime multiplier of 100 or a 21-character rule set code is 422 naming the field', async () => {
    const e = await newEmployee(t, { hireDate: '2025-01-01' });
    const body = { effectiveFrom: '2025-01-01', basis: 'hourly', amount: '20.00', currency: 'EUR' };
    const over = await t.http.post(`/payroll/employees/${e.id}/compensation`).set(admin).send({ ...body, overtimeMultiplier: '100' });
    expect([over.status, over.body.code, fields(over)]).toEqual([422, 'validation_failed', ['overtimeMultiplier']]);
    expect((await t.http.post(`/payroll/employees/${e.id}/compensation`).set(admin).send({ ...body, overtimeMultiplier: '99.9999' })).status).toBe(201);
    const longCode = await t.http.get('/payroll/rule-sets').query({ code: 'A'.repeat(21) }).set(admin);
    expect([longCode.status, fields(longCode)]).toEqual([422, ['code']]);
    const manyUnpaid = await t.http.post('/payroll/preview').set(admin).send({ employeeId: e.id, date: '2026-03-15', ruleSetCode: 'STANDARD', unpaidDays: Array(63).fill('2026-03-04') });
    expect([manyUnpaid.status, fields(manyUnpaid)]).toEqual([422, ['unpaidDays']]);
  });

  it(`an employee has at most ${MAX_COMPENSATION_TERMS} compensation terms and ${MAX_RULE_SET_ASSIGNMENTS} rule set assignments`, async () => {
    const e = await newEmployee(t, { hireDate: '2000-01-01' });
    await t.sql(
      `INSERT INTO payroll_compensations (id, employee_id, effective_from, basis, amount, currency, overtime_multiplier, night_premium_rate, holiday_premium_rate, standard_hours_per_year)
       SELECT gen_random_uuid(), $1, DATE '2000-01-01' + n, 'hourly', 20, 'EUR', 1.5, 0, 0, 2080 FROM generate_series(0, $2::int - 2) n`,
      [e.id, MAX_COMPENSATION_TERMS],
    );
    const url = `/payroll/employees/${e.id}/compensation`;
    const term = (effectiveFrom: string) => ({ effectiveFrom, basis: 'hourly', amount: '21.00', currency: 'EUR' });
    expect((await t.http.post(url).set(admin).send(term('2020-01-01'))).status).toBe(201);
    const over = await t.http.post(url).set(admin).send(term('2020-01-02'));
    expect([over.status, over.body.code, fields(over)]).toEqual([422, 'validation_failed', ['effectiveFrom']]);
    const history = await t.http.get(url).set(admin).expect(200);
    expect(history.body.history).toHaveLength(MAX_COMPENSATION_TERMS);
    expect(history.body.history[0].effectiveFrom).toBe('2020-01-01');

    await t.http.post('/payroll/rule-sets').set(admin).send({ code: 'CAP', validFrom: '2000-01-01', name: 'Cap', taxAllowance: '0', taxBrackets: [], contributions: [] }).expect(201);
    await t.sql(
      `INSERT INTO payroll_rule_set_assignments (id, employee_id, effective_from, rule_set_code)
       SELECT gen_random_uuid(), $1, DATE '2000-01-01' + n, 'CAP' FROM generate_series(0, $2::int - 2) n`,
      [e.id, MAX_RULE_SET_ASSIGNMENTS],
    );
    const assign = (effectiveFrom: string) => t.http.post(`/payroll/employees/${e.id}/rule-set`).set(admin).send({ ruleSetCode: 'CAP', effectiveFrom });
    expect((await assign('2020-01-01')).status).toBe(201);
    const overAssign = await assign('2020-01-02');
    expect([overAssign.status, fields(overAssign)]).toEqual([422, ['effectiveFrom']]);
  });

  it(`at most ${MAX_ACTIVE_PAY_COMPONENTS} pay components are active (each is one payslip line at most), also when two are created at once`, async () => {
    await t.sql(
      `INSERT INTO payroll_pay_components (id, code, name, kind, taxable, calculation_type, amount, gl_account)
       SELECT gen_random_uuid(), 'CAP' || n, 'Cap ' || n, 'earning', false, 'fixed', 1, '6010' FROM generate_series(1, $1::int - 2) n`,
      [MAX_ACTIVE_PAY_COMPONENTS],
    );
    const component = (code: string) => t.http.post('/payroll/pay-components').set(admin).send({ code, name: code, kind: 'earning', calculationType: 'fixed', amount: '1.00', glAccount: '6010' });
    expect((await component('LAST1')).status).toBe(201);
    const both = await Promise.all([component('RACE1'), component('RACE2')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = both.find((r) => r.status === 422)!;
    expect(fields(refused)).toEqual(['code']);
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM payroll_pay_components WHERE active');
    expect(n).toBe(MAX_ACTIVE_PAY_COMPONENTS);
  });
});

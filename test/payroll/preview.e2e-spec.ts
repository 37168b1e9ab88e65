import { randomBytes } from 'node:crypto';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const code = (p: string) => `${p}-${randomBytes(4).toString('hex').toUpperCase()}`;

describe('payroll preview (configuration through the API, figures by hand)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let ruleSetCode: string;
  let scheduleId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    ruleSetCode = code('RS');
    const rs = await t.http.post('/payroll/rule-sets').set(admin).send({
      code: ruleSetCode,
      validFrom: '2026-01-01',
      name: 'Standard 2026',
      taxAllowance: '1000',
      taxBrackets: [
        { threshold: '0', rate: '0.10' },
        { threshold: '2000', rate: '0.20' },
      ],
      contributions: [{ code: 'PENSION', name: 'State pension', base: 'gross', employeeRate: '0.05', employerRate: '0.08', lowerThreshold: '500', upperCap: '4000' }],
    });
    expect(rs.status).toBe(201);
    const s = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code('PS'), name: 'Monthly', frequency: 'monthly', payDateRule: 'last_working_day' });
    scheduleId = s.body.id;
  });
  afterAll(() => t.close());

  const employeeWith = async (compensation: Record<string, unknown>) => {
    const e = await newEmployee(t, { hireDate: '2020-01-01' });
    expect((await t.http.post(`/payroll/employees/${e.id}/compensation`).set(admin).send({ effectiveFrom: '2020-01-01', currency: 'EUR', ...compensation })).status).toBe(201);
    expect((await t.http.post(`/payroll/pay-schedules/${scheduleId}/employees`).set(admin).send({ employeeId: e.id })).status).toBe(200);
    return e;
  };

  it('a salaried employee: 60000 a year → 5000 gross, 600 tax, 200 pension, 4200 net', async () => {
    const e = await employeeWith({ basis: 'annual_salary', amount: '60000' });
    const res = await t.http.post('/payroll/preview').set(admin).send({ employeeId: e.id, date: '2026-03-10', ruleSetCode });
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ start: '2026-03-01', end: '2026-03-31', payDate: '2026-03-31' });
    // tax: 5000 − 1000 allowance = 4000 → 2000 × 10% + 2000 × 20% = 600; pension: 5% of 4000 (cap) = 200, employer 8% = 320
    expect(res.body.lines.map((l: { kind: string; code: string; amount: string }) => [l.kind, l.code, l.amount])).toEqual([
      ['earning', 'SALARY', '5000.00'],
      ['tax', 'INCOME_TAX', '600.00'],
      ['tax', 'PENSION', '200.00'],
      ['employer_contribution', 'PENSION', '320.00'],
    ]);
    expect(res.body.totals).toMatchObject({ gross: '5000.00', taxes: '800.00', net: '4200.00', employerContributions: '320.00' });
    expect(res.body.lines[1].detail).toMatchObject({ ruleSet: ruleSetCode, ruleSetValidFrom: '2026-01-01', taxableIncome: '4000.00' });
  });

  it('an hourly employee: 160 h at 20 and 10 h overtime at 1.5 → 3500 gross, 3025 net', async () => {
    const e = await employeeWith({ basis: 'hourly', amount: '20.00', overtimeMultiplier: '1.5' });
    const res = await t.http
      .post('/payroll/preview')
      .set(admin)
      .send({ employeeId: e.id, date: '2026-03-10', ruleSetCode, hours: [{ date: '2026-03-02', kind: 'regular', hours: '160' }, { date: '2026-03-20', kind: 'overtime', hours: '10' }] });
    expect(res.status).toBe(200);
    // tax: 3500 − 1000 = 2500 → 200 + 500 × 20% = 300; pension 5% of 3500 = 175, employer 280
    expect(res.body.totals).toEqual({ currency: 'EUR', gross: '3500.00', taxableGross: '3500.00', preTaxDeductions: '0.00', taxes: '475.00', postTaxDeductions: '0.00', net: '3025.00', employerContributions: '280.00' });
    expect(res.body.lines.find((l: { code: string }) => l.code === 'OVERTIME').explanation).toBe('10 h × 20 × 1.5');
  });

  it('explains why it cannot compute: no schedule, no rule set, hours outside the period, missing scope', async () => {
    const lone = await newEmployee(t);
    const noSchedule = await t.http.post('/payroll/preview').set(admin).send({ employeeId: lone.id, date: '2026-03-10', ruleSetCode });
    expect(noSchedule.status).toBe(422);
    expect(noSchedule.body.code).toBe('no_pay_schedule');
    const e = await employeeWith({ basis: 'hourly', amount: '20.00' });
    const early = await t.http.post('/payroll/preview').set(admin).send({ employeeId: e.id, date: '2025-12-10', ruleSetCode });
    expect(early.body.code).toBe('no_rule_set');
    const outside = await t.http.post('/payroll/preview').set(admin).send({ employeeId: e.id, date: '2026-03-10', ruleSetCode, hours: [{ date: '2026-04-01', kind: 'regular', hours: '1' }] });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'cannot_calculate', reason: 'hours_outside_period' });
    const unknown = await t.http.post('/payroll/preview').set(admin).send({ employeeId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10', date: '2026-03-10', ruleSetCode });
    expect(unknown.status).toBe(404);
    const noSensitive = bearer(await t.key(['payroll:read']));
    expect((await t.http.post('/payroll/preview').set(noSensitive).send({ employeeId: e.id, date: '2026-03-10', ruleSetCode })).status).toBe(403);
  });
});

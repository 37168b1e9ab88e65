import { randomBytes } from 'node:crypto';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const code = (p: string) => `${p}-${randomBytes(3).toString('hex').toUpperCase()}`;

/**
 * Every state change publishes a catalogued event: payroll's set-up and inputs too. Pay is
 * sensitive, so these events carry ids, dates and the names of changed fields, never amounts or rates.
 */
describe('payroll: change events of set-up and inputs', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const events = (aggregateId: string) =>
    t.sql<{ topic: string; aggregate_type: string; payload: Record<string, any> }>('SELECT topic, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);
  const created = async (path: string, body: object) => {
    const res = await t.http.post(path).set(admin).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** No payroll event carries any of these values (amounts and rates set by the tests below). */
  const SECRET_FIGURES = ['98765.43', '123.45', '150.55', '77.77', '0.0375', '555.55', '666.66', '7.25'];
  const leaks = async () =>
    (await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE topic LIKE 'payroll.%' AND (${SECRET_FIGURES.map((_, i) => `payload::text LIKE '%' || $${i + 1} || '%'`).join(' OR ')})`, SECRET_FIGURES)).map((r) => r.topic);

  it('a pay schedule, a rule set and a pay component (create, update) are events; no amount or rate is in them', async () => {
    const schedule = await created('/payroll/pay-schedules', { code: code('PS'), name: 'Monthly', frequency: 'monthly', payDateRule: 'fixed_day', payDay: 25 });
    expect(await events(schedule.id)).toEqual([
      {
        topic: 'payroll.pay_schedule.created',
        aggregate_type: 'pay_schedule',
        payload: { payScheduleId: schedule.id, code: schedule.code, name: 'Monthly', frequency: 'monthly', anchorDate: null, payDateRule: 'fixed_day', payDay: 25, payDateOffsetDays: null, prorationMethod: 'calendar_days' },
      },
    ]);
    const ruleSet = await created('/payroll/rule-sets', {
      code: code('RS'),
      validFrom: '2026-01-01',
      name: 'Standard 2026',
      taxAllowance: '1000',
      taxBrackets: [{ threshold: '0', rate: '0.0375' }],
      contributions: [],
    });
    expect(await events(ruleSet.id)).toEqual([{ topic: 'payroll.rule_set.created', aggregate_type: 'rule_set', payload: { ruleSetId: ruleSet.id, code: ruleSet.code, name: 'Standard 2026', validFrom: '2026-01-01' } }]);

    const meal = await created('/payroll/pay-components', { code: code('MEAL'), name: 'Meal allowance', kind: 'earning', calculationType: 'fixed', amount: '123.45', glAccount: '6010' });
    const patched = await t.http.patch(`/payroll/pay-components/${meal.id}`).set(admin).set('If-Match', '"1"').send({ amount: '150.55', name: 'Meal voucher' });
    expect(patched.status).toBe(200);
    const list = await events(meal.id);
    expect(list.map((e) => [e.topic, e.aggregate_type, e.payload.name, e.payload.changedFields])).toEqual([
      ['payroll.pay_component.created', 'pay_component', 'Meal allowance', []],
      ['payroll.pay_component.updated', 'pay_component', 'Meal voucher', ['name', 'amount']],
    ]);
    expect(list[0].payload).toEqual({ payComponentId: meal.id, code: meal.code, name: 'Meal allowance', kind: 'earning', taxable: false, calculationType: 'fixed', base: null, baseComponent: null, glAccount: '6010', sequence: 100, active: true, changedFields: [] });
    expect(await leaks()).toEqual([]);
  });

  it('compensation, schedule, rule set and component assignments of an employee are events with ids and dates only', async () => {
    const e = await newEmployee(t, { hireDate: '2026-01-05' });
    const [a, b] = [
      await created('/payroll/pay-schedules', { code: code('PA'), name: 'Monthly A', frequency: 'monthly', payDateRule: 'last_working_day' }),
      await created('/payroll/pay-schedules', { code: code('PB'), name: 'Monthly B', frequency: 'monthly', payDateRule: 'last_working_day' }),
    ];
    const comp = await created(`/payroll/employees/${e.id}/compensation`, { effectiveFrom: '2026-01-05', basis: 'annual_salary', amount: '98765.43', currency: 'EUR', nightPremiumRate: '7.25' });
    expect(await events(comp.id)).toEqual([{ topic: 'payroll.compensation.created', aggregate_type: 'compensation', payload: { compensationId: comp.id, employeeId: e.id, effectiveFrom: '2026-01-05' } }]);

    // First assignment, a move, and a repeat that changes nothing (no event).
    for (const s of [a, b, b]) expect((await t.http.post(`/payroll/pay-schedules/${s.id}/employees`).set(admin).send({ employeeId: e.id })).status).toBe(200);
    expect((await events(e.id)).filter((x) => x.topic.startsWith('payroll.')).map((x) => [x.topic, x.aggregate_type, x.payload])).toEqual([
      ['payroll.schedule_assignment.created', 'schedule_assignment', { employeeId: e.id, payScheduleId: a.id, previousPayScheduleId: null }],
      ['payroll.schedule_assignment.updated', 'schedule_assignment', { employeeId: e.id, payScheduleId: b.id, previousPayScheduleId: a.id }],
    ]);

    const ruleSetCode = code('RA');
    await created('/payroll/rule-sets', { code: ruleSetCode, validFrom: '2026-01-01', name: 'Rules', taxAllowance: '0', taxBrackets: [{ threshold: '0', rate: '0.10' }], contributions: [] });
    const rsa = await created(`/payroll/employees/${e.id}/rule-set`, { ruleSetCode, effectiveFrom: '2026-02-01' });
    expect(await events(rsa.id)).toEqual([{ topic: 'payroll.rule_set_assignment.created', aggregate_type: 'rule_set_assignment', payload: { assignmentId: rsa.id, employeeId: e.id, ruleSetCode, effectiveFrom: '2026-02-01' } }]);

    const bonus = await created('/payroll/pay-components', { code: code('BON'), name: 'Site bonus', kind: 'earning', taxable: true, calculationType: 'fixed', amount: '10', glAccount: '6020' });
    const personal = await created(`/payroll/pay-components/${bonus.id}/assignments`, { employeeId: e.id, effectiveFrom: '2026-02-01', effectiveTo: '2026-06-30', amount: '77.77' });
    const everyone = await created(`/payroll/pay-components/${bonus.id}/assignments`, { payScheduleId: b.id, effectiveFrom: '2026-01-01' });
    expect((await events(personal.id)).map((x) => [x.topic, x.aggregate_type, x.payload])).toEqual([
      ['payroll.component_assignment.created', 'component_assignment', { assignmentId: personal.id, payComponentId: bonus.id, employeeId: e.id, payScheduleId: null, effectiveFrom: '2026-02-01', effectiveTo: '2026-06-30', overriddenFields: ['amount'] }],
    ]);
    expect((await events(everyone.id)).map((x) => x.payload)).toEqual([{ assignmentId: everyone.id, payComponentId: bonus.id, employeeId: null, payScheduleId: b.id, effectiveFrom: '2026-01-01', effectiveTo: null, overriddenFields: [] }]);
    expect(await leaks()).toEqual([]);
  });

  it('setting an employee\'s pay run inputs is an event naming the inputs that changed, never their values', async () => {
    const e = await newEmployee(t, { hireDate: '2026-01-05' });
    const schedule = await created('/payroll/pay-schedules', { code: code('PR'), name: 'Monthly', frequency: 'monthly', payDateRule: 'last_working_day' });
    expect((await t.http.post(`/payroll/pay-schedules/${schedule.id}/employees`).set(admin).send({ employeeId: e.id })).status).toBe(200);
    const run = await created('/payroll/pay-runs', { payScheduleId: schedule.id, periodStart: '2026-04-01' });
    const put = (body: object) => t.http.put(`/payroll/pay-runs/${run.id}/inputs/${e.id}`).set(admin).send(body);
    expect((await put({ bonus: '555.55', unpaidDays: ['2026-04-10'] })).status).toBe(200);
    expect((await put({ bonus: '666.66' })).status).toBe(200);
    // the same inputs again change nothing: the run keeps its version, no audit entry, no event
    const runBefore = (await t.http.get(`/payroll/pay-runs/${run.id}`).set(admin)).body;
    const audited = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1', [run.id]))[0].n;
    const auditsBefore = await audited();
    expect((await put({ bonus: '666.66' })).body).toMatchObject({ bonus: '666.66', version: 2 });
    expect((await t.http.get(`/payroll/pay-runs/${run.id}`).set(admin)).body).toEqual(runBefore);
    expect(await audited()).toBe(auditsBefore);
    expect((await events(run.id)).map((x) => [x.topic, x.aggregate_type, x.payload])).toEqual([
      ['payroll.pay_run.created', 'pay_run', expect.objectContaining({ payRunId: run.id, status: 'draft' })],
      ['payroll.pay_run_input.set', 'pay_run', { payRunId: run.id, employeeId: e.id, version: 1, changedFields: ['bonus', 'unpaidDays'] }],
      ['payroll.pay_run_input.set', 'pay_run', { payRunId: run.id, employeeId: e.id, version: 2, changedFields: ['bonus', 'unpaidDays'] }],
    ]);
    expect(await leaks()).toEqual([]);
  });
});

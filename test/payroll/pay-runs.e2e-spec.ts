import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const code = (p: string) => `${p}-${randomBytes(3).toString('hex').toUpperCase()}`;
type Line = { lineNo: number; kind: string; code: string; amount: string; ytd: string; explanation: string };
const figures = (lines: Line[]) => lines.map((l) => [l.kind, l.code, l.amount]);

/**
 * A small company paid for March 2026 (31 days, calendar-day proration), every figure by hand.
 * Rule set: allowance 1000; 10 % from 0, 20 % from 2000; pension 5 % employee / 8 % employer of
 * gross, nothing below 500, capped at 4000. Everyone on the schedule gets MEAL (100, not taxable).
 */
describe('payroll pay runs: a monthly payroll for a small company', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let clerk: Record<string, string>;
  let approver: Record<string, string>;
  let ruleSetCode: string;
  let scheduleId: string;
  const people: Record<string, { id: string; employeeNumber: string }> = {};
  let runId: string;

  const send = (method: 'post' | 'put' | 'get', path: string, who: Record<string, string>, body?: unknown) => {
    const req = t.http[method](path).set(who);
    return body === undefined ? req : req.send(body as object);
  };
  const payslipOf = async (run: string, employeeId: string) => {
    const preview = await send('get', `/payroll/pay-runs/${run}/preview?limit=200`, admin);
    expect(preview.status).toBe(200);
    const summary = preview.body.data.find((p: { employeeId: string }) => p.employeeId === employeeId);
    return summary ? (await send('get', `/payroll/payslips/${summary.id}`, admin)).body : undefined;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    clerk = bearer(await t.key(['payroll:read', 'payroll:write', 'hr:sensitive'], 'payroll-clerk'));
    approver = bearer(await t.key(['payroll:read', 'payroll:approve'], 'payroll-approver'));

    // configuration through the API
    ruleSetCode = code('RS');
    expect(
      (
        await send('post', '/payroll/rule-sets', admin, {
          code: ruleSetCode,
          validFrom: '2026-01-01',
          name: 'Standard 2026',
          taxAllowance: '1000',
          taxBrackets: [{ threshold: '0', rate: '0.10' }, { threshold: '2000', rate: '0.20' }],
          contributions: [{ code: 'PENSION', name: 'State pension', base: 'gross', employeeRate: '0.05', employerRate: '0.08', lowerThreshold: '500', upperCap: '4000' }],
        })
      ).status,
    ).toBe(201);
    const schedule = await send('post', '/payroll/pay-schedules', admin, { code: code('PS'), name: 'Monthly', frequency: 'monthly', payDateRule: 'last_working_day', prorationMethod: 'calendar_days' });
    expect(schedule.status).toBe(201);
    scheduleId = schedule.body.id;
    const meal = await send('post', '/payroll/pay-components', admin, { code: code('MEAL'), name: 'Meal allowance', kind: 'earning', taxable: false, calculationType: 'fixed', amount: '100', glAccount: '6010' });
    expect(meal.status).toBe(201);
    expect((await send('post', `/payroll/pay-components/${meal.body.id}/assignments`, admin, { payScheduleId: scheduleId, effectiveFrom: '2026-01-01' })).status).toBe(201);
    const savings = await send('post', '/payroll/pay-components', admin, { code: code('SAV'), name: 'Savings plan', kind: 'pre_tax_deduction', calculationType: 'percentage', rate: '0.03', base: 'gross', glAccount: '2320' });
    expect(savings.status).toBe(201);

    const calendar = await send('post', '/hr/calendars', admin, { name: 'Head office', timeZone: 'UTC', country: 'DE', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00', location: code('LOC') });
    expect(calendar.status).toBe(201);
    const hire = async (name: string, hireDate: string, compensation: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const e = await newEmployee(t, { firstName: name, hireDate, workCalendarId: calendar.body.id, ...extra });
      expect((await send('post', `/payroll/employees/${e.id}/compensation`, admin, { effectiveFrom: hireDate, currency: 'EUR', ...compensation })).status).toBe(201);
      expect((await send('post', `/payroll/pay-schedules/${scheduleId}/employees`, admin, { employeeId: e.id })).status).toBe(200);
      expect((await send('post', `/payroll/employees/${e.id}/rule-set`, admin, { ruleSetCode, effectiveFrom: '2026-01-01' })).status).toBe(201);
      people[name] = e;
      return e;
    };
    await hire('Alice', '2020-01-01', { basis: 'annual_salary', amount: '60000' }, { iban: 'DE89370400440532013000' });
    await hire('Bob', '2020-01-01', { basis: 'hourly', amount: '20', overtimeMultiplier: '1.5' });
    await hire('Carol', '2026-03-16', { basis: 'monthly_salary', amount: '3100' });
    await hire('Dave', '2020-01-01', { basis: 'monthly_salary', amount: '3100' });
    await hire('Erin', '2020-01-01', { basis: 'monthly_salary', amount: '3100' }, { managerId: people.Alice.id });
    expect((await send('post', `/payroll/pay-components/${savings.body.id}/assignments`, admin, { employeeId: people.Alice.id, effectiveFrom: '2026-01-01' })).status).toBe(201);
    // Dave leaves on 10 March
    expect((await send('post', `/hr/employees/${people.Dave.id}/terminate`, admin, { terminationDate: '2026-03-10', reason: 'Resigned' })).status).toBe(200);
    // Erin takes two days of approved unpaid leave (Thursday and Friday)
    const unpaid = await send('post', '/hr/leave-types', admin, { code: 'UNPAID', name: 'Unpaid', paid: false, unit: 'days', halfDaysAllowed: false, accrualPolicy: 'none', allowNegative: true, approver: 'manager' });
    expect(unpaid.status).toBe(201);
    const leave = await send('post', '/hr/leave-requests', admin, { employeeId: people.Erin.id, leaveTypeId: unpaid.body.id, startDate: '2026-03-05', endDate: '2026-03-06' });
    expect(leave.status).toBe(201);
    expect((await send('post', `/hr/leave-requests/${leave.body.id}/submit`, admin)).status).toBe(200);
    expect((await send('post', `/hr/leave-requests/${leave.body.id}/approve`, admin, { approverEmployeeId: people.Alice.id })).status).toBe(200);
    // Bob's approved timesheet for March: 160 h regular and 10 h overtime (HR owns it; written here as HR would store it)
    await t.sql(
      `INSERT INTO hr_timesheets (id, employee_id, period_start, period_end, status, regular_minutes, overtime_minutes, night_minutes, holiday_minutes, approved_at)
       VALUES (gen_random_uuid(), $1, '2026-03-02', '2026-03-29', 'approved', 9600, 600, 0, 0, now())`,
      [people.Bob.id],
    );
  });
  afterAll(() => t.close());

  it('creates a draft for the schedule\'s period; a second regular run for it is 409', async () => {
    const run = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: scheduleId, periodStart: '2026-03-14' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ type: 'regular', periodStart: '2026-03-01', periodEnd: '2026-03-31', payDate: '2026-03-31', status: 'draft', totals: null, allowedActions: ['edit_inputs', 'calculate', 'cancel'] });
    expect(run.headers.etag).toBe('"1"');
    runId = run.body.id;
    const again = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: scheduleId, periodStart: '2026-03-01' });
    expect(again.status).toBe(409);
    const preview = await send('get', `/payroll/pay-runs/${runId}/preview`, admin);
    expect(preview.status).toBe(409);
    expect(preview.body.code).toBe('pay_run_not_calculated');
    const approve = await send('post', `/payroll/pay-runs/${runId}/approve`, approver);
    expect(approve.body.code).toBe('pay_run_not_calculated');
  });

  it('takes one-off inputs only for employees on the schedule and inside the period', async () => {
    const bonus = await send('put', `/payroll/pay-runs/${runId}/inputs/${people.Alice.id}`, clerk, { bonus: '500.00' });
    expect(bonus.status).toBe(200);
    expect(bonus.body).toMatchObject({ bonus: '500.00', commission: '0.00', unpaidDays: [] });
    const outsider = await newEmployee(t, { hireDate: '2020-01-01' });
    const notOnSchedule = await send('put', `/payroll/pay-runs/${runId}/inputs/${outsider.id}`, clerk, { bonus: '1' });
    expect(notOnSchedule.status).toBe(422);
    expect(notOnSchedule.body.code).toBe('employee_not_on_schedule');
    const outside = await send('put', `/payroll/pay-runs/${runId}/inputs/${people.Bob.id}`, clerk, { unpaidDays: ['2026-04-01'] });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('invalid_date_range');
    const stale = await send('put', `/payroll/pay-runs/${runId}/inputs/${people.Bob.id}`, clerk, { bonus: '1' }).set('If-Match', '"1"');
    expect(stale.status).toBe(412);
  });

  it('calculates every payslip with hand-computed figures, and the lines sum to net', async () => {
    const calc = await send('post', `/payroll/pay-runs/${runId}/calculate`, clerk);
    expect(calc.status).toBe(200);
    // gross 5600 + 3600 + 1700 + 1100 + 3000; net 4565.60 + 3120 + 1555 + 1045 + 2660; employer 320 + 288 + 136 + 88 + 240
    expect(calc.body).toMatchObject({ status: 'calculated', employeeCount: 5, calculatedBy: 'payroll-clerk', totals: { currency: 'EUR', gross: '15000.00', net: '12945.60', employerContributions: '1072.00' } });

    const alice = await payslipOf(runId, people.Alice.id);
    const meal = alice.lines.find((l: Line) => l.code.startsWith('MEAL-')).code;
    const sav = alice.lines.find((l: Line) => l.code.startsWith('SAV-')).code;
    // taxable 5500 − savings 168 = 5332 − 1000 = 4332: 200 + 2332 × 20 % = 666.40; pension 5 % of 4000 (cap)
    expect(figures(alice.lines)).toEqual([
      ['earning', 'SALARY', '5000.00'],
      ['earning', 'BONUS', '500.00'],
      ['earning', meal, '100.00'],
      ['pre_tax_deduction', sav, '168.00'],
      ['tax', 'INCOME_TAX', '666.40'],
      ['tax', 'PENSION', '200.00'],
      ['employer_contribution', 'PENSION', '320.00'],
    ]);
    expect(alice.totals).toMatchObject({ gross: '5600.00', taxableGross: '5500.00', preTaxDeductions: '168.00', taxes: '866.40', net: '4565.60', employerContributions: '320.00' });
    expect(alice.lines.find((l: Line) => l.code === 'INCOME_TAX').explanation).toContain('allowance 1000');
    expect(alice.ruleSet).toEqual({ code: ruleSetCode, validFrom: '2026-01-01' });

    // Bob: 160 h × 20 + 10 h × 20 × 1.5 from the approved timesheet
    const bob = await payslipOf(runId, people.Bob.id);
    expect(figures(bob.lines)).toEqual([
      ['earning', 'REGULAR', '3200.00'],
      ['earning', 'OVERTIME', '300.00'],
      ['earning', meal, '100.00'],
      ['tax', 'INCOME_TAX', '300.00'],
      ['tax', 'PENSION', '180.00'],
      ['employer_contribution', 'PENSION', '288.00'],
    ]);
    expect(bob.totals.net).toBe('3120.00');

    // Carol, hired on the 16th: 3100 × 16/31; Dave, left on the 10th: 3100 × 10/31; Erin: 2 unpaid days, 3100 × 29/31
    const carol = await payslipOf(runId, people.Carol.id);
    expect(figures(carol.lines).slice(0, 1)).toEqual([['earning', 'SALARY', '1600.00']]);
    expect(carol.lines[0].explanation).toContain('16/31 calendar days (2026-03-16–2026-03-31)');
    expect(carol.totals).toMatchObject({ gross: '1700.00', taxes: '145.00', net: '1555.00' });
    const dave = await payslipOf(runId, people.Dave.id);
    expect(figures(dave.lines)).toEqual([
      ['earning', 'SALARY', '1000.00'],
      ['earning', meal, '100.00'],
      ['tax', 'INCOME_TAX', '0.00'],
      ['tax', 'PENSION', '55.00'],
      ['employer_contribution', 'PENSION', '88.00'],
    ]);
    expect(dave.totals.net).toBe('1045.00');
    const erin = await payslipOf(runId, people.Erin.id);
    expect(erin.lines[0]).toMatchObject({ code: 'SALARY', amount: '2900.00' });
    expect(erin.lines[0].explanation).toContain('2 unpaid');
    expect(erin.totals).toMatchObject({ gross: '3000.00', taxes: '340.00', net: '2660.00' });

    for (const slip of [alice, bob, carol, dave, erin]) {
      const sign = (k: string) => (k === 'earning' ? 1 : k === 'employer_contribution' ? 0 : -1);
      const cents = slip.lines.reduce((s: number, l: Line) => s + sign(l.kind) * Math.round(Number(l.amount) * 100), 0);
      expect(cents).toBe(Math.round(Number(slip.totals.net) * 100));
      expect(slip.lines.map((l: Line) => l.ytd)).toEqual(slip.lines.map((l: Line) => l.amount)); // first run of the year
    }
  });

  it('a second calculation of the draft gives byte-identical payslips', async () => {
    const before = await send('get', `/payroll/pay-runs/${runId}/preview?limit=200`, admin);
    const slipsBefore = await Promise.all(before.body.data.map((p: { id: string }) => send('get', `/payroll/payslips/${p.id}`, admin)));
    const again = await send('post', `/payroll/pay-runs/${runId}/calculate`, clerk);
    expect(again.status).toBe(200);
    const after = await send('get', `/payroll/pay-runs/${runId}/preview?limit=200`, admin);
    expect(after.body.data).toEqual(before.body.data);
    const slipsAfter = await Promise.all(after.body.data.map((p: { id: string }) => send('get', `/payroll/payslips/${p.id}`, admin)));
    expect(slipsAfter.map((r) => r.text)).toEqual(slipsBefore.map((r) => r.text));
  });

  it('approval needs payroll:approve and a key other than the one that calculated it; approve refuses twice', async () => {
    const noScope = await send('post', `/payroll/pay-runs/${runId}/approve`, clerk);
    expect(noScope.status).toBe(403);
    expect(noScope.body.code).toBe('missing_scope');
    const selfApproval = await send('post', `/payroll/pay-runs/${runId}/calculate`, admin);
    expect(selfApproval.status).toBe(200);
    const fourEyes = await send('post', `/payroll/pay-runs/${runId}/approve`, admin);
    expect(fourEyes.status).toBe(409);
    expect(fourEyes.body.code).toBe('four_eyes_required');
    expect((await send('post', `/payroll/pay-runs/${runId}/calculate`, clerk)).status).toBe(200);
    const current = await send('get', `/payroll/pay-runs/${runId}`, admin);
    const stale = await send('post', `/payroll/pay-runs/${runId}/approve`, approver).set('If-Match', `"${current.body.version - 1}"`);
    expect(stale.status).toBe(412);
    const approved = await send('post', `/payroll/pay-runs/${runId}/approve`, approver).set('If-Match', current.headers.etag);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'payroll-approver', allowedActions: ['mark_paid'] });
    const twice = await send('post', `/payroll/pay-runs/${runId}/approve`, approver);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'approved' });
    const events = await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [runId]);
    expect(events.map((e) => e.topic)).toEqual(['payroll.pay_run.created', 'payroll.pay_run_input.set', ...Array(4).fill('payroll.pay_run.calculated'), 'payroll.pay_run.approved']);
  });

  it('an approved payslip cannot be changed by any endpoint, nor in the database', async () => {
    const alice = await payslipOf(runId, people.Alice.id);
    for (const [method, path, body] of [
      ['post', `/payroll/pay-runs/${runId}/calculate`, undefined],
      ['put', `/payroll/pay-runs/${runId}/inputs/${people.Alice.id}`, { bonus: '9999' }],
      ['post', `/payroll/pay-runs/${runId}/cancel`, undefined],
    ] as const) {
      const res = await send(method, path, admin, body);
      expect([res.status, res.body.code]).toEqual([409, 'invalid_state_transition']);
    }
    await expect(t.sql(`UPDATE payroll_payslips SET employee_name = 'Mallory' WHERE id = $1`, [alice.id])).rejects.toThrow('cannot change');
    await expect(t.sql('DELETE FROM payroll_payslip_lines WHERE payslip_id = $1', [alice.id])).rejects.toThrow('cannot change');
    await expect(t.sql(`UPDATE payroll_pay_runs SET status = 'draft' WHERE id = $1`, [runId])).rejects.toThrow('cannot be reopened');
    expect((await send('get', `/payroll/payslips/${alice.id}`, admin)).body).toEqual(alice);
  });

  it('exports the approved run: bank file with IBANs (payroll:export + hr:sensitive) and a balanced journal', async () => {
    const noExportScope = await send('get', `/payroll/pay-runs/${runId}/bank-file`, clerk);
    expect(noExportScope.status).toBe(403);
    // IBANs are sensitive fields: the export scope alone does not reveal them.
    const notSensitive = await send('get', `/payroll/pay-runs/${runId}/bank-file`, bearer(await t.key(['payroll:export'], 'bank-export-plain')));
    expect(notSensitive.status).toBe(403);
    expect(notSensitive.body.detail).toContain('hr:sensitive');
    const exporter = bearer(await t.key(['payroll:export', 'hr:sensitive'], 'bank-export'));
    const bank = await send('get', `/payroll/pay-runs/${runId}/bank-file`, exporter);
    expect(bank.status).toBe(200);
    expect(bank.headers['content-type']).toMatch(/^text\/csv/);
    const rows = bank.text.trim().split('\n');
    expect(rows[0]).toBe('name,iban,amount,currency,reference');
    expect(rows).toHaveLength(6);
    expect(rows).toContain(`Alice ${(await t.sql<{ last_name: string }>('SELECT last_name FROM hr_employees WHERE id = $1', [people.Alice.id]))[0].last_name},DE89370400440532013000,4565.60,EUR,Salary 2026-03-31 ${people.Alice.employeeNumber}`);

    const journal = await send('get', `/payroll/pay-runs/${runId}/journal`, admin);
    expect(journal.status).toBe(200);
    const lines = journal.text.trim().split('\n').slice(1).map((l) => l.split(','));
    const byAccount = (account: string, side: 2 | 3) => lines.filter((l) => l[0] === account).reduce((s, l) => s + Number(l[side] || 0), 0);
    expect(byAccount('6000', 2)).toBeCloseTo(10500 + 3200 + 300 + 500, 2);
    expect(byAccount('6010', 2)).toBeCloseTo(500, 2);
    expect(byAccount('6100', 2)).toBeCloseTo(1072, 2);
    expect(byAccount('2320', 3)).toBeCloseTo(168, 2);
    expect(byAccount('2300', 3)).toBeCloseTo(1216.4 + 670 + 1072, 2);
    expect(lines.find((l) => l[0] === '2200')).toEqual(['2200', 'Net pay 2026-03-31', '', '12945.60', 'EUR']);
    const debit = lines.reduce((s, l) => s + Math.round(Number(l[2] || 0) * 100), 0);
    const credit = lines.reduce((s, l) => s + Math.round(Number(l[3] || 0) * 100), 0);
    expect(debit).toBe(credit);

    const paid = await send('post', `/payroll/pay-runs/${runId}/mark-paid`, approver);
    expect(paid.body).toMatchObject({ status: 'paid', allowedActions: [] });
    expect((await send('get', `/payroll/employees/${people.Alice.id}/payslips`, admin)).body.data.map((p: { net: string }) => p.net)).toEqual(['4565.60']);
  });

  it('an off-cycle correction run pays only its inputs and adjusts year-to-date totals', async () => {
    const noReason = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: scheduleId, type: 'off_cycle', periodStart: '2026-03-01', periodEnd: '2026-03-31', payDate: '2026-04-15' });
    expect(noReason.status).toBe(422);
    const run = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: scheduleId, type: 'off_cycle', periodStart: '2026-03-01', periodEnd: '2026-03-31', payDate: '2026-04-15', reason: 'March corrections' });
    expect(run.status).toBe(201);
    expect((await send('put', `/payroll/pay-runs/${run.body.id}/inputs/${people.Alice.id}`, clerk, { bonus: '250' })).status).toBe(200);
    expect((await send('put', `/payroll/pay-runs/${run.body.id}/inputs/${people.Bob.id}`, clerk, { correction: '60.00' })).status).toBe(200);
    const calc = await send('post', `/payroll/pay-runs/${run.body.id}/calculate`, clerk);
    expect(calc.body).toMatchObject({ employeeCount: 2, totals: { gross: '310.00', net: '310.00' } });
    expect((await send('post', `/payroll/pay-runs/${run.body.id}/approve`, approver)).status).toBe(200);

    const alice = await payslipOf(run.body.id, people.Alice.id);
    // no salary, no meal allowance: 250 is below the allowance and the pension threshold
    expect(alice.lines.map((l: Line) => [l.kind, l.code, l.amount, l.ytd])).toEqual([
      ['earning', 'BONUS', '250.00', '750.00'],
      ['tax', 'INCOME_TAX', '0.00', '666.40'],
      ['tax', 'PENSION', '0.00', '200.00'],
      ['employer_contribution', 'PENSION', '0.00', '320.00'],
    ]);
    const bob = await payslipOf(run.body.id, people.Bob.id);
    expect(bob.lines[0]).toMatchObject({ code: 'CORRECTION', amount: '60.00', ytd: '60.00', explanation: 'correction: March corrections' });
    expect((await send('get', `/payroll/employees/${people.Alice.id}/payslips`, admin)).body.data.map((p: { payDate: string; net: string }) => [p.payDate, p.net])).toEqual([
      ['2026-04-15', '250.00'],
      ['2026-03-31', '4565.60'],
    ]);
  });

  it('parallel approve and calculate on one run keep one outcome', async () => {
    const run = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: scheduleId, periodStart: '2026-05-01' });
    expect((await send('post', `/payroll/pay-runs/${run.body.id}/calculate`, clerk)).status).toBe(200);
    const slip = await payslipOf(run.body.id, people.Alice.id);
    const [approve, calculate, approveAgain] = await Promise.all([
      send('post', `/payroll/pay-runs/${run.body.id}/approve`, approver),
      send('post', `/payroll/pay-runs/${run.body.id}/calculate`, clerk),
      send('post', `/payroll/pay-runs/${run.body.id}/approve`, approver),
    ]);
    const approvals = [approve, approveAgain].map((r) => r.status).sort();
    expect(approvals).toEqual([200, 409]);
    expect([200, 409]).toContain(calculate.status);
    const final = await send('get', `/payroll/pay-runs/${run.body.id}`, admin);
    expect(final.body.status).toBe('approved');
    const count = await t.sql<{ n: string }>('SELECT count(*)::text AS n FROM payroll_payslips WHERE pay_run_id = $1', [run.body.id]);
    expect(count[0].n).toBe('4'); // Dave left in March
    expect(await payslipOf(run.body.id, people.Alice.id)).toEqual(slip);
  });

  it('refuses what cannot be paid or exported, naming the reason', async () => {
    const schedule = await send('post', '/payroll/pay-schedules', admin, { code: code('PS'), name: 'Weekly', frequency: 'weekly', anchorDate: '2026-01-05', payDateRule: 'days_after_period_end', payDateOffsetDays: 3, prorationMethod: 'working_days' });
    expect(schedule.body.prorationMethod).toBe('working_days');
    const e = await newEmployee(t, { hireDate: '2020-01-01' });
    expect((await send('post', `/payroll/pay-schedules/${schedule.body.id}/employees`, admin, { employeeId: e.id })).status).toBe(200);
    const unknownRuleSet = await send('post', `/payroll/employees/${e.id}/rule-set`, admin, { ruleSetCode: 'NOPE', effectiveFrom: '2026-01-01' });
    expect([unknownRuleSet.status, unknownRuleSet.body.code]).toEqual([422, 'no_rule_set']);

    const run = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: schedule.body.id, periodStart: '2026-03-04' });
    expect(run.body).toMatchObject({ periodStart: '2026-03-02', periodEnd: '2026-03-08', payDate: '2026-03-11' });
    const noRuleSet = await send('post', `/payroll/pay-runs/${run.body.id}/calculate`, clerk);
    expect([noRuleSet.status, noRuleSet.body.code]).toEqual([422, 'no_rule_set']);
    expect((await send('post', `/payroll/employees/${e.id}/rule-set`, admin, { ruleSetCode, effectiveFrom: '2026-01-01' })).status).toBe(201);
    const noPay = await send('post', `/payroll/pay-runs/${run.body.id}/calculate`, clerk);
    expect([noPay.status, noPay.body.code, noPay.body.employeeId]).toEqual([422, 'cannot_calculate', e.id]);
    expect((await send('get', `/payroll/pay-runs/${run.body.id}`, admin)).body).toMatchObject({ status: 'draft', version: 1 }); // nothing kept

    const notApproved = await send('get', `/payroll/pay-runs/${run.body.id}/journal`, admin);
    expect([notApproved.status, notApproved.body.code]).toEqual([409, 'pay_run_not_approved']);
    const paidEarly = await send('post', `/payroll/pay-runs/${run.body.id}/mark-paid`, approver);
    expect([paidEarly.status, paidEarly.body.code]).toEqual([409, 'invalid_state_transition']);
    const reader = bearer(await t.key(['payroll:read'], 'reader'));
    expect((await send('get', `/payroll/pay-runs/${run.body.id}`, reader)).status).toBe(200);
    expect((await send('get', `/payroll/pay-runs/${run.body.id}/preview`, reader)).status).toBe(403);
    const cancelled = await send('post', `/payroll/pay-runs/${run.body.id}/cancel`, clerk);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedActions: [] });
    expect((await send('post', '/payroll/pay-runs', clerk, { payScheduleId: schedule.body.id, periodStart: '2026-03-02' })).status).toBe(201);
    const listed = await send('get', `/payroll/pay-runs?payScheduleId=${schedule.body.id}&status=cancelled`, admin);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([run.body.id]);
  });

  it('calculates set-wise: the same number of queries for 2 and for 6 employees', async () => {
    const queriesToCalculate = async (employees: number) => {
      const schedule = await send('post', '/payroll/pay-schedules', admin, { code: code('PS'), name: 'Set-wise', frequency: 'monthly', payDateRule: 'last_working_day' });
      for (let i = 0; i < employees; i++) {
        const e = await newEmployee(t, { hireDate: '2020-01-01' });
        await send('post', `/payroll/employees/${e.id}/compensation`, admin, { effectiveFrom: '2020-01-01', currency: 'EUR', basis: i % 2 ? 'hourly' : 'annual_salary', amount: i % 2 ? '20' : '48000' });
        await send('post', `/payroll/pay-schedules/${schedule.body.id}/employees`, admin, { employeeId: e.id });
      }
      const run = await send('post', '/payroll/pay-runs', clerk, { payScheduleId: schedule.body.id, periodStart: '2026-06-01', ruleSetCode });
      const original = Client.prototype.query;
      let count = 0;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        count++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const res = await send('post', `/payroll/pay-runs/${run.body.id}/calculate`, clerk);
        expect(res.body.employeeCount).toBe(employees);
      } finally {
        Client.prototype.query = original;
      }
      return count;
    };
    const small = await queriesToCalculate(2);
    const larger = await queriesToCalculate(6);
    expect(larger).toBe(small);
    expect(small).toBeGreaterThan(10); // the counter sees the app's queries
    expect(small).toBeLessThan(40);
  });

  it('validates pay components: reserved codes, inconsistent calculations, stale versions', async () => {
    const reserved = await send('post', '/payroll/pay-components', admin, { code: 'BONUS', name: 'Bonus', kind: 'earning', calculationType: 'fixed', amount: '1', glAccount: '6000' });
    expect([reserved.status, reserved.body.code]).toEqual([422, 'reserved_component_code']);
    const inconsistent = await send('post', '/payroll/pay-components', admin, { code: code('X'), name: 'X', kind: 'tax', taxable: true, calculationType: 'fixed', amount: '1', glAccount: '2300' });
    expect([inconsistent.status, inconsistent.body.code]).toEqual([422, 'invalid_component']);
    const noRate = await send('post', '/payroll/pay-components', admin, { code: code('X'), name: 'X', kind: 'earning', calculationType: 'percentage', base: 'gross', glAccount: '6000' });
    expect(noRate.body.errors).toEqual([{ field: 'rate', message: 'A percentage component needs a rate.' }]);
    const c = await send('post', '/payroll/pay-components', admin, { code: code('STBY'), name: 'Standby', kind: 'earning', taxable: true, calculationType: 'hours_times_rate', rate: '5', glAccount: '6020' });
    expect(c.status).toBe(201);
    const patch = await t.http.patch(`/payroll/pay-components/${c.body.id}`).set(admin).set('If-Match', '"1"').send({ name: 'Standby hours', active: false });
    expect(patch.body).toMatchObject({ name: 'Standby hours', active: false, version: 2 });
    const stale = await t.http.patch(`/payroll/pay-components/${c.body.id}`).set(admin).set('If-Match', '"1"').send({ name: 'Again' });
    expect(stale.status).toBe(412);
    const list = await send('get', '/payroll/pay-components?kind=earning&limit=200', admin);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(c.body.id);
  });
});

import { HrFacade } from '../../src/modules/hr';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('HR calendars and time off', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let writer: Record<string, string>; // hr:read + hr:write, no hr:approve
  let approver: Record<string, string>; // hr:read + hr:approve
  let calendarId: string;
  let annualId: string;

  const leaveType = async (overrides: Record<string, unknown>) => {
    const res = await t.http.post('/hr/leave-types').set(admin).send({
      code: `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      name: 'Annual leave', paid: true, unit: 'days', halfDaysAllowed: true, accrualPolicy: 'none',
      allowNegative: false, approver: 'manager', ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string };
  };
  const request = (employeeId: string, leaveTypeId: string, startDate: string, endDate: string, extra: Record<string, unknown> = {}) =>
    t.http.post('/hr/leave-requests').set(writer).send({ employeeId, leaveTypeId, startDate, endDate, ...extra });
  const balance = async (employeeId: string, leaveTypeId: string, asOf?: string) => {
    const res = await t.http.get(`/hr/employees/${employeeId}/leave-balances`).query(asOf ? { asOf } : {}).set(admin);
    expect(res.status).toBe(200);
    return res.body.balances.find((b: { leaveTypeId: string }) => b.leaveTypeId === leaveTypeId) as Record<string, string>;
  };
  const grant = (employeeId: string, leaveTypeId: string, amount: string) =>
    t.http.post(`/hr/employees/${employeeId}/leave-adjustments`).set(admin).send({ leaveTypeId, amount, effectiveDate: '2026-01-01', reason: 'Opening balance' }).expect(201);
  const staff = async () => {
    const manager = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    const employee = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId, managerId: manager.id });
    return { manager, employee };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    writer = bearer(await t.key(['hr:read', 'hr:write']));
    approver = bearer(await t.key(['hr:read', 'hr:approve']));
    const cal = await t.http.post('/hr/calendars').set(admin).send({
      name: 'New York office', timeZone: 'America/New_York', country: 'US', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00',
      location: 'New York', closures: [{ date: '2026-12-24', name: 'Office closed' }],
    });
    expect(cal.status).toBe(201);
    calendarId = cal.body.id;
    annualId = (await leaveType({ code: 'ANNUAL' })).id;
  });
  afterAll(() => t.close());

  it('counts working days across a public holiday, a closure and a weekend', async () => {
    const res = await t.http.get(`/hr/calendars/${calendarId}/working-days`).query({ from: '2026-12-21', to: '2026-12-28' }).set(writer);
    expect(res.status).toBe(200);
    expect(res.body.workingDays).toBe(4);
    expect(res.body.days.map((d: { kind: string }) => d.kind)).toEqual(['working', 'working', 'working', 'closure', 'public_holiday', 'weekend', 'weekend', 'working']);
    expect(res.body.days[4]).toEqual({ date: '2026-12-25', kind: 'public_holiday', name: 'Christmas Day' });
    const bad = await t.http.get(`/hr/calendars/${calendarId}/working-days`).query({ from: '2026-12-28', to: '2026-12-21' }).set(writer);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid_date_range');
    const region = await t.http.post('/hr/calendars').set(admin).send({ name: 'Nowhere', timeZone: 'Mars/Olympus', country: 'ZZ', workingWeekdays: [1], dailyHours: '8' });
    expect(region.status).toBe(422);
  });

  it('prices a half-day request in working days of the employee\'s calendar (found through the work location)', async () => {
    const e = await newEmployee(t, { hireDate: '2020-01-06', workLocation: 'New York' });
    const res = await request(e.id, annualId, '2026-12-22', '2026-12-28', { halfDayEnd: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount: '2.50', unit: 'days', status: 'draft', allowedActions: ['submit', 'cancel'] });
    const noHalf = await leaveType({ halfDaysAllowed: false });
    const refused = await request(e.id, noHalf.id, '2026-12-22', '2026-12-22', { halfDayStart: true });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('half_days_not_allowed');
    const nowhere = await newEmployee(t, { hireDate: '2020-01-06' });
    expect((await request(nowhere.id, annualId, '2026-12-22', '2026-12-22')).body.code).toBe('no_work_calendar');
  });

  it('prices a request again on submission when the calendar has changed', async () => {
    const cal = await t.http.post('/hr/calendars').set(admin).send({ name: 'Small office', timeZone: 'America/Chicago', country: 'US', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '7.50' });
    const e = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: cal.body.id });
    await grant(e.id, annualId, '10');
    const r = await request(e.id, annualId, '2026-10-12', '2026-10-16'); // Columbus Day on Monday 12 October
    expect(r.body.amount).toBe('4.00');
    await t.http.patch(`/hr/calendars/${cal.body.id}`).set(admin).set('If-Match', '"1"').send({ closures: [{ date: '2026-10-16', name: 'Move to the new office' }] }).expect(200);
    const submitted = await t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer);
    expect(submitted.body).toMatchObject({ status: 'submitted', amount: '3.00' });
  });

  it('refuses an overlapping request with 409, but two halves of one day fit', async () => {
    const { employee } = await staff();
    await grant(employee.id, annualId, '20');
    const first = await request(employee.id, annualId, '2026-11-02', '2026-11-04', { halfDayEnd: true });
    await t.http.post(`/hr/leave-requests/${first.body.id}/submit`).set(writer).expect(200);
    const overlap = await request(employee.id, annualId, '2026-11-03', '2026-11-05');
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ code: 'leave_overlap', conflictingRequestIds: [first.body.id] });
    const afternoon = await request(employee.id, annualId, '2026-11-04', '2026-11-04', { halfDayStart: true });
    expect(afternoon.status).toBe(201);
    expect(afternoon.body.amount).toBe('0.50');
  });

  it('lets only one of two parallel overlapping submissions through', async () => {
    const { employee } = await staff();
    await grant(employee.id, annualId, '20');
    const a = await request(employee.id, annualId, '2026-10-05', '2026-10-07');
    const b = await request(employee.id, annualId, '2026-10-06', '2026-10-08');
    const results = await Promise.all([a, b].map((r) => t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('approves (usage in the ledger), then cancels (reversal returns the balance), with an event for each state', async () => {
    const { manager, employee } = await staff();
    await grant(employee.id, annualId, '10');
    const r = await request(employee.id, annualId, '2026-09-14', '2026-09-18'); // Mon–Fri, no holiday
    expect(r.body.amount).toBe('5.00');
    await t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer).set('If-Match', '"1"').expect(200);
    expect(await balance(employee.id, annualId)).toMatchObject({ balance: '10.00', pending: '5.00' });

    const noScope = await t.http.post(`/hr/leave-requests/${r.body.id}/approve`).set(writer).send({ approverEmployeeId: manager.id });
    expect(noScope.status).toBe(403);
    expect(noScope.body.code).toBe('missing_scope');
    const wrongPerson = await t.http.post(`/hr/leave-requests/${r.body.id}/approve`).set(approver).send({ approverEmployeeId: employee.id });
    expect(wrongPerson.status).toBe(403);
    expect(wrongPerson.body.code).toBe('not_the_approver');

    const ok = await t.http.post(`/hr/leave-requests/${r.body.id}/approve`).set(approver).send({ approverEmployeeId: manager.id, note: 'Enjoy' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decidedByEmployeeId: manager.id, allowedActions: ['cancel'] });
    expect(await balance(employee.id, annualId, '2026-09-13')).toMatchObject({ balance: '10.00', used: '0.00' });
    expect(await balance(employee.id, annualId, '2026-09-14')).toMatchObject({ balance: '5.00', used: '-5.00', pending: '0.00' });
    const again = await t.http.post(`/hr/leave-requests/${r.body.id}/approve`).set(approver).send({ approverEmployeeId: manager.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'approved', allowedActions: ['cancel'] });

    const cancelled = await t.http.post(`/hr/leave-requests/${r.body.id}/cancel`).set(writer).send({ note: 'Trip postponed' });
    expect(cancelled.status).toBe(200);
    expect(await balance(employee.id, annualId, '2026-12-31')).toMatchObject({ balance: '10.00', used: '0.00' });
    const ledger = await t.http.get(`/hr/employees/${employee.id}/leave-ledger`).query({ leaveTypeId: annualId }).set(admin);
    const usage = ledger.body.data.filter((l: { kind: string }) => l.kind === 'usage');
    expect(usage.map((l: { amount: string }) => l.amount).sort()).toEqual(['-5.00', '5.00']);
    expect(usage.find((l: { amount: string }) => l.amount === '5.00').reversesEntryId).toBe(usage.find((l: { amount: string }) => l.amount === '-5.00').id);
    const direct = await t.http.post(`/hr/leave-ledger-entries/${usage[0].id}/reverse`).set(admin).send({ reason: 'again' });
    expect(direct.status).toBe(409);

    const topics = await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [r.body.id]);
    expect(topics.map((x) => x.topic)).toEqual(['hr.leave_request.created', 'hr.leave_request.submitted', 'hr.leave_request.approved', 'hr.leave_request.cancelled']);
    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1`, [r.body.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['hr.leave_request.approved', 'hr.leave_request.cancelled']));
  });

  it('refuses a request beyond the balance with 409 unless the type allows negative', async () => {
    const { employee } = await staff();
    await grant(employee.id, annualId, '2');
    const r = await request(employee.id, annualId, '2026-08-03', '2026-08-05');
    const res = await t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'insufficient_leave_balance', requested: '3.00', available: '2.00' });
    // Two parallel submissions that each fit the balance but not together: one is refused.
    await grant(employee.id, annualId, '2');
    const a = await request(employee.id, annualId, '2026-08-10', '2026-08-12');
    const b = await request(employee.id, annualId, '2026-08-17', '2026-08-19');
    const both = await Promise.all([a, b].map((r) => t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const unpaid = await leaveType({ paid: false, allowNegative: true });
    const u = await request(employee.id, unpaid.id, '2026-08-03', '2026-08-05');
    await t.http.post(`/hr/leave-requests/${u.body.id}/submit`).set(writer).expect(200);
  });

  it('accrues once however often the job runs, prorated for a mid-year hire', async () => {
    const yearly = await leaveType({ accrualPolicy: 'yearly_grant', accrualAmount: '25.00' });
    const monthly = await leaveType({ accrualPolicy: 'monthly_accrual', accrualAmount: '2.00' });
    const e = await newEmployee(t, { hireDate: '2026-07-01', workCalendarId: calendarId });
    const leaver = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    await t.http.post(`/hr/employees/${leaver.id}/terminate`).set(admin).send({ terminationDate: '2026-06-30', reason: 'Moved on' }).expect(200);
    const gone = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    await t.http.post(`/hr/employees/${gone.id}/terminate`).set(admin).send({ terminationDate: '2025-12-31', reason: 'Moved on' }).expect(200);
    const first = await t.http.post('/hr/leave-accrual-runs').set(writer).send({ asOf: '2026-09-30' });
    expect(first.status).toBe(200);
    expect(first.body.entriesWritten).toBeGreaterThan(0);
    const second = await t.http.post('/hr/leave-accrual-runs').set(writer).send({ asOf: '2026-09-30' });
    expect(second.body).toEqual({ asOf: '2026-09-30', entriesWritten: 0 });
    expect(await balance(e.id, yearly.id, '2026-09-30')).toMatchObject({ balance: '12.60', earned: '12.60' }); // 184/365 of 25
    expect(await balance(e.id, monthly.id, '2026-09-30')).toMatchObject({ balance: '6.00' }); // July, August, September
    // Leaving on 30 June: the yearly grant is cut back to 181/365 of 25; monthly accrual stops
    // with June (the run also catches up the 12 months of the previous year).
    expect(await balance(leaver.id, yearly.id, '2026-12-31')).toMatchObject({ balance: '12.40', earned: '25.00', adjusted: '-12.60' });
    expect(await balance(leaver.id, monthly.id, '2026-12-31')).toMatchObject({ balance: '36.00' });
    expect(await balance(leaver.id, monthly.id, '2025-12-31')).toMatchObject({ balance: '24.00' });
    expect(await balance(gone.id, yearly.id, '2026-12-31')).toMatchObject({ balance: '0.00' });
    // Two runs at once (two instances): the second finds every period written.
    const parallel = await Promise.all([1, 2].map(() => t.http.post('/hr/leave-accrual-runs').set(writer).send({ asOf: '2026-10-31' })));
    expect(parallel.map((r) => r.status)).toEqual([200, 200]);
    expect(parallel.map((r) => r.body.entriesWritten).sort((a, b) => a - b)[0]).toBe(0);
    const periods = await t.sql<{ period: string }>(`SELECT period FROM hr_leave_ledger_entries WHERE employee_id = $1 AND leave_type_id = $2 ORDER BY period`, [e.id, monthly.id]);
    expect(periods.map((p) => p.period)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
  });

  it('caps the carry-over at year end and expires what is unused on the expiry date', async () => {
    const carry = await leaveType({ accrualPolicy: 'yearly_grant', accrualAmount: '10.00', carryOverCap: '5.00', carryOverExpiryMonths: 3 });
    const { manager, employee } = await staff();
    const run = (asOf: string) => t.http.post('/hr/leave-accrual-runs').set(admin).send({ asOf }).expect(200);
    await run('2025-06-01');
    await run('2026-01-01');
    expect(await balance(employee.id, carry.id, '2025-12-31')).toMatchObject({ balance: '10.00' });
    // 2025 closes: 10 lapses, 5 (the cap) carries over; the 2026 grant adds 10.
    expect(await balance(employee.id, carry.id, '2026-01-01')).toMatchObject({ balance: '15.00', carriedOver: '5.00', expired: '-10.00', earned: '20.00' });
    const r = await request(employee.id, carry.id, '2026-02-02', '2026-02-03');
    await t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer).expect(200);
    await t.http.post(`/hr/leave-requests/${r.body.id}/approve`).set(approver).send({ approverEmployeeId: manager.id }).expect(200);
    await run('2026-03-31');
    expect(await balance(employee.id, carry.id, '2026-03-31')).toMatchObject({ balance: '13.00', expired: '-10.00' });
    await run('2026-04-01');
    await run('2026-04-02');
    // 2 of the 5 carried days were used before 1 April; the other 3 expire that day.
    expect(await balance(employee.id, carry.id, '2026-03-31')).toMatchObject({ balance: '13.00' });
    expect(await balance(employee.id, carry.id, '2026-04-01')).toMatchObject({ balance: '10.00', expired: '-13.00' });
  });

  it('reports approved unpaid leave in a period through the facade', async () => {
    const { manager, employee } = await staff();
    const unpaid = await leaveType({ paid: false, allowNegative: true });
    const r = await request(employee.id, unpaid.id, '2026-06-29', '2026-07-03', { halfDayEnd: true }); // Jul 3 is the observed Independence Day
    await t.http.post(`/hr/leave-requests/${r.body.id}/submit`).set(writer).expect(200);
    await t.http.post(`/hr/leave-requests/${r.body.id}/approve`).set(approver).send({ approverEmployeeId: manager.id }).expect(200);
    const july = await t.app.get(HrFacade).unpaidLeave(employee.id, '2026-07-01', '2026-07-31');
    expect(july).toEqual([{ leaveTypeId: unpaid.id, code: unpaid.code, unit: 'days', amount: '2.00' }]);
  });
});

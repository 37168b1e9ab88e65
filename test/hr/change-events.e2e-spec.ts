import { employeeInput, newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const LOCATION = 'Events store';
// Berlin is UTC+1 from November to March.
const berlin = (date: string, time: string) => `${date}T${time}:00+01:00`;

/** Every state change publishes a catalogued event: HR master data, shifts, time and leave too. */
describe('HR change events', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let calendarId: string;

  const events = (aggregateId: string) =>
    t.sql<{ topic: string; aggregate_type: string; payload: Record<string, any> }>('SELECT topic, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);
  const topics = async (aggregateId: string) => (await events(aggregateId)).map((e) => e.topic);

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    const cal = await t.http.post('/hr/calendars').set(admin).send({
      name: 'Events', timeZone: 'Europe/Berlin', country: 'DE', region: 'BE', workingWeekdays: [5, 1, 2, 3, 4], dailyHours: '8', location: LOCATION,
      closures: [{ date: '2026-12-24', name: 'Closed' }],
    });
    expect(cal.status).toBe(201);
    calendarId = cal.body.id;
  });
  afterAll(() => t.close());

  it('a work calendar\'s create and update are events, with the closures and the changed fields', async () => {
    const updated = await t.http.patch(`/hr/calendars/${calendarId}`).set(admin).set('If-Match', '"1"').send({
      dailyHours: '7.5', closures: [{ date: '2026-12-24', name: 'Closed' }, { date: '2026-12-31', name: 'Closed' }],
    });
    expect(updated.status).toBe(200);
    const [created, changed] = await events(calendarId);
    expect([created.topic, changed.topic]).toEqual(['hr.calendar.created', 'hr.calendar.updated']);
    expect(created.aggregate_type).toBe('work_calendar');
    expect(created.payload).toEqual({
      calendarId, name: 'Events', timeZone: 'Europe/Berlin', country: 'DE', region: 'BE', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00', location: LOCATION,
      closures: [{ date: '2026-12-24', name: 'Closed' }], changedFields: [],
    });
    expect(changed.payload).toMatchObject({ dailyHours: '7.50', closures: [{ date: '2026-12-24' }, { date: '2026-12-31' }], changedFields: ['dailyHours', 'closures'] });
  });

  it('shift templates and every shift change are events, drafts included; published shifts still emit hr.shift.changed', async () => {
    const tpl = await t.http.post('/hr/shift-templates').set(admin).send({ name: 'Early', startTime: '06:00', endTime: '14:30', unpaidBreakMinutes: 30, location: LOCATION });
    expect(tpl.status).toBe(201);
    expect((await t.http.patch(`/hr/shift-templates/${tpl.body.id}`).set(admin).send({ name: 'Early bird', startTime: '06:00' })).status).toBe(200);
    const tplEvents = await events(tpl.body.id);
    expect(tplEvents.map((e) => [e.topic, e.payload.name, e.payload.changedFields])).toEqual([
      ['hr.shift_template.created', 'Early', []],
      ['hr.shift_template.updated', 'Early bird', ['name']],
    ]);
    expect(tplEvents[0].payload).toMatchObject({ startTime: '06:00', endTime: '14:30', unpaidBreakMinutes: 30, positionId: null, location: LOCATION });

    // Drafts: from a template in bulk, and one by one.
    const bulk = await t.http.post('/hr/shifts/bulk').set(admin).send({ templateId: tpl.body.id, from: '2027-01-04', to: '2027-01-10', weekdays: [1, 2] });
    expect(bulk.status).toBe(201);
    const [monday, tuesday] = bulk.body.shifts as Array<{ id: string }>;
    const [mondayCreated] = await events(monday.id);
    expect(mondayCreated).toMatchObject({ topic: 'hr.shift.created', aggregate_type: 'shift' });
    expect(mondayCreated.payload).toEqual({
      shiftId: monday.id, startsAt: '2027-01-04T05:00:00.000Z', endsAt: '2027-01-04T13:30:00.000Z', breakMinutes: 30, location: LOCATION,
      positionId: null, employeeId: null, templateId: tpl.body.id, publishedAt: null, changedFields: [],
    });
    const worker = await newEmployee(t, { hireDate: '2020-01-06' });
    const draft = await t.http.post('/hr/shifts').set(admin).send({ startsAt: berlin('2027-01-06', '09:00'), endsAt: berlin('2027-01-06', '17:30'), breakMinutes: 30, location: LOCATION, employeeId: worker.id });
    expect(draft.status).toBe(201);
    expect((await t.http.patch(`/hr/shifts/${draft.body.id}`).set(admin).set('If-Match', '"1"').send({ breakMinutes: 45 })).status).toBe(200);
    expect((await t.http.delete(`/hr/shifts/${draft.body.id}`).set(admin).set('If-Match', '"2"')).status).toBe(204);
    const draftEvents = await events(draft.body.id);
    // A draft changes without hr.shift.changed (nobody was told about it yet).
    expect(draftEvents.map((e) => [e.topic, e.payload.breakMinutes, e.payload.changedFields])).toEqual([
      ['hr.shift.created', 30, []],
      ['hr.shift.updated', 45, ['breakMinutes']],
      ['hr.shift.deleted', 45, []],
    ]);
    expect(draftEvents[0].payload.employeeId).toBe(worker.id);

    // Copying the week: one hr.shift.copied per new shift, naming its source.
    const copy = await t.http.post('/hr/shifts/copy-week').set(admin).send({ location: LOCATION, fromWeek: '2027-01-04', toWeek: '2027-01-11' });
    expect(copy.status).toBe(201);
    const copies = copy.body.shifts as Array<{ id: string; startsAt: string }>;
    expect(copies).toHaveLength(2);
    const copied = await Promise.all(copies.map(async (s) => (await events(s.id)).map((e) => [e.topic, e.payload.sourceShiftId, e.payload.startsAt])));
    expect(copied).toEqual([
      [['hr.shift.copied', monday.id, '2027-01-11T05:00:00.000Z']],
      [['hr.shift.copied', tuesday.id, '2027-01-12T05:00:00.000Z']],
    ]);

    // Published: the claim is an event of its own, and the existing change notice follows it.
    expect((await t.http.post('/hr/schedule-publications').set(admin).send({ location: LOCATION, startDate: '2027-01-11', endDate: '2027-01-17' })).status).toBe(201);
    const claimer = await newEmployee(t, { hireDate: '2020-01-06' });
    const claimed = await t.http.post(`/hr/shifts/${copies[0].id}/claim`).set(admin).send({ employeeId: claimer.id });
    expect(claimed.status).toBe(200);
    expect((await t.http.delete(`/hr/shifts/${copies[1].id}`).set(admin)).status).toBe(204);
    const claimedEvents = await events(copies[0].id);
    expect(claimedEvents.map((e) => [e.topic, e.payload.employeeId])).toEqual([
      ['hr.shift.copied', null],
      ['hr.shift.claimed', claimer.id],
      ['hr.shift.changed', claimer.id],
    ]);
    expect(claimedEvents[1].payload.changedFields).toEqual(['employeeId']);
    expect(claimedEvents[1].payload.publishedAt).toEqual(expect.any(String));
    expect(await topics(copies[1].id)).toEqual(['hr.shift.copied', 'hr.shift.deleted', 'hr.shift.changed']);
  });

  it('a working-time rule change is an event about its employment type; an edit that changes nothing is none', async () => {
    const patched = await t.http.patch('/hr/working-time-rules/contractor').set(admin).set('If-Match', '"1"').send({ weeklyOvertimeAfterMinutes: 2700 });
    expect(patched.status).toBe(200);
    expect((await t.http.patch('/hr/working-time-rules/contractor').set(admin).send({ weeklyOvertimeAfterMinutes: 2700 })).status).toBe(200);
    const rule = await events('contractor');
    expect(rule.map((e) => [e.topic, e.aggregate_type])).toEqual([['hr.working_time_rule.updated', 'working_time_rule']]);
    expect(rule[0].payload).toMatchObject({ employmentType: 'contractor', weeklyOvertimeAfterMinutes: 2700, changedFields: ['weeklyOvertimeAfterMinutes'] });
  });

  it('clocking in and out, manual entries, corrections and a new timesheet are events; reasons are not carried', async () => {
    const e = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    const clockIn = await t.http.post('/hr/time-entries/clock-in').set(admin).send({ employeeId: e.id, at: berlin('2027-02-01', '08:00') });
    expect(clockIn.status).toBe(201);
    expect((await t.http.post(`/hr/time-entries/${clockIn.body.id}/clock-out`).set(admin).send({ at: berlin('2027-02-01', '16:30') })).status).toBe(200);
    const clocked = await events(clockIn.body.id);
    expect(clocked.map((e) => [e.topic, e.payload.clockOutAt, e.payload.changedFields])).toEqual([
      ['hr.time_entry.clocked_in', null, []],
      ['hr.time_entry.clocked_out', '2027-02-01T15:30:00.000Z', ['clockOutAt']],
    ]);
    expect(clocked[0].payload).toMatchObject({ timeEntryId: clockIn.body.id, employeeId: e.id, shiftId: null, clockInAt: '2027-02-01T07:00:00.000Z', source: 'clock' });

    const manual = await t.http.post('/hr/time-entries').set(admin).send({ employeeId: e.id, clockInAt: berlin('2027-02-02', '08:00'), clockOutAt: berlin('2027-02-02', '12:00'), breakMinutes: 0, reason: 'Forgot the badge after the dentist' });
    expect(manual.status).toBe(201);
    const fixed = await t.http.patch(`/hr/time-entries/${manual.body.id}`).set(admin).send({ clockOutAt: berlin('2027-02-02', '13:00'), reason: 'Stayed for the cardiology meeting' });
    expect(fixed.status).toBe(200);
    const entered = await events(manual.body.id);
    expect(entered.map((e) => [e.topic, e.payload.source, e.payload.clockOutAt, e.payload.changedFields])).toEqual([
      ['hr.time_entry.entered', 'manual', '2027-02-02T11:00:00.000Z', []],
      ['hr.time_entry.corrected', 'manual', '2027-02-02T12:00:00.000Z', ['clockOutAt', 'reason']],
    ]);
    expect(JSON.stringify(entered)).not.toMatch(/dentist|cardiology/);

    const ts = await t.http.post('/hr/timesheets').set(admin).send({ employeeId: e.id, periodStart: '2027-02-01', periodEnd: '2027-02-07' });
    expect(ts.status).toBe(201);
    const [opened] = await events(ts.body.id);
    expect(opened).toMatchObject({ topic: 'hr.timesheet.created', aggregate_type: 'timesheet' });
    expect(opened.payload).toEqual({ timesheetId: ts.body.id, employeeId: e.id, periodStart: '2027-02-01', periodEnd: '2027-02-07', status: 'open', totals: null });
  });

  it('leave types, adjustments and their reversals are events', async () => {
    const type = await t.http.post('/hr/leave-types').set(admin).send({ code: 'EVT_ANNUAL', name: 'Annual', paid: true, unit: 'days', halfDaysAllowed: true, accrualPolicy: 'yearly_grant', accrualAmount: '20', carryOverCap: '5', carryOverExpiryMonths: 3, allowNegative: false, approver: 'manager' });
    expect(type.status).toBe(201);
    expect((await t.http.patch(`/hr/leave-types/${type.body.id}`).set(admin).set('If-Match', '"1"').send({ name: 'Annual leave', carryOverCap: '4.00' })).status).toBe(200);
    const typeEvents = await events(type.body.id);
    expect(typeEvents.map((e) => [e.topic, e.payload.name, e.payload.carryOverCap, e.payload.changedFields])).toEqual([
      ['hr.leave_type.created', 'Annual', '5.00', []],
      ['hr.leave_type.updated', 'Annual leave', '4.00', ['name', 'carryOverCap']],
    ]);
    expect(typeEvents[0].payload).toMatchObject({ leaveTypeId: type.body.id, code: 'EVT_ANNUAL', accrualPolicy: 'yearly_grant', accrualAmount: '20.00', carryOverExpiryMonths: 3, approver: 'manager', approverEmployeeId: null });

    const e = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    const adjusted = await t.http.post(`/hr/employees/${e.id}/leave-adjustments`).set(admin).send({ leaveTypeId: type.body.id, amount: '1.5', effectiveDate: '2027-01-15', reason: 'Covered the night shift after surgery' });
    expect(adjusted.status).toBe(201);
    const reversed = await t.http.post(`/hr/leave-ledger-entries/${adjusted.body.id}/reverse`).set(admin).send({ reason: 'Booked twice' });
    expect(reversed.status).toBe(201);
    const [adjustment] = await events(adjusted.body.id);
    const [reversal] = await events(reversed.body.id);
    expect([adjustment.topic, adjustment.aggregate_type, reversal.topic]).toEqual(['hr.leave_ledger.adjustment', 'leave_ledger_entry', 'hr.leave_ledger.adjustment']);
    expect(adjustment.payload).toEqual({ entryId: adjusted.body.id, employeeId: e.id, leaveTypeId: type.body.id, kind: 'adjustment', amount: '1.50', effectiveDate: '2027-01-15', period: null, reversesEntryId: null });
    expect(reversal.payload).toMatchObject({ amount: '-1.50', reversesEntryId: adjusted.body.id });
    expect(JSON.stringify([adjustment, reversal])).not.toMatch(/surgery|Booked twice/);
  });

  it('the accrual run announces each ledger entry it writes (grants, accruals, year close, carry-over expiry), once', async () => {
    const yearly = (await t.http.post('/hr/leave-types').set(admin).send({ code: 'EVT_YEARLY', name: 'Yearly', paid: true, unit: 'days', halfDaysAllowed: false, accrualPolicy: 'yearly_grant', accrualAmount: '20.00', carryOverCap: '5.00', carryOverExpiryMonths: 3, allowNegative: false, approver: 'manager' }).expect(201)).body;
    const monthly = (await t.http.post('/hr/leave-types').set(admin).send({ code: 'EVT_MONTHLY', name: 'Monthly', paid: true, unit: 'days', halfDaysAllowed: false, accrualPolicy: 'monthly_accrual', accrualAmount: '2.00', allowNegative: false, approver: 'manager' }).expect(201)).body;
    const e = await newEmployee(t, { hireDate: '2025-01-06', workCalendarId: calendarId });
    const run = (asOf: string) => t.http.post('/hr/leave-accrual-runs').set(admin).send({ asOf }).expect(200);
    await run('2025-06-01');
    await run('2026-04-01');
    const ledger = await t.sql<{ id: string; kind: string; amount: string }>(
      `SELECT id, kind, amount::text FROM hr_leave_ledger_entries WHERE employee_id = $1 AND leave_type_id = ANY($2::uuid[]) ORDER BY id`,
      [e.id, [yearly.id, monthly.id]],
    );
    const announced = await t.sql<{ aggregate_id: string; topic: string; amount: string }>(
      `SELECT aggregate_id, topic, payload->>'amount' AS amount FROM outbox_events
        WHERE topic LIKE 'hr.leave\\_ledger.%' AND payload->>'employeeId' = $1 AND payload->>'leaveTypeId' = ANY($2::text[]) ORDER BY aggregate_id`,
      [e.id, [yearly.id, monthly.id]],
    );
    // One event per entry, named after its kind, with its amount.
    expect(announced).toEqual(ledger.map((l) => ({ aggregate_id: l.id, topic: `hr.leave_ledger.${l.kind}`, amount: l.amount })));
    expect([...new Set(ledger.map((l) => l.kind))].sort()).toEqual(['accrual', 'carry_over', 'expiry', 'grant']);
    const yearEnd = announced.filter((a) => a.topic !== 'hr.leave_ledger.accrual' && a.topic !== 'hr.leave_ledger.grant').map((a) => [a.topic, a.amount]);
    // 2025: 20 × 360/365 = 19.73 granted; the year closes (all of it lapses), 5 (the cap) carries over and expires unused on 1 April.
    expect(yearEnd.sort()).toEqual([['hr.leave_ledger.carry_over', '5.00'], ['hr.leave_ledger.expiry', '-19.73'], ['hr.leave_ledger.expiry', '-5.00']]);
    // A second run writes nothing, so it announces nothing.
    await run('2026-04-01');
    const again = await t.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE topic LIKE 'hr.leave\\_ledger.%' AND payload->>'employeeId' = $1 AND payload->>'leaveTypeId' = ANY($2::text[])`, [e.id, [yearly.id, monthly.id]]);
    expect(again).toEqual([{ n: announced.length }]);
  });

  it('checklist templates\' create and update are events with the task count and changed fields', async () => {
    const tasks = [
      { title: 'Order a laptop', ownerRole: 'it', dueOffsetDays: -5, kind: 'it_ticket' },
      { title: 'Welcome lunch', ownerRole: 'manager', dueOffsetDays: 0, kind: 'manual' },
    ];
    const created = await t.http.post('/hr/checklist-templates').set(admin).send({ name: 'Engineers', kind: 'onboarding', tasks });
    expect(created.status).toBe(201);
    expect((await t.http.patch(`/hr/checklist-templates/${created.body.id}`).set(admin).send({ tasks: tasks.slice(0, 1) })).status).toBe(200);
    const template = await events(created.body.id);
    expect(template.map((e) => [e.topic, e.aggregate_type, e.payload])).toEqual([
      ['hr.checklist_template.created', 'checklist_template', { templateId: created.body.id, name: 'Engineers', kind: 'onboarding', taskCount: 2, changedFields: [] }],
      ['hr.checklist_template.updated', 'checklist_template', { templateId: created.body.id, name: 'Engineers', kind: 'onboarding', taskCount: 1, changedFields: ['tasks'] }],
    ]);
  });

  it('deleting an employee is an event carrying identifiers only, never a sensitive value', async () => {
    const hired = await t.http.post('/hr/employees').set(admin).send(employeeInput({ nationalId: 'ZZ111222B', iban: 'DE02120300000000202051', baseSalary: { amount: '81234.56', currency: 'EUR' } }));
    expect(hired.status).toBe(201);
    expect((await t.http.delete(`/hr/employees/${hired.body.id}`).set(admin).set('If-Match', '"1"')).status).toBe(204);
    const all = await events(hired.body.id);
    expect(all.map((e) => e.topic)).toEqual(['hr.employee.hired', 'hr.employee.deleted']);
    expect(all[1].payload).toEqual({ employeeId: hired.body.id, employeeNumber: hired.body.employeeNumber });
    expect(JSON.stringify(all)).not.toMatch(/ZZ111222B|DE02120300000000202051|81234\.56/);
  });
});

import { HrFacade } from '../../src/modules/hr';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

// Chicago is UTC−6 in late November; 26 November 2026 is Thanksgiving.
const chicago = (date: string, time: string) => `${date}T${time}:00-06:00`;

describe('HR time entries and timesheets', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let approver: Record<string, string>;
  let calendarId: string;

  const manual = (employeeId: string, date: string, from: string, toDate: string, to: string, breakMinutes: number) =>
    t.http.post('/hr/time-entries').set(admin).send({ employeeId, clockInAt: chicago(date, from), clockOutAt: chicago(toDate, to), breakMinutes, reason: 'Paper timesheet' });

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    approver = bearer(await t.key(['hr:read', 'hr:approve']));
    const cal = await t.http.post('/hr/calendars').set(admin).send({ name: 'Chicago', timeZone: 'America/Chicago', country: 'US', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00', location: 'Chicago' });
    calendarId = cal.body.id;
  });
  afterAll(() => t.close());

  it('clocks in and out against the matching shift, deducting its break', async () => {
    const e = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    const shift = await t.http.post('/hr/shifts').set(admin).send({ employeeId: e.id, location: 'Chicago', startsAt: chicago('2026-12-14', '09:00'), endsAt: chicago('2026-12-14', '17:30'), breakMinutes: 30 });
    expect(shift.status).toBe(201);
    const clockIn = await t.http.post('/hr/time-entries/clock-in').set(admin).send({ employeeId: e.id, at: chicago('2026-12-14', '08:55') });
    expect(clockIn.status).toBe(201);
    expect(clockIn.body).toMatchObject({ shiftId: shift.body.id, clockOutAt: null, workedMinutes: null, source: 'clock' });
    const twice = await t.http.post('/hr/time-entries/clock-in').set(admin).send({ employeeId: e.id, at: chicago('2026-12-14', '09:00') });
    expect(twice.status).toBe(409);
    const out = await t.http.post(`/hr/time-entries/${clockIn.body.id}/clock-out`).set(admin).send({ at: chicago('2026-12-14', '17:32') });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ breakMinutes: 30, workedMinutes: 487 });
    expect((await t.http.post(`/hr/time-entries/${clockIn.body.id}/clock-out`).set(admin).send({})).body.code).toBe('time_entry_closed');
  });

  it('splits a week into regular, overtime, night and holiday minutes; approval freezes them; a locked timesheet refuses edits', async () => {
    const manager = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    const e = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId, managerId: manager.id });
    const entries = [];
    for (const d of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']) entries.push(await manual(e.id, d, '08:00', d, '17:30', 30)); // 540 each
    entries.push(await manual(e.id, '2026-11-27', '08:00', '2026-11-27', '14:30', 30)); // 360
    entries.push(await manual(e.id, '2026-11-28', '20:00', '2026-11-29', '02:00', 0)); // 360, 240 at night
    expect(entries.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);

    const ts = await t.http.post('/hr/timesheets').set(admin).send({ employeeId: e.id, periodStart: '2026-11-23', periodEnd: '2026-11-29' });
    expect(ts.status).toBe(201);
    // 2880 worked; daily overtime 4 × 60; the 2640 regular left exceed the weekly 2400 by 240.
    expect(ts.body.totals).toEqual({ workedMinutes: 2880, regularMinutes: 2400, overtimeMinutes: 480, nightMinutes: 240, holidayMinutes: 540 });
    expect(ts.body.days).toHaveLength(6);
    expect(ts.body.allowedActions).toEqual(['submit']);
    const overlapping = await t.http.post('/hr/timesheets').set(admin).send({ employeeId: e.id, periodStart: '2026-11-29', periodEnd: '2026-12-05' });
    expect(overlapping.body.code).toBe('timesheet_overlap');

    await t.http.post(`/hr/timesheets/${ts.body.id}/submit`).set(admin).expect(200);
    const edit = await t.http.patch(`/hr/time-entries/${entries[0].body.id}`).set(admin).send({ clockOutAt: chicago('2026-11-23', '18:30'), reason: 'Stayed late' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('timesheet_locked');
    const notManager = await t.http.post(`/hr/timesheets/${ts.body.id}/approve`).set(approver).send({ approverEmployeeId: e.id });
    expect(notManager.body.code).toBe('not_the_approver');
    const noScope = await t.http.post(`/hr/timesheets/${ts.body.id}/approve`).set(bearer(await t.key(['hr:read', 'hr:write']))).send({ approverEmployeeId: manager.id });
    expect(noScope.status).toBe(403);
    const approved = await t.http.post(`/hr/timesheets/${ts.body.id}/approve`).set(approver).send({ approverEmployeeId: manager.id });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedByEmployeeId: manager.id, totals: { regularMinutes: 2400, overtimeMinutes: 480, nightMinutes: 240, holidayMinutes: 540 } });
    const locked = await t.http.post(`/hr/timesheets/${ts.body.id}/lock`).set(approver).set('If-Match', `"${approved.body.version}"`);
    expect(locked.status).toBe(200);
    expect(locked.body.allowedActions).toEqual([]);

    const late = await manual(e.id, '2026-11-25', '18:00', '2026-11-25', '19:00', 0);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('timesheet_locked');
    const again = await t.http.post(`/hr/timesheets/${ts.body.id}/submit`).set(admin);
    expect(again.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'locked' });

    const listed = await t.http.get('/hr/timesheets').query({ periodStart: '2026-11-23', periodEnd: '2026-11-29', status: 'locked' }).set(admin);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([ts.body.id]);
    expect(listed.body.data[0].totals.overtimeMinutes).toBe(480);

    const time = await t.app.get(HrFacade).approvedTime(e.id, '2026-11-01', '2026-11-30');
    expect(time).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 480, nightMinutes: 240, holidayMinutes: 540, timesheets: [expect.objectContaining({ timesheetId: ts.body.id, status: 'locked' })] });
    const topics = await t.sql<{ topic: string }>(`SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`, [ts.body.id]);
    expect(topics.map((x) => x.topic)).toEqual(['hr.timesheet.created', 'hr.timesheet.submitted', 'hr.timesheet.approved', 'hr.timesheet.locked']);
  });

  it('refuses to submit while someone is still clocked in', async () => {
    const e = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    await t.http.post('/hr/time-entries/clock-in').set(admin).send({ employeeId: e.id, at: chicago('2026-12-01', '08:00') }).expect(201);
    const ts = await t.http.post('/hr/timesheets').set(admin).send({ employeeId: e.id, periodStart: '2026-11-30', periodEnd: '2026-12-06' });
    const res = await t.http.post(`/hr/timesheets/${ts.body.id}/submit`).set(admin);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'open_time_entry', openEntries: 1 });
  });
});

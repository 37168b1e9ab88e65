import { newDepartment, newEmployee, newPosition } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const LOCATION = 'Berlin store';
// Berlin is UTC+1 in December.
const berlin = (date: string, time: string) => `${date}T${time}:00+01:00`;

describe('HR shift scheduling', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let calendarId: string;
  let positionId: string;

  const shift = (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) =>
    t.http.post('/hr/shifts').set(admin).send({ startsAt, endsAt, breakMinutes: 30, location: LOCATION, ...extra });
  const outbox = (topic: string, aggregateId: string) =>
    t.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox_events WHERE topic = $1 AND aggregate_id = $2 ORDER BY occurred_at`, [topic, aggregateId]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    const cal = await t.http.post('/hr/calendars').set(admin).send({ name: 'Berlin', timeZone: 'Europe/Berlin', country: 'DE', region: 'BE', workingWeekdays: [1, 2, 3, 4, 5, 6], dailyHours: '8.00', location: LOCATION });
    expect(cal.status).toBe(201);
    calendarId = cal.body.id;
    positionId = (await newPosition(t, (await newDepartment(t)).id, { title: 'Cashier' })).id;
  });
  afterAll(() => t.close());

  it('creates open shifts from a template over a weekday pattern, at local times', async () => {
    const tpl = await t.http.post('/hr/shift-templates').set(admin).send({ name: 'Early', startTime: '06:00', endTime: '14:30', unpaidBreakMinutes: 30, positionId, location: LOCATION });
    expect(tpl.status).toBe(201);
    const night = await t.http.post('/hr/shift-templates').set(admin).send({ name: 'Night', startTime: '22:00', endTime: '06:00', unpaidBreakMinutes: 45, location: LOCATION });
    const res = await t.http.post('/hr/shifts/bulk').set(admin).send({ templateId: tpl.body.id, from: '2026-11-02', to: '2026-11-08', weekdays: [1, 3, 5] });
    expect(res.status).toBe(201);
    expect(res.body.shifts.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2026-11-02T05:00:00.000Z', '2026-11-04T05:00:00.000Z', '2026-11-06T05:00:00.000Z']);
    expect(res.body.shifts[0]).toMatchObject({ endsAt: '2026-11-02T13:30:00.000Z', workedMinutes: 480, open: true, positionId, templateId: tpl.body.id, publishedAt: null });
    const nights = await t.http.post('/hr/shifts/bulk').set(admin).send({ templateId: night.body.id, from: '2026-11-07', to: '2026-11-07', weekdays: [6] });
    expect(nights.body.shifts[0]).toMatchObject({ startsAt: '2026-11-07T21:00:00.000Z', endsAt: '2026-11-08T05:00:00.000Z', workedMinutes: 435 });
  });

  it('refuses an assignment with every reason listed, and validate answers the same without saving', async () => {
    const manager = await newEmployee(t, { hireDate: '2020-01-06', workCalendarId: calendarId });
    const e = await newEmployee(t, { hireDate: '2026-01-05', employmentType: 'part_time', workCalendarId: calendarId, managerId: manager.id });
    // Part-time limit: 30 h a week. Mon, Tue, Thu (late) 8 h each and 4 h on Friday noon: 28 h.
    for (const [d, from, to] of [['2026-12-07', '08:00', '16:30'], ['2026-12-08', '08:00', '16:30'], ['2026-12-10', '14:00', '22:30']]) {
      expect((await shift(berlin(d, from), berlin(d, to), { employeeId: e.id })).status).toBe(201);
    }
    const noon = await shift(berlin('2026-12-11', '12:00'), berlin('2026-12-11', '16:00'), { employeeId: e.id, breakMinutes: 0 });
    expect(noon.status).toBe(201);
    const type = await t.http.post('/hr/leave-types').set(admin).send({ code: 'UNPAID', name: 'Unpaid', paid: false, unit: 'days', halfDaysAllowed: false, accrualPolicy: 'none', allowNegative: true, approver: 'manager' });
    const leave = await t.http.post('/hr/leave-requests').set(admin).send({ employeeId: e.id, leaveTypeId: type.body.id, startDate: '2026-12-11', endDate: '2026-12-11' });
    await t.http.post(`/hr/leave-requests/${leave.body.id}/submit`).set(admin).expect(200);
    await t.http.post(`/hr/leave-requests/${leave.body.id}/approve`).set(admin).send({ approverEmployeeId: manager.id }).expect(200);
    await t.http.post(`/hr/employees/${e.id}/terminate`).set(admin).send({ terminationDate: '2026-12-10', reason: 'End of contract' }).expect(200);

    const candidate = { startsAt: berlin('2026-12-11', '06:00'), endsAt: berlin('2026-12-11', '14:30'), breakMinutes: 30, location: LOCATION };
    const check = await t.http.post('/hr/shifts/validate').set(admin).send({ ...candidate, employeeId: e.id });
    expect(check.status).toBe(200);
    expect(check.body.valid).toBe(false);
    const codes = check.body.reasons.map((r: { code: string }) => r.code).sort();
    expect(codes).toEqual(['after_termination', 'insufficient_rest', 'on_leave', 'overlap', 'weekly_hours_exceeded']);
    expect(check.body.reasons.find((r: { code: string }) => r.code === 'overlap').shiftId).toBe(noon.body.id);
    expect(check.body.reasons.find((r: { code: string }) => r.code === 'on_leave').leaveRequestId).toBe(leave.body.id);
    const before = await t.sql(`SELECT count(*)::int AS n FROM hr_shifts`);

    const refused = await shift(candidate.startsAt, candidate.endsAt, { employeeId: e.id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('shift_conflict');
    expect(refused.body.reasons.map((r: { code: string }) => r.code).sort()).toEqual(codes);
    expect(await t.sql(`SELECT count(*)::int AS n FROM hr_shifts`)).toEqual(before);

    const newcomer = await newEmployee(t, { hireDate: '2027-01-04' });
    const early = await t.http.post('/hr/shifts/validate').set(admin).send({ ...candidate, employeeId: newcomer.id });
    expect(early.body.reasons.map((r: { code: string }) => r.code)).toEqual(['before_hire']);
    const fine = await newEmployee(t, { hireDate: '2020-01-06' });
    expect((await t.http.post('/hr/shifts/validate').set(admin).send({ ...candidate, employeeId: fine.id })).body).toEqual({ valid: true, reasons: [] });
  });

  it('takes the weekly limit from the working-time rule of the employment type', async () => {
    const rules = await t.http.get('/hr/working-time-rules').set(admin);
    expect(rules.body.data.map((r: { employmentType: string }) => r.employmentType)).toEqual(['contractor', 'full_time', 'intern', 'part_time']);
    const patched = await t.http.patch('/hr/working-time-rules/intern').set(admin).set('If-Match', '"1"').send({ maxWeeklyMinutes: 600 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ employmentType: 'intern', maxWeeklyMinutes: 600, version: 2 });
    expect((await t.http.patch('/hr/working-time-rules/intern').set(admin).set('If-Match', '"1"').send({ maxWeeklyMinutes: 700 })).status).toBe(412);
    const intern = await newEmployee(t, { hireDate: '2020-01-06', employmentType: 'intern' });
    await shift(berlin('2027-03-01', '09:00'), berlin('2027-03-01', '17:30'), { employeeId: intern.id }).expect(201);
    const second = await t.http.post('/hr/shifts/validate').set(admin).send({ employeeId: intern.id, location: LOCATION, startsAt: berlin('2027-03-03', '09:00'), endsAt: berlin('2027-03-03', '17:30'), breakMinutes: 30 });
    expect(second.body.reasons.map((r: { code: string }) => r.code)).toEqual(['weekly_hours_exceeded']);
  });

  it('publishes a period listing the affected employees, then announces changes to published shifts', async () => {
    const a = await newEmployee(t, { hireDate: '2020-01-06' });
    const assigned = await shift(berlin('2026-12-14', '09:00'), berlin('2026-12-14', '17:30'), { employeeId: a.id });
    await shift(berlin('2026-12-15', '09:00'), berlin('2026-12-15', '17:30'));
    const outside = await shift(berlin('2026-12-21', '09:00'), berlin('2026-12-21', '17:30'));
    const pub = await t.http.post('/hr/schedule-publications').set(admin).send({ location: LOCATION, startDate: '2026-12-14', endDate: '2026-12-20' });
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ shiftCount: 2, employeeIds: [a.id] });
    const [published] = await outbox('hr.schedule.published', pub.body.id);
    expect(published.payload).toMatchObject({ location: LOCATION, startDate: '2026-12-14', endDate: '2026-12-20', employeeIds: [a.id] });
    expect((await t.http.get(`/hr/shifts/${assigned.body.id}`).set(admin)).body.publishedAt).not.toBeNull();
    expect((await t.http.get(`/hr/shifts/${outside.body.id}`).set(admin)).body.publishedAt).toBeNull();
    const listed = await t.http.get('/hr/shifts').query({ location: LOCATION, published: 'true', from: '2026-12-14T00:00:00+01:00', to: '2026-12-21T00:00:00+01:00' }).set(admin);
    expect(listed.body.data).toHaveLength(2);

    const moved = await t.http.patch(`/hr/shifts/${assigned.body.id}`).set(admin).set('If-Match', '"1"').send({ startsAt: berlin('2026-12-14', '10:00'), endsAt: berlin('2026-12-14', '18:30') });
    expect(moved.status).toBe(200);
    const unassigned = await t.http.patch(`/hr/shifts/${assigned.body.id}`).set(admin).send({ employeeId: null });
    expect(unassigned.body.open).toBe(true);
    const changes = await outbox('hr.shift.changed', assigned.body.id);
    expect(changes.map((c) => c.payload.change)).toEqual(['updated', 'unassigned']);
    expect(changes[1].payload).toMatchObject({ previousEmployeeId: a.id, affectedEmployeeIds: [a.id] });
    expect(await outbox('hr.shift.changed', outside.body.id)).toEqual([]);
  });

  it('gives an open shift to exactly one of two parallel claims', async () => {
    const open = await shift(berlin('2026-12-16', '06:00'), berlin('2026-12-16', '14:30'), { positionId });
    expect(open.body.publishedAt).not.toBeNull(); // inside the published period
    const [x, y] = [await newEmployee(t, { hireDate: '2020-01-06', positionId }), await newEmployee(t, { hireDate: '2020-01-06', positionId })];
    const other = await newEmployee(t, { hireDate: '2020-01-06' });
    const ineligible = await t.http.post(`/hr/shifts/${open.body.id}/claim`).set(admin).send({ employeeId: other.id });
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.code).toBe('not_eligible_for_shift');
    const results = await Promise.all([x, y].map((e) => t.http.post(`/hr/shifts/${open.body.id}/claim`).set(admin).send({ employeeId: e.id })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('shift_already_taken');
    const winner = results.find((r) => r.status === 200)!;
    expect((await t.http.get(`/hr/shifts/${open.body.id}`).set(admin)).body.employeeId).toBe(winner.body.employeeId);
    const draft = await shift(berlin('2027-01-05', '06:00'), berlin('2027-01-05', '14:30'));
    expect((await t.http.post(`/hr/shifts/${draft.body.id}/claim`).set(admin).send({ employeeId: x.id })).body.code).toBe('shift_not_published');
  });

  it('copies a week at the same local times, keeping employees only where the checks pass', async () => {
    const keeper = await newEmployee(t, { hireDate: '2020-01-06' });
    const leaver = await newEmployee(t, { hireDate: '2020-01-06' });
    await shift(berlin('2027-02-01', '09:00'), berlin('2027-02-01', '17:30'), { employeeId: keeper.id });
    await shift(berlin('2027-02-02', '09:00'), berlin('2027-02-02', '17:30'), { employeeId: leaver.id });
    await t.http.post(`/hr/employees/${leaver.id}/terminate`).set(admin).send({ terminationDate: '2027-02-05', reason: 'Moving away' }).expect(200);
    const res = await t.http.post('/hr/shifts/copy-week').set(admin).send({ location: LOCATION, fromWeek: '2027-02-01', toWeek: '2027-02-08' });
    expect(res.status).toBe(201);
    expect(res.body.shifts.map((s: { startsAt: string; employeeId: string | null }) => [s.startsAt, s.employeeId])).toEqual([
      ['2027-02-08T08:00:00.000Z', keeper.id],
      ['2027-02-09T08:00:00.000Z', null],
    ]);
    expect(res.body.leftOpen).toEqual([expect.objectContaining({ employeeId: leaver.id, reasons: [expect.objectContaining({ code: 'after_termination' })] })]);
    const notMonday = await t.http.post('/hr/shifts/copy-week').set(admin).send({ location: LOCATION, fromWeek: '2027-02-02', toWeek: '2027-02-08' });
    expect(notMonday.status).toBe(422);
    const onto = await t.http.post('/hr/shifts/copy-week').set(admin).send({ location: LOCATION, fromWeek: '2027-02-01', toWeek: '2027-02-01' });
    expect(onto.body).toMatchObject({ code: 'invalid_date_range', errors: [{ field: 'toWeek' }] });
  });
});

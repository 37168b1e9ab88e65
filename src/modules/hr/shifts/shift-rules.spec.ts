import { assignmentConflicts, localParts, weekStart, workedMinutes, zonedToInstant } from './shift-rules';

const at = (iso: string) => new Date(iso);
const slot = (id: string, start: string, end: string, breakMinutes = 30) => ({ id, startsAt: at(start), endsAt: at(end), breakMinutes });

describe('shift rules', () => {
  it('converts wall-clock times in a time zone, across DST changes', () => {
    expect(zonedToInstant('2026-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToInstant('2026-12-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(zonedToInstant('2026-03-29', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedToInstant('2026-11-02', '22:00', 'America/New_York').toISOString()).toBe('2026-11-03T03:00:00.000Z');
    expect(localParts(at('2026-11-03T03:00:00Z'), 'America/New_York')).toEqual({ date: '2026-11-02', time: '22:00' });
    expect(localParts(at('2026-07-01T23:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-07-02', time: '01:30' });
  });

  it('finds the Monday of a week and the worked minutes of a shift', () => {
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(workedMinutes(slot('a', '2026-11-30T08:00:00Z', '2026-11-30T16:30:00Z'))).toBe(480);
  });

  const base = { timeZone: 'UTC', otherShifts: [], approvedLeave: [], maxWeeklyMinutes: 2400, hireDate: '2020-01-01', terminationDate: null };

  it('accepts a shift with nothing in the way', () => {
    expect(assignmentConflicts({ ...base, candidate: slot('c', '2026-11-30T08:00:00Z', '2026-11-30T16:30:00Z') })).toEqual([]);
  });

  it('lists every reason at once', () => {
    const candidate = slot('c', '2026-12-04T08:00:00Z', '2026-12-04T16:30:00Z');
    const reasons = assignmentConflicts({
      ...base,
      candidate,
      otherShifts: [
        slot('mon', '2026-11-30T08:00:00Z', '2026-11-30T16:30:00Z'),
        slot('tue', '2026-12-01T08:00:00Z', '2026-12-01T16:30:00Z'),
        slot('wed', '2026-12-02T08:00:00Z', '2026-12-02T16:30:00Z'),
        slot('night', '2026-12-03T14:00:00Z', '2026-12-03T22:30:00Z'), // 9.5 h rest before the candidate
        slot('same', '2026-12-04T12:00:00Z', '2026-12-04T14:00:00Z', 0),
      ],
      approvedLeave: [{ id: 'leave', startDate: '2026-12-04', endDate: '2026-12-04' }],
      maxWeeklyMinutes: 2400,
      terminationDate: '2026-12-03',
      hireDate: '2026-12-05',
    });
    expect(reasons.map((r) => r.code)).toEqual(['insufficient_rest', 'overlap', 'on_leave', 'weekly_hours_exceeded', 'after_termination', 'before_hire']);
    expect(reasons[0]).toMatchObject({ shiftId: 'night', message: expect.stringContaining('9 h 30 min') });
    expect(reasons[1].shiftId).toBe('same');
  });

  it('checks rest before the next shift too, and ignores the shift being re-validated', () => {
    const candidate = slot('c', '2026-11-30T14:00:00Z', '2026-11-30T22:00:00Z');
    const reasons = assignmentConflicts({ ...base, candidate, otherShifts: [candidate, slot('next', '2026-12-01T06:00:00Z', '2026-12-01T14:00:00Z')] });
    expect(reasons).toEqual([expect.objectContaining({ code: 'insufficient_rest', shiftId: 'next' })]);
  });

  it('counts the week in the location time zone', () => {
    // Sunday 23:00 in New York is Monday in UTC: there it belongs to the earlier week.
    const candidate = slot('c', '2026-12-07T04:00:00Z', '2026-12-07T12:00:00Z', 0);
    const tuesday = slot('tue', '2026-12-08T13:00:00Z', '2026-12-08T21:00:00Z', 0);
    expect(assignmentConflicts({ ...base, timeZone: 'America/New_York', candidate, otherShifts: [tuesday], maxWeeklyMinutes: 600 })).toEqual([]);
    expect(assignmentConflicts({ ...base, timeZone: 'UTC', candidate, otherShifts: [tuesday], maxWeeklyMinutes: 600 }).map((r) => r.code)).toEqual(['weekly_hours_exceeded']);
  });
});

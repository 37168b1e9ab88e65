import { splitTime, workedMinutesOf } from './timesheet-math';

const utc = { timeZone: 'UTC', holidays: new Set<string>(), dailyOvertimeAfterMinutes: 480, weeklyOvertimeAfterMinutes: 2400 };
const work = (start: string, end: string, breakMinutes = 30) => ({ start: new Date(start), end: new Date(end), breakMinutes });

describe('timesheet math', () => {
  it('subtracts the break', () => {
    expect(workedMinutesOf(work('2026-12-07T08:00:00Z', '2026-12-07T16:30:00Z'))).toBe(480);
    expect(workedMinutesOf(work('2026-12-07T08:00:00Z', '2026-12-07T08:10:00Z'))).toBe(0);
  });

  it('splits a week into daily and weekly overtime without counting twice', () => {
    // Mon–Fri 9 h worked each (1 h daily overtime each) + Saturday 6 h.
    const week = ['07', '08', '09', '10', '11'].map((d) => work(`2026-12-${d}T08:00:00Z`, `2026-12-${d}T17:30:00Z`));
    week.push(work('2026-12-12T08:00:00Z', '2026-12-12T14:30:00Z'));
    const t = splitTime(week, utc);
    expect(t.workedMinutes).toBe(5 * 540 + 360);
    // Daily: 5 × 60. Regular after daily: 5 × 480 + 360 = 2760, weekly threshold 2400: 360 more.
    expect(t.overtimeMinutes).toBe(300 + 360);
    expect(t.regularMinutes).toBe(2400);
    expect(t.days[0]).toEqual({ date: '2026-12-07', workedMinutes: 540, dailyOvertimeMinutes: 60 });
  });

  it('keeps weeks apart', () => {
    const days = ['2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15'].map((d) => work(`${d}T08:00:00Z`, `${d}T16:30:00Z`));
    expect(splitTime(days, { ...utc, weeklyOvertimeAfterMinutes: 900 }).overtimeMinutes).toBe(60 + 60);
  });

  it('counts night minutes between 22:00 and 06:00 local time', () => {
    const t = splitTime([work('2026-12-07T20:00:00Z', '2026-12-08T04:00:00Z', 0)], utc);
    expect(t.nightMinutes).toBe(360);
    const berlin = splitTime([work('2026-12-07T20:00:00Z', '2026-12-08T04:00:00Z', 0)], { ...utc, timeZone: 'Europe/Berlin' });
    expect(berlin.nightMinutes).toBe(420); // 21:00–05:00 local
    expect(splitTime([work('2026-12-08T03:00:00Z', '2026-12-08T07:00:00Z', 0)], utc).nightMinutes).toBe(180);
  });

  it('counts holiday minutes on the local holiday date, capped by the worked time', () => {
    const holidays = new Set(['2026-12-25']);
    const t = splitTime([work('2026-12-24T20:00:00Z', '2026-12-25T04:00:00Z', 30)], { ...utc, holidays });
    expect(t.holidayMinutes).toBe(240);
    expect(splitTime([work('2026-12-25T08:00:00Z', '2026-12-25T12:00:00Z', 30)], { ...utc, holidays }).holidayMinutes).toBe(210);
  });
});

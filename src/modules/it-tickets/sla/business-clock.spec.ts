import { addBusinessMinutes, BusinessCalendar, businessMinutesBetween, evaluateClock, segmentsFromTimeline } from './business-clock';
import { holidaysFor } from './holidays';

const at = (iso: string) => new Date(iso);
const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: new Set() };

describe('business minutes', () => {
  it('counts only the working window of a day', () => {
    // Mon 2026-11-30 08:00 → 10:30 Berlin (UTC+1): 90 minutes from 09:00.
    expect(businessMinutesBetween(berlin, at('2026-11-30T07:00:00Z'), at('2026-11-30T09:30:00Z'))).toBe(90);
    expect(businessMinutesBetween(berlin, at('2026-11-30T17:00:00Z'), at('2026-11-30T18:00:00Z'))).toBe(0);
    expect(businessMinutesBetween(berlin, at('2026-11-30T12:00:00Z'), at('2026-11-30T10:00:00Z'))).toBe(0);
  });

  it('skips a weekend: Friday 16:00 → Monday 10:00 is two hours', () => {
    expect(businessMinutesBetween(berlin, at('2026-12-04T15:00:00Z'), at('2026-12-07T09:00:00Z'))).toBe(120);
    // adding 2 h from Friday 16:00 lands on Monday 10:00
    expect(addBusinessMinutes(berlin, at('2026-12-04T15:00:00Z'), 120)).toEqual(at('2026-12-07T09:00:00Z'));
  });

  it('skips a public holiday from date-holidays (German Unity Day, Fri 2026-10-02 → Thu 16:00 to Mon 10:00)', () => {
    const cal = { ...berlin, holidays: holidaysFor('DE', null, [2026]) };
    expect(cal.holidays.has('2026-10-03')).toBe(true);
    // 2026-10-03 is a Saturday; Christmas Friday 2026-12-25 is the weekday test.
    expect(cal.holidays.has('2026-12-25')).toBe(true);
    expect(businessMinutesBetween(cal, at('2026-12-24T15:00:00Z'), at('2026-12-28T09:00:00Z'))).toBe(120);
    expect(businessMinutesBetween(berlin, at('2026-12-24T15:00:00Z'), at('2026-12-28T09:00:00Z'))).toBe(120 + 480);
    expect(addBusinessMinutes(cal, at('2026-12-24T15:00:00Z'), 61)).toEqual(at('2026-12-28T08:01:00Z'));
  });

  it('regional holidays only where they apply (Epiphany in Bavaria, not in Berlin)', () => {
    expect(holidaysFor('DE', 'BY', [2027]).has('2027-01-06')).toBe(true);
    expect(holidaysFor('DE', 'BE', [2027]).has('2027-01-06')).toBe(false);
  });

  it('follows the local clock over a DST change', () => {
    // Berlin springs forward on Sun 2026-03-29: Friday 16:00 CET (15:00Z) → Monday 10:00 CEST (08:00Z).
    expect(businessMinutesBetween(berlin, at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(120);
    expect(addBusinessMinutes(berlin, at('2026-03-27T15:00:00Z'), 120)).toEqual(at('2026-03-30T08:00:00Z'));
    // Round the clock: the night of the change has 23 hours.
    const always: BusinessCalendar = { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', holidays: new Set() };
    expect(businessMinutesBetween(always, at('2026-03-28T11:00:00Z'), at('2026-03-29T10:00:00Z'))).toBe(23 * 60);
    // and the autumn night 25 hours
    expect(businessMinutesBetween(always, at('2026-10-24T10:00:00Z'), at('2026-10-25T11:00:00Z'))).toBe(25 * 60);
  });

  it('an instant inside a weekend starts at the next working morning', () => {
    expect(addBusinessMinutes(berlin, at('2026-12-05T12:00:00Z'), 30)).toEqual(at('2026-12-07T08:30:00Z'));
    expect(addBusinessMinutes(berlin, at('2026-12-05T12:00:00Z'), 0)).toEqual(at('2026-12-05T12:00:00Z'));
  });

  it('returns null when the calendar has no working time', () => {
    expect(addBusinessMinutes({ ...berlin, workingDays: [] }, at('2026-12-05T12:00:00Z'), 30)).toBeNull();
  });

  it('works in other zones (New York, UTC-5)', () => {
    const ny: BusinessCalendar = { ...berlin, timeZone: 'America/New_York' };
    expect(businessMinutesBetween(ny, at('2026-12-07T13:00:00Z'), at('2026-12-07T15:00:00Z'))).toBe(60); // 08:00→10:00 local
  });
});

describe('SLA clock over a status timeline', () => {
  const pausing = ['waiting_on_requester', 'waiting_on_third_party'];
  const stopping = ['resolved', 'closed'];

  it('a pause spanning a night counts as paused business time only', () => {
    // Mon 09:00 open, 16:00 waiting, Tue 10:00 back in progress, now Tue 11:00.
    const segments = segmentsFromTimeline(
      [
        { status: 'new', at: at('2026-11-30T08:00:00Z') },
        { status: 'waiting_on_requester', at: at('2026-11-30T15:00:00Z') },
        { status: 'in_progress', at: at('2026-12-01T09:00:00Z') },
      ],
      pausing,
      stopping,
    );
    const c = evaluateClock({ calendar: berlin, segments, targetMinutes: 480, now: at('2026-12-01T10:00:00Z') });
    expect(c.elapsedMinutes).toBe(7 * 60 + 60);
    expect(c.pausedMinutes).toBe(60 + 60); // Mon 16–17, Tue 09–10; the night is not business time
    expect(c.breached).toBe(false);
    expect(c.running).toBe(true);
    // 480 − 480 = 0 left: due right now at Tue 11:00 local
    expect(c.dueAt).toEqual(at('2026-12-01T10:00:00Z'));
    // 80 % (384 min) was reached Mon at 09:00 + 384 min = 15:24 local
    expect(c.atRiskAt).toEqual(at('2026-11-30T14:24:00Z'));
  });

  it('projects the due time while running and has none while paused', () => {
    const running = segmentsFromTimeline([{ status: 'new', at: at('2026-11-30T08:00:00Z') }], pausing, stopping);
    const r = evaluateClock({ calendar: berlin, segments: running, targetMinutes: 600, now: at('2026-11-30T09:00:00Z') });
    expect(r.elapsedMinutes).toBe(60);
    expect(r.dueAt).toEqual(at('2026-12-01T10:00:00Z')); // 8 h Monday, 2 h Tuesday
    const paused = segmentsFromTimeline([{ status: 'new', at: at('2026-11-30T08:00:00Z') }, { status: 'waiting_on_third_party', at: at('2026-11-30T09:00:00Z') }], pausing, stopping);
    const p = evaluateClock({ calendar: berlin, segments: paused, targetMinutes: 600, now: at('2026-12-02T09:00:00Z') });
    expect(p).toMatchObject({ elapsedMinutes: 60, pausedMinutes: 7 * 60 + 8 * 60 + 60, dueAt: null, running: false, breached: false });
  });

  it('stops at the stop instant and at a stopping state; a reopen runs on without the resolved stretch', () => {
    const tl = [
      { status: 'new', at: at('2026-11-30T08:00:00Z') },
      { status: 'resolved', at: at('2026-11-30T10:00:00Z') },
      { status: 'reopened', at: at('2026-12-01T08:00:00Z') },
    ];
    const fr = evaluateClock({ calendar: berlin, segments: segmentsFromTimeline(tl.slice(0, 2), pausing, stopping), targetMinutes: 60, now: at('2026-11-30T12:00:00Z'), stopAt: at('2026-11-30T08:30:00Z') });
    expect(fr).toMatchObject({ elapsedMinutes: 30, stopped: true, breached: false, running: false });
    const resolved = evaluateClock({ calendar: berlin, segments: segmentsFromTimeline(tl.slice(0, 2), pausing, stopping), targetMinutes: 60, now: at('2026-11-30T12:00:00Z') });
    expect(resolved).toMatchObject({ elapsedMinutes: 120, stopped: true, breached: true, dueAt: at('2026-11-30T09:00:00Z') });
    const reopened = evaluateClock({ calendar: berlin, segments: segmentsFromTimeline(tl, pausing, stopping), targetMinutes: 480, now: at('2026-12-01T09:00:00Z') });
    expect(reopened).toMatchObject({ elapsedMinutes: 180, pausedMinutes: 0, running: true, dueAt: at('2026-12-01T14:00:00Z') }); // 300 min left from Tue 10:00 local
  });

  it('reaching the target exactly is met, one minute more is breached', () => {
    const segments = segmentsFromTimeline([{ status: 'new', at: at('2026-11-30T08:00:00Z') }], pausing, stopping);
    expect(evaluateClock({ calendar: berlin, segments, targetMinutes: 60, now: at('2026-11-30T12:00:00Z'), stopAt: at('2026-11-30T09:00:00Z') }).breached).toBe(false);
    expect(evaluateClock({ calendar: berlin, segments, targetMinutes: 60, now: at('2026-11-30T12:00:00Z'), stopAt: at('2026-11-30T09:01:00Z') }).breached).toBe(true);
  });
});

import { DateTime } from 'luxon';

/**
 * The business-hours calendar an SLA counts in: working days (ISO 1 = Monday … 7 = Sunday), one
 * daily window in local time (`end` may be `24:00`), an IANA time zone and the public holidays
 * (local `YYYY-MM-DD`) that are not worked.
 */
export interface BusinessCalendar {
  timeZone: string;
  workingDays: readonly number[];
  start: string;
  end: string;
  holidays: ReadonlySet<string>;
}

const MINUTE = 60_000;
/** A clock never looks further than this many days ahead (a calendar without working time). */
const MAX_DAYS = 3 * 366;

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The working window of a local day as instants, or null when the day is not worked. */
function windowOf(cal: BusinessCalendar, day: DateTime): [number, number] | null {
  if (!cal.workingDays.includes(day.weekday)) return null;
  if (cal.holidays.has(day.toISODate()!)) return null;
  const midnight = day.startOf('day');
  // Wall-clock times through luxon, so a DST change moves the window with the local clock.
  const at = (min: number) => (min >= 1440 ? midnight.plus({ days: 1 }) : midnight.set({ hour: Math.floor(min / 60), minute: min % 60 })).toMillis();
  const s = at(minutesOf(cal.start));
  const e = at(minutesOf(cal.end));
  return e > s ? [s, e] : null;
}

function firstDay(cal: BusinessCalendar, instant: number): DateTime {
  const local = DateTime.fromMillis(instant, { zone: cal.timeZone });
  if (!local.isValid) throw new Error(`unknown time zone ${cal.timeZone}`);
  return local.startOf('day');
}

/** Business milliseconds in [from, to). */
export function businessMillisBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (let day = firstDay(cal, a), n = 0; day.toMillis() < b && n < MAX_DAYS * 10; day = day.plus({ days: 1 }), n++) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const s = Math.max(w[0], a);
    const e = Math.min(w[1], b);
    if (e > s) total += e - s;
  }
  return total;
}

/** Whole business minutes in [from, to). */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return Math.floor(businessMillisBetween(cal, from, to) / MINUTE);
}

/**
 * The instant at which `millis` business milliseconds have passed since `from`; null when the
 * calendar has no working time in the next three years.
 */
export function addBusinessMillis(cal: BusinessCalendar, from: Date, millis: number): Date | null {
  const a = from.getTime();
  if (millis <= 0) return new Date(a);
  let remaining = millis;
  for (let day = firstDay(cal, a), n = 0; n < MAX_DAYS; day = day.plus({ days: 1 }), n++) {
    const w = windowOf(cal, day);
    if (!w || w[1] <= a) continue;
    const s = Math.max(w[0], a);
    const available = w[1] - s;
    if (available >= remaining) return new Date(s + remaining);
    remaining -= available;
  }
  return null;
}

export function addBusinessMinutes(cal: BusinessCalendar, from: Date, minutes: number): Date | null {
  return addBusinessMillis(cal, from, minutes * MINUTE);
}

/** What the clock is doing in a stretch of the ticket's status timeline. */
export type ClockMode = 'running' | 'paused' | 'stopped';

export interface ClockSegment {
  from: Date;
  /** null: the segment is still current. */
  to: Date | null;
  mode: ClockMode;
}

/** Status timeline (every transition, oldest first) → clock segments. */
export function segmentsFromTimeline(timeline: ReadonlyArray<{ status: string; at: Date }>, pausing: readonly string[], stopping: readonly string[]): ClockSegment[] {
  return timeline.map((t, i) => ({
    from: t.at,
    to: timeline[i + 1]?.at ?? null,
    mode: stopping.includes(t.status) ? 'stopped' : pausing.includes(t.status) ? 'paused' : 'running',
  }));
}

export interface ClockInput {
  calendar: BusinessCalendar;
  segments: readonly ClockSegment[];
  targetMinutes: number;
  now: Date;
  /** The clock stops for good here (first response); later segments do not count. */
  stopAt?: Date | null;
  /** At-risk threshold as a share of the target (0.8). */
  riskShare?: number;
}

export interface ClockState {
  elapsedMinutes: number;
  pausedMinutes: number;
  /** When the target is (or was) reached by the running clock; null while paused or stopped before. */
  dueAt: Date | null;
  atRiskAt: Date | null;
  /** The clock is running now (not paused, stopped or reached its stop). */
  running: boolean;
  stopped: boolean;
  breached: boolean;
}

/**
 * One SLA target's clock, recomputed from the whole status timeline: business time in running
 * segments counts, business time in pausing states is reported as paused, stopping states
 * (resolved, closed) and `stopAt` end it. Deterministic in `now`.
 */
export function evaluateClock(input: ClockInput): ClockState {
  const { calendar, segments, now } = input;
  const targetMs = input.targetMinutes * MINUTE;
  const riskMs = Math.ceil(targetMs * (input.riskShare ?? 0.8));
  const horizon = Math.min(now.getTime(), input.stopAt ? input.stopAt.getTime() : Infinity);
  let elapsed = 0;
  let paused = 0;
  let dueAt: Date | null = null;
  let atRiskAt: Date | null = null;
  for (const seg of segments) {
    const from = seg.from.getTime();
    if (from >= horizon) break;
    const to = new Date(Math.min(seg.to ? seg.to.getTime() : Infinity, horizon));
    if (seg.mode === 'paused') paused += businessMillisBetween(calendar, seg.from, to);
    if (seg.mode !== 'running') continue;
    const m = businessMillisBetween(calendar, seg.from, to);
    if (!atRiskAt && elapsed + m >= riskMs) atRiskAt = addBusinessMillis(calendar, seg.from, riskMs - elapsed);
    if (!dueAt && elapsed + m >= targetMs) dueAt = addBusinessMillis(calendar, seg.from, targetMs - elapsed);
    elapsed += m;
  }
  const last = segments[segments.length - 1];
  const stopped = Boolean((input.stopAt && input.stopAt.getTime() <= now.getTime()) || last?.mode === 'stopped');
  const running = !stopped && last?.mode === 'running';
  if (running) {
    if (!atRiskAt) atRiskAt = addBusinessMillis(calendar, now, riskMs - elapsed);
    if (!dueAt) dueAt = addBusinessMillis(calendar, now, targetMs - elapsed);
  }
  return {
    elapsedMinutes: Math.floor(elapsed / MINUTE),
    pausedMinutes: Math.floor(paused / MINUTE),
    dueAt,
    atRiskAt,
    running,
    stopped,
    breached: elapsed > targetMs,
  };
}

import { addDays } from '../calendars/working-days';
import { localDate, weekStart, zonedToInstant } from '../shifts/shift-rules';

const MINUTE = 60_000;

export interface WorkedInterval {
  start: Date;
  end: Date;
  breakMinutes: number;
}

export interface TimeRules {
  timeZone: string;
  /** Public holidays (local dates). */
  holidays: ReadonlySet<string>;
  dailyOvertimeAfterMinutes: number;
  weeklyOvertimeAfterMinutes: number;
}

export interface DayTotals {
  date: string;
  workedMinutes: number;
  dailyOvertimeMinutes: number;
}

export interface TimeTotals {
  workedMinutes: number;
  regularMinutes: number;
  overtimeMinutes: number;
  nightMinutes: number;
  holidayMinutes: number;
  days: DayTotals[];
}

export const NIGHT_START = '22:00';
export const NIGHT_END = '06:00';

function overlapMinutes(a: WorkedInterval, from: Date, to: Date): number {
  const start = Math.max(a.start.getTime(), from.getTime());
  const end = Math.min(a.end.getTime(), to.getTime());
  return end > start ? Math.round((end - start) / MINUTE) : 0;
}

export function workedMinutesOf(i: WorkedInterval): number {
  return Math.max(0, Math.round((i.end.getTime() - i.start.getTime()) / MINUTE) - i.breakMinutes);
}

/**
 * Splits worked time into regular, overtime, night (22:00–06:00 local) and holiday minutes.
 * An interval counts on the local day it starts. Daily overtime is time over the daily
 * threshold; weekly overtime is the remaining regular time over the weekly threshold in an ISO
 * week (never counted twice). Breaks are taken from daytime first, so night and holiday minutes
 * are capped by the worked minutes of their interval.
 */
export function splitTime(intervals: WorkedInterval[], rules: TimeRules): TimeTotals {
  const byDay = new Map<string, number>();
  let night = 0;
  let holiday = 0;
  for (const i of intervals) {
    const worked = workedMinutesOf(i);
    const day = localDate(i.start, rules.timeZone);
    byDay.set(day, (byDay.get(day) ?? 0) + worked);
    const lastDay = localDate(new Date(i.end.getTime() - 1), rules.timeZone);
    let n = 0;
    let h = 0;
    for (let d = addDays(day, -1); d <= lastDay; d = addDays(d, 1)) {
      n += overlapMinutes(i, zonedToInstant(d, NIGHT_START, rules.timeZone), zonedToInstant(addDays(d, 1), NIGHT_END, rules.timeZone));
      if (rules.holidays.has(d)) h += overlapMinutes(i, zonedToInstant(d, '00:00', rules.timeZone), zonedToInstant(addDays(d, 1), '00:00', rules.timeZone));
    }
    night += Math.min(n, worked);
    holiday += Math.min(h, worked);
  }
  const days = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, workedMinutes]) => ({
    date,
    workedMinutes,
    dailyOvertimeMinutes: Math.max(0, workedMinutes - rules.dailyOvertimeAfterMinutes),
  }));
  const regularByWeek = new Map<string, number>();
  for (const d of days) regularByWeek.set(weekStart(d.date), (regularByWeek.get(weekStart(d.date)) ?? 0) + d.workedMinutes - d.dailyOvertimeMinutes);
  const weeklyOvertime = [...regularByWeek.values()].reduce((sum, m) => sum + Math.max(0, m - rules.weeklyOvertimeAfterMinutes), 0);
  const worked = days.reduce((s, d) => s + d.workedMinutes, 0);
  const overtime = days.reduce((s, d) => s + d.dailyOvertimeMinutes, 0) + weeklyOvertime;
  return { workedMinutes: worked, regularMinutes: worked - overtime, overtimeMinutes: overtime, nightMinutes: night, holidayMinutes: holiday, days };
}

import Decimal from 'decimal.js';

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysBetweenInclusive(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1);
}

export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface CalendarRules {
  /** ISO weekdays that are worked (1 = Monday … 7 = Sunday). */
  workingWeekdays: number[];
  /** Public holidays by date, with their names. */
  holidays: ReadonlyMap<string, string>;
  /** Company closures by date, with their names. */
  closures: ReadonlyMap<string, string>;
}

export type DayKind = 'working' | 'weekend' | 'public_holiday' | 'closure';
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string | null;
}

/** Classifies each day; a public holiday wins over a closure, and both over a weekend. */
export function classifyDays(from: string, to: string, rules: CalendarRules): CalendarDay[] {
  return eachDate(from, to).map((date) => {
    const holiday = rules.holidays.get(date);
    if (holiday !== undefined) return { date, kind: 'public_holiday', name: holiday };
    const closure = rules.closures.get(date);
    if (closure !== undefined) return { date, kind: 'closure', name: closure };
    if (!rules.workingWeekdays.includes(isoWeekday(date))) return { date, kind: 'weekend', name: null };
    return { date, kind: 'working', name: null };
  });
}

export function countWorkingDays(from: string, to: string, rules: CalendarRules): number {
  return classifyDays(from, to, rules).filter((d) => d.kind === 'working').length;
}

export interface LeaveSpan {
  startDate: string;
  endDate: string;
  /** The first day counts only its afternoon. */
  halfDayStart: boolean;
  /** The last day counts only its morning. */
  halfDayEnd: boolean;
}

/**
 * The amount of leave a span costs, in days or hours: only working days count; a half day
 * on a non-working day costs nothing. Hours are working days × daily hours.
 */
export function leaveAmount(span: LeaveSpan, rules: CalendarRules, unit: 'days' | 'hours', dailyHours: string): string {
  const days = classifyDays(span.startDate, span.endDate, rules);
  let total = new Decimal(0);
  for (const d of days) {
    if (d.kind !== 'working') continue;
    const half = (d.date === span.startDate && span.halfDayStart) || (d.date === span.endDate && span.halfDayEnd);
    total = total.plus(half ? '0.5' : '1');
  }
  const amount = unit === 'hours' ? total.times(dailyHours) : total;
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

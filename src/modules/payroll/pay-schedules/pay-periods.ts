import { addDays, daysInMonth, isWeekday, toDayNumber } from '../calendar-days';

export const PAY_FREQUENCIES = ['monthly', 'semi_monthly', 'bi_weekly', 'weekly'] as const;
export type PayFrequency = (typeof PAY_FREQUENCIES)[number];

export const PERIODS_PER_YEAR: Record<PayFrequency, number> = { monthly: 12, semi_monthly: 24, bi_weekly: 26, weekly: 52 };

/**
 * When a period is paid. A pay date that falls on a non-working day moves back to the previous
 * working day, so people are never paid later than the rule promises.
 */
export type PayDateRule =
  | { kind: 'last_working_day' }
  | { kind: 'fixed_day'; day: number }
  | { kind: 'days_after_period_end'; days: number };

export interface PayScheduleRule {
  frequency: PayFrequency;
  /** First day of any one period; required for weekly and bi-weekly, ignored otherwise. */
  anchorDate?: string | null;
  payDateRule: PayDateRule;
}

export interface PayPeriod {
  start: string;
  end: string;
  payDate: string;
}

/** The most periods one call generates; a longer range is the caller's mistake. */
export const MAX_PERIODS = 400;

type IsWorkingDay = (date: string) => boolean;

/** Pay periods of a schedule that overlap `from`…`to` (both included), in order. */
export function generatePayPeriods(rule: PayScheduleRule, from: string, to: string, isWorkingDay: IsWorkingDay = isWeekday): PayPeriod[] {
  if (toDayNumber(to) < toDayNumber(from)) throw new RangeError('to is before from');
  const periods: PayPeriod[] = [];
  let start = firstPeriodStart(rule, from);
  while (start <= to) {
    const end = periodEnd(rule, start);
    if (end >= from) periods.push({ start, end, payDate: payDate(rule.payDateRule, end, isWorkingDay) });
    if (periods.length > MAX_PERIODS) throw new RangeError(`more than ${MAX_PERIODS} periods in the range`);
    start = addDays(end, 1);
  }
  return periods;
}

/** The period that contains `date`. */
export function periodContaining(rule: PayScheduleRule, date: string, isWorkingDay: IsWorkingDay = isWeekday): PayPeriod {
  return generatePayPeriods(rule, date, date, isWorkingDay)[0];
}

function firstPeriodStart(rule: PayScheduleRule, from: string): string {
  const [y, m, d] = from.split('-').map(Number);
  switch (rule.frequency) {
    case 'monthly':
      return iso(y, m, 1);
    case 'semi_monthly':
      return iso(y, m, d <= 15 ? 1 : 16);
    case 'weekly':
    case 'bi_weekly': {
      if (!rule.anchorDate) throw new RangeError(`${rule.frequency} schedules need an anchor date`);
      const length = rule.frequency === 'weekly' ? 7 : 14;
      const offset = toDayNumber(from) - toDayNumber(rule.anchorDate);
      // floor division also for ranges before the anchor
      const index = Math.floor(offset / length);
      return addDays(rule.anchorDate, index * length);
    }
  }
}

function periodEnd(rule: PayScheduleRule, start: string): string {
  const [y, m, d] = start.split('-').map(Number);
  switch (rule.frequency) {
    case 'monthly':
      return iso(y, m, daysInMonth(y, m));
    case 'semi_monthly':
      return d === 1 ? iso(y, m, 15) : iso(y, m, daysInMonth(y, m));
    case 'weekly':
      return addDays(start, 6);
    case 'bi_weekly':
      return addDays(start, 13);
  }
}

function payDate(rule: PayDateRule, periodEnd: string, isWorkingDay: IsWorkingDay): string {
  const [y, m] = periodEnd.split('-').map(Number);
  let date: string;
  switch (rule.kind) {
    case 'last_working_day':
      date = periodEnd;
      break;
    case 'fixed_day':
      date = iso(y, m, Math.min(rule.day, daysInMonth(y, m)));
      break;
    case 'days_after_period_end':
      date = addDays(periodEnd, rule.days);
      break;
  }
  for (let guard = 0; !isWorkingDay(date); guard++) {
    if (guard > 31) throw new RangeError('no working day in the month before the pay date');
    date = addDays(date, -1);
  }
  return date;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

import Decimal from 'decimal.js';

/** Longest range a report accepts, in months (both ends included). */
export const MAX_MONTHS = 36;

export interface MonthRange {
  /** `YYYY-MM` */
  from: string;
  to: string;
  /** First day of `from`, last day of `to`, first day of `to` (`YYYY-MM-DD`). */
  firstDay: string;
  lastDay: string;
  lastMonthFirstDay: string;
}

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * The month range of a report: `to` defaults to the month of `today`, `from` to 11 months
 * before `to`; `to` must not precede `from` and the range spans at most 36 months.
 */
export function monthRange(from: string | undefined, to: string | undefined, today: string): MonthRange | { error: string; field: string } {
  const end = to ?? today.slice(0, 7);
  const start = from ?? monthOf(Math.max(0, index(end) - 11));
  const months = index(end) - index(start) + 1;
  if (months < 1) return { field: 'to', error: 'to must not be before from.' };
  if (months > MAX_MONTHS) return { field: 'to', error: `The range spans ${months} months; at most ${MAX_MONTHS}.` };
  const next = index(end) + 1;
  const lastDay = new Date(Date.UTC(Math.floor(next / 12), next % 12, 0)).toISOString().slice(0, 10);
  return { from: start, to: end, firstDay: `${start}-01`, lastDay, lastMonthFirstDay: `${end}-01` };
}

/** `YYYY-MM-DD` plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Minor-unit digits of an ISO 4217 currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An exact numeric string as an amount of the currency, rounded half-up to its minor unit. */
export function formatAmount(amount: string, currency: string): string {
  return new Decimal(amount).toFixed(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** met / (met + breached) × 100 to one decimal, half-up; null when nothing is decided. */
export function compliancePercent(met: number, breached: number): string | null {
  if (met + breached === 0) return null;
  return new Decimal(met).times(100).div(met + breached).toFixed(1, Decimal.ROUND_HALF_UP);
}

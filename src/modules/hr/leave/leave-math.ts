import Decimal from 'decimal.js';
import { addDays, daysBetweenInclusive, LeaveSpan } from '../calendars/working-days';

/** Leave amounts are kept to 2 decimals, rounded half up. */
export const LEAVE_ROUNDING = Decimal.ROUND_HALF_UP;
const round = (d: Decimal) => d.toDecimalPlaces(2, LEAVE_ROUNDING).toFixed(2);

/**
 * An entitlement for a period, prorated by the days of that period the person was employed
 * (hired mid-period, or leaving mid-period). Zero when not employed in the period at all.
 */
export function prorate(amount: string, periodStart: string, periodEnd: string, hireDate: string, terminationDate: string | null): string {
  const from = hireDate > periodStart ? hireDate : periodStart;
  const to = terminationDate && terminationDate < periodEnd ? terminationDate : periodEnd;
  const employed = daysBetweenInclusive(from, to);
  const total = daysBetweenInclusive(periodStart, periodEnd);
  if (employed === 0) return '0.00';
  return round(new Decimal(amount).times(employed).dividedBy(total));
}

export interface YearClose {
  /** Balance of the closing year that lapses (written as an `expiry` entry, negative). */
  closed: string;
  /** What is carried into the new year (a `carry_over` entry, positive), at most the cap. */
  carried: string;
}

/**
 * Closing a leave year: a positive balance lapses and up to `cap` is carried over (no cap:
 * everything). A zero or negative balance is left alone (a debt carries over as it is).
 */
export function closeYear(balance: string, cap: string | null): YearClose | null {
  const b = new Decimal(balance);
  if (b.lte(0)) return null;
  const carried = cap === null ? b : Decimal.min(b, new Decimal(cap));
  return { closed: round(b.negated()), carried: round(carried) };
}

/**
 * Carried-over leave not used by its expiry date lapses. Leave taken in the new year uses the
 * carried-over balance first. Returns the amount that expires (positive, possibly zero).
 */
export function expiringCarryOver(carried: string, usedSinceYearStart: string): string {
  const left = new Decimal(carried).minus(Decimal.max(new Decimal(usedSinceYearStart), 0));
  return round(Decimal.max(left, 0));
}

/** The first day carried-over leave of the year starting `yearStart` is no longer valid. */
export function carryOverExpiryDate(yearStart: string, months: number): string {
  const d = new Date(`${yearStart}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Month periods of a year that have ended on or before `asOf` (monthly accrual is paid in arrears). */
export function completedMonths(year: number, asOf: string): Array<{ period: string; start: string; end: string }> {
  const out: Array<{ period: string; start: string; end: string }> = [];
  for (let m = 1; m <= 12; m++) {
    const start = `${year}-${String(m).padStart(2, '0')}-01`;
    const end = addDays(m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`, -1);
    if (end > asOf) break;
    out.push({ period: start.slice(0, 7), start, end });
  }
  return out;
}

/** Two spans sharing one day do not overlap when one keeps its morning and the other its afternoon. */
export function spansOverlap(a: LeaveSpan, b: LeaveSpan): boolean {
  if (a.startDate > b.endDate || b.startDate > a.endDate) return false;
  if (a.endDate === b.startDate && a.halfDayEnd && b.halfDayStart) return false;
  if (b.endDate === a.startDate && b.halfDayEnd && a.halfDayStart) return false;
  return true;
}

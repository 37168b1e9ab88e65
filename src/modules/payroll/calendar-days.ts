/** Calendar-date arithmetic on `YYYY-MM-DD` strings through UTC day numbers (no time zones, no DST). */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Inclusive count of days from `start` to `end`; 0 when `end` is before `start`. */
export function daysBetweenInclusive(start: string, end: string): number {
  return Math.max(0, toDayNumber(end) - toDayNumber(start) + 1);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Monday to Friday. Public holidays are the caller's business (they pass their own predicate). */
export function isWeekday(date: string): boolean {
  const dow = new Date(toDayNumber(date) * DAY_MS).getUTCDay();
  return dow !== 0 && dow !== 6;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** Each date from `start` to `end`, both included. */
export function* eachDay(start: string, end: string): Generator<string> {
  for (let d = toDayNumber(start), last = toDayNumber(end); d <= last; d++) yield fromDayNumber(d);
}

import { addDays, addMonths, format, isLastDayOfMonth, lastDayOfMonth, parse } from 'date-fns';

/**
 * The date rules of a contract as pure functions over `YYYY-MM-DD` strings (no time zones: these
 * are calendar dates). Month arithmetic keeps month ends: one month after Feb 28, 2026 (the last
 * day) is Mar 31, three months before Dec 31 is Sep 30, and Feb 29 maps to Feb 28 in other years.
 */
export type RenewalType = 'none' | 'automatic' | 'manual';
export type NoticeUnit = 'days' | 'months';
export interface NoticePeriod {
  value: number;
  unit: NoticeUnit;
}

const FORMAT = 'yyyy-MM-dd';
const toDate = (iso: string): Date => parse(iso, FORMAT, new Date(2000, 0, 1));
const toIso = (d: Date): string => format(d, FORMAT);

export function plusDays(date: string, days: number): string {
  return toIso(addDays(toDate(date), days));
}

/** Adds (or subtracts) months; a month-end date stays a month end, other days clamp to the shorter month. */
export function addMonthsKeepingMonthEnd(date: string, months: number): string {
  const d = toDate(date);
  const moved = addMonths(d, months);
  return toIso(isLastDayOfMonth(d) ? lastDayOfMonth(moved) : moved);
}

/** The last day of a term of `months` starting on `startDate` (Jan 1 + 12 months ends Dec 31). */
export function termEndDate(startDate: string, months: number): string {
  return addMonthsKeepingMonthEnd(plusDays(startDate, -1), months);
}

/** The last day on which notice can still be given: the end date minus the notice period. */
export function noticeDeadline(endDate: string | null, notice: NoticePeriod | null): string | null {
  if (!endDate || !notice) return null;
  return notice.unit === 'days' ? plusDays(endDate, -notice.value) : addMonthsKeepingMonthEnd(endDate, -notice.value);
}

export interface ContractDateInput {
  startDate: string;
  endDate?: string | null;
  termMonths?: number | null;
  renewalType: RenewalType;
  noticePeriod?: NoticePeriod | null;
}

export interface ContractDates {
  endDate: string | null;
  noticeDeadline: string | null;
  /** The first day of the next term when the contract renews; null when it does not. */
  nextRenewalDate: string | null;
}

export function contractDates(input: ContractDateInput): ContractDates {
  const endDate = input.endDate ?? (input.termMonths ? termEndDate(input.startDate, input.termMonths) : null);
  return {
    endDate,
    noticeDeadline: noticeDeadline(endDate, input.noticePeriod ?? null),
    nextRenewalDate: endDate && input.renewalType !== 'none' ? plusDays(endDate, 1) : null,
  };
}

/** The day alerts start and the contract counts as expiring: N days before the notice deadline (or the end without one). */
export function alertWindowStart(dates: { endDate: string | null; noticeDeadline: string | null }, alertDays: number): string | null {
  const anchor = dates.noticeDeadline ?? dates.endDate;
  return anchor ? plusDays(anchor, -alertDays) : null;
}

export interface RenewalTerm {
  startDate: string;
  endDate: string;
}

const MAX_TERMS = 1200;

/** The terms an automatic renewal adds so that the contract runs on `asOf` (none while the current term runs). */
export function renewalsThrough(endDate: string, termMonths: number, asOf: string): RenewalTerm[] {
  if (!Number.isInteger(termMonths) || termMonths < 1) throw new RangeError('a renewal term is at least one month');
  const terms: RenewalTerm[] = [];
  let end = endDate;
  while (end < asOf) {
    if (terms.length >= MAX_TERMS) throw new RangeError('too many renewal terms');
    const next = addMonthsKeepingMonthEnd(end, termMonths);
    terms.push({ startDate: plusDays(end, 1), endDate: next });
    end = next;
  }
  return terms;
}

/** The next due date of a recurring obligation or billing period. */
export type Recurrence = 'monthly' | 'quarterly' | 'yearly';
export const RECURRENCE_MONTHS: Record<Recurrence, number> = { monthly: 1, quarterly: 3, yearly: 12 };

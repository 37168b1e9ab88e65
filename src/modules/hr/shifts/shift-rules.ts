import { addDays, isoWeekday } from '../calendars/working-days';

/** Conflicts reported for one assignment (the checks stop listing after this many). */
export const MAX_CONFLICT_REASONS = 20;

const MINUTE = 60_000;

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
}

/** The instant a wall-clock time happens in a time zone (a time skipped by DST moves forward). */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number);
  const guess = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * MINUTE;
  const second = guess - offsetMinutes(new Date(first), timeZone) * MINUTE;
  return new Date(second);
}

/** Wall-clock date and time of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): { date: string; time: string } {
  const local = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * MINUTE).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

export const localDate = (instant: Date, timeZone: string) => localParts(instant, timeZone).date;

/** Monday of the ISO week of a date. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function workedMinutes(s: { startsAt: Date; endsAt: Date; breakMinutes: number }): number {
  return Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / MINUTE) - s.breakMinutes;
}

export interface ShiftSlot {
  id?: string;
  startsAt: Date;
  endsAt: Date;
  breakMinutes: number;
}

export const MIN_REST_MINUTES = 11 * 60;

export type AssignmentConflictCode = 'overlap' | 'on_leave' | 'insufficient_rest' | 'weekly_hours_exceeded' | 'after_termination' | 'before_hire';
export interface AssignmentConflict {
  code: AssignmentConflictCode;
  message: string;
  shiftId?: string;
  leaveRequestId?: string;
}

export interface AssignmentContext {
  candidate: ShiftSlot;
  timeZone: string;
  /** The employee's other shifts around the candidate (at least the same ISO week ± 1 day). */
  otherShifts: ShiftSlot[];
  approvedLeave: Array<{ id: string; startDate: string; endDate: string }>;
  maxWeeklyMinutes: number;
  hireDate: string;
  terminationDate: string | null;
}

/** Every reason the employee cannot work the candidate shift (empty: they can). */
export function assignmentConflicts(ctx: AssignmentContext): AssignmentConflict[] {
  const c = ctx.candidate;
  const out: AssignmentConflict[] = [];
  const firstDay = localDate(c.startsAt, ctx.timeZone);
  const lastDay = localDate(new Date(c.endsAt.getTime() - 1), ctx.timeZone);
  const others = ctx.otherShifts.filter((o) => !c.id || o.id !== c.id);
  for (const o of others) {
    if (o.startsAt < c.endsAt && c.startsAt < o.endsAt) {
      out.push({ code: 'overlap', message: `Overlaps shift ${o.startsAt.toISOString()}–${o.endsAt.toISOString()}.`, shiftId: o.id });
      continue;
    }
    const gap = o.endsAt <= c.startsAt ? c.startsAt.getTime() - o.endsAt.getTime() : o.startsAt.getTime() - c.endsAt.getTime();
    if (gap < MIN_REST_MINUTES * MINUTE) {
      out.push({ code: 'insufficient_rest', message: `Only ${Math.floor(gap / MINUTE / 60)} h ${Math.round(gap / MINUTE) % 60} min of rest ${o.endsAt <= c.startsAt ? 'after the previous' : 'before the next'} shift; at least 11 h are required.`, shiftId: o.id });
    }
  }
  for (const l of ctx.approvedLeave) {
    if (l.startDate <= lastDay && l.endDate >= firstDay) {
      out.push({ code: 'on_leave', message: `Approved leave ${l.startDate}..${l.endDate} covers the shift.`, leaveRequestId: l.id });
    }
  }
  const week = weekStart(firstDay);
  const weekEnd = addDays(week, 6);
  const weekMinutes = others
    .filter((o) => {
      const d = localDate(o.startsAt, ctx.timeZone);
      return d >= week && d <= weekEnd;
    })
    .reduce((sum, o) => sum + workedMinutes(o), workedMinutes(c));
  if (weekMinutes > ctx.maxWeeklyMinutes) {
    out.push({ code: 'weekly_hours_exceeded', message: `The week of ${week} would total ${(weekMinutes / 60).toFixed(2)} h; the limit is ${(ctx.maxWeeklyMinutes / 60).toFixed(2)} h.` });
  }
  if (ctx.terminationDate && lastDay > ctx.terminationDate) {
    out.push({ code: 'after_termination', message: `The employee leaves on ${ctx.terminationDate}.` });
  }
  if (firstDay < ctx.hireDate) {
    out.push({ code: 'before_hire', message: `The employee starts on ${ctx.hireDate}.` });
  }
  return out.slice(0, MAX_CONFLICT_REASONS);
}

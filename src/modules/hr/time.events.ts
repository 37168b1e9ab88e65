import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import type { WorkCalendar } from './calendars/work-calendar.entity';
import { EMPLOYMENT_TYPES } from './employees/employee.entity';
import type { EmploymentType } from './employees/employee.entity';
import type { Shift, ShiftTemplate, WorkingTimeRule } from './shifts/shift.entities';
import type { TimeEntry } from './timesheets/timesheet.entities';

/**
 * Time master data and records: work calendars, shift templates, shifts (drafts too; published
 * ones also emit `hr.shift.changed`), working-time rules and time entries, as they are after the
 * change (before it, for a deletion), with the names of the changed fields on updates.
 */
export interface WorkCalendarChangedPayload {
  calendarId: string;
  name: string;
  timeZone: string;
  country: string | null;
  region: string | null;
  workingWeekdays: number[];
  /** Decimal string. */
  dailyHours: string;
  location: string | null;
  closures: Array<{ date: string; name: string }>;
  changedFields: string[];
}

export interface ShiftTemplateChangedPayload {
  shiftTemplateId: string;
  name: string;
  startTime: string;
  endTime: string;
  unpaidBreakMinutes: number;
  positionId: string | null;
  location: string;
  changedFields: string[];
}

export interface ShiftEventPayload {
  shiftId: string;
  startsAt: string;
  endsAt: string;
  breakMinutes: number;
  location: string;
  positionId: string | null;
  employeeId: string | null;
  templateId: string | null;
  /** Null while the shift is a draft (its period is not published). */
  publishedAt: string | null;
  changedFields: string[];
  /** `hr.shift.copied` only: the shift of the source week. */
  sourceShiftId?: string;
}

export interface WorkingTimeRuleChangedPayload {
  employmentType: EmploymentType;
  maxWeeklyMinutes: number;
  dailyOvertimeAfterMinutes: number;
  weeklyOvertimeAfterMinutes: number;
  changedFields: string[];
}

/** A time entry (its free-text reason is not carried). */
export interface TimeEntryEventPayload {
  timeEntryId: string;
  employeeId: string;
  shiftId: string | null;
  clockInAt: string;
  clockOutAt: string | null;
  breakMinutes: number;
  source: 'clock' | 'manual';
  changedFields: string[];
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'hr.calendar.created': WorkCalendarChangedPayload;
    'hr.calendar.updated': WorkCalendarChangedPayload;
    'hr.shift_template.created': ShiftTemplateChangedPayload;
    'hr.shift_template.updated': ShiftTemplateChangedPayload;
    'hr.shift.created': ShiftEventPayload;
    'hr.shift.copied': ShiftEventPayload;
    'hr.shift.updated': ShiftEventPayload;
    'hr.shift.claimed': ShiftEventPayload;
    'hr.shift.deleted': ShiftEventPayload;
    'hr.working_time_rule.updated': WorkingTimeRuleChangedPayload;
    'hr.time_entry.clocked_in': TimeEntryEventPayload;
    'hr.time_entry.clocked_out': TimeEntryEventPayload;
    'hr.time_entry.entered': TimeEntryEventPayload;
    'hr.time_entry.corrected': TimeEntryEventPayload;
  }
}

export const calendarPayload = (c: WorkCalendar, closures: Array<{ date: string; name: string }>, changedFields: string[] = []): WorkCalendarChangedPayload => ({
  calendarId: c.id,
  name: c.name,
  timeZone: c.timeZone,
  country: c.country,
  region: c.region,
  workingWeekdays: c.workingWeekdays.map(Number).sort(),
  dailyHours: c.dailyHours,
  location: c.location,
  closures: closures.map((x) => ({ date: x.date, name: x.name })),
  changedFields,
});

export const shiftTemplatePayload = (t: ShiftTemplate, changedFields: string[] = []): ShiftTemplateChangedPayload => ({
  shiftTemplateId: t.id,
  name: t.name,
  startTime: t.startTime.slice(0, 5),
  endTime: t.endTime.slice(0, 5),
  unpaidBreakMinutes: t.unpaidBreakMinutes,
  positionId: t.positionId,
  location: t.location,
  changedFields,
});

export const shiftPayload = (s: Shift, changedFields: string[] = [], sourceShiftId?: string): ShiftEventPayload => ({
  shiftId: s.id,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  breakMinutes: s.breakMinutes,
  location: s.location,
  positionId: s.positionId,
  employeeId: s.employeeId,
  templateId: s.templateId,
  publishedAt: s.publishedAt ? s.publishedAt.toISOString() : null,
  changedFields,
  ...(sourceShiftId ? { sourceShiftId } : {}),
});

export const workingTimeRulePayload = (r: WorkingTimeRule, changedFields: string[] = []): WorkingTimeRuleChangedPayload => ({
  employmentType: r.employmentType,
  maxWeeklyMinutes: r.maxWeeklyMinutes,
  dailyOvertimeAfterMinutes: r.dailyOvertimeAfterMinutes,
  weeklyOvertimeAfterMinutes: r.weeklyOvertimeAfterMinutes,
  changedFields,
});

export const timeEntryPayload = (e: TimeEntry, changedFields: string[] = []): TimeEntryEventPayload => ({
  timeEntryId: e.id,
  employeeId: e.employeeId,
  shiftId: e.shiftId,
  clockInAt: e.clockInAt.toISOString(),
  clockOutAt: e.clockOutAt ? e.clockOutAt.toISOString() : null,
  breakMinutes: e.breakMinutes,
  source: e.source,
  changedFields,
});

const HHMM = { pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Local time at the location (HH:MM).' };
const changed = (fields: readonly string[]) => S.array(S.enum(fields), fields.length);

const calendarSchema = S.object({
  calendarId: S.uuid(),
  name: S.string(100),
  timeZone: S.string(64, { description: 'IANA time zone.' }),
  country: S.nullable(S.string(2, { pattern: '^[A-Z]{2}$' })),
  region: S.nullable(S.string(10, { pattern: '^[A-Z0-9]{1,10}$' })),
  workingWeekdays: S.array(S.int32(1, 7), 7),
  dailyHours: S.decimal({ precision: 4, scale: 2, min: '0' }),
  location: S.nullable(S.string(200)),
  closures: S.array(S.object({ date: S.date(), name: S.string(200) }), 366),
  changedFields: changed(['name', 'timeZone', 'country', 'region', 'workingWeekdays', 'dailyHours', 'location', 'closures']),
});
const shiftTemplateSchema = S.object({
  shiftTemplateId: S.uuid(),
  name: S.string(100),
  startTime: S.string(5, HHMM),
  endTime: S.string(5, HHMM),
  unpaidBreakMinutes: S.int32(0, 240),
  positionId: S.nullable(S.uuid()),
  location: S.string(200),
  changedFields: changed(['name', 'startTime', 'endTime', 'unpaidBreakMinutes', 'positionId', 'location']),
});
const shiftSchema = S.object(
  {
    shiftId: S.uuid(),
    startsAt: S.dateTime(),
    endsAt: S.dateTime(),
    breakMinutes: S.int32(0, 240),
    location: S.string(200),
    positionId: S.nullable(S.uuid()),
    employeeId: S.nullable(S.uuid()),
    templateId: S.nullable(S.uuid()),
    publishedAt: S.nullable(S.dateTime()),
    changedFields: changed(['startsAt', 'endsAt', 'breakMinutes', 'location', 'positionId', 'employeeId']),
    sourceShiftId: { ...S.uuid(), description: '`hr.shift.copied` only: the shift it was copied from.' },
  },
  ['sourceShiftId'],
);
const workingTimeRuleSchema = S.object({
  employmentType: S.enum(EMPLOYMENT_TYPES),
  maxWeeklyMinutes: S.int32(0, 10080),
  dailyOvertimeAfterMinutes: S.int32(0, 1440),
  weeklyOvertimeAfterMinutes: S.int32(0, 10080),
  changedFields: changed(['maxWeeklyMinutes', 'dailyOvertimeAfterMinutes', 'weeklyOvertimeAfterMinutes']),
});
const timeEntrySchema = S.object({
  timeEntryId: S.uuid(),
  employeeId: S.uuid(),
  shiftId: S.nullable(S.uuid()),
  clockInAt: S.dateTime(),
  clockOutAt: S.nullable(S.dateTime()),
  breakMinutes: S.int32(0, 240),
  source: S.enum(['clock', 'manual']),
  changedFields: changed(['clockInAt', 'clockOutAt', 'breakMinutes', 'shiftId', 'source', 'reason']),
});

const shift = (description: string) => ({ description, aggregateType: 'shift', schema: shiftSchema });
const timeEntry = (description: string) => ({ description, aggregateType: 'time_entry', schema: timeEntrySchema });

defineEventTypes({
  'hr.calendar.created': { description: 'A work calendar was created (weekdays, daily hours, time zone, holiday region, closures).', aggregateType: 'work_calendar', schema: calendarSchema },
  'hr.calendar.updated': { description: 'A work calendar changed; `changedFields` names what (`closures` when the closure list was replaced with a different one).', aggregateType: 'work_calendar', schema: calendarSchema },
  'hr.shift_template.created': { description: 'A shift template was created.', aggregateType: 'shift_template', schema: shiftTemplateSchema },
  'hr.shift_template.updated': { description: 'A shift template changed; `changedFields` names what. Shifts made from it earlier keep their times.', aggregateType: 'shift_template', schema: shiftTemplateSchema },
  'hr.shift.created': shift('A shift was created (one by one or in bulk from a template); a draft until its period is published (`publishedAt`).'),
  'hr.shift.copied': shift('A shift was created by copying a week (`sourceShiftId`); the employee is kept when every check passes.'),
  'hr.shift.updated': shift('A shift changed (times, break, location, position or employee); `changedFields` names what. Published shifts also emit `hr.shift.changed`.'),
  'hr.shift.claimed': shift('An employee claimed a published open shift.'),
  'hr.shift.deleted': shift('A shift was deleted; the payload is the shift as it was.'),
  'hr.working_time_rule.updated': { description: 'The working-time rule of an employment type changed (weekly limit, overtime thresholds).', aggregateType: 'working_time_rule', schema: workingTimeRuleSchema },
  'hr.time_entry.clocked_in': timeEntry('An employee clocked in (an open time entry, linked to their shift when one matches).'),
  'hr.time_entry.clocked_out': timeEntry('An employee clocked out; the entry is closed.'),
  'hr.time_entry.entered': timeEntry('A time entry was entered by hand (with a reason, not carried).'),
  'hr.time_entry.corrected': timeEntry('A time entry was corrected (with a reason, not carried); `changedFields` names what.'),
});

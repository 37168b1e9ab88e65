import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { MAX_SHIFTS_PER_BATCH } from './shifts/dto/shift.dto';
import { EMPLOYEE_STATUSES, EMPLOYMENT_TYPES } from './employees/employee.entity';
import type { EmploymentType, EmployeeStatus } from './employees/employee.entity';

export interface EmployeeHiredPayload {
  employeeId: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  workEmail: string;
  hireDate: string;
  employmentType: EmploymentType;
  departmentId: string | null;
  positionId: string | null;
  managerId: string | null;
  country: string | null;
}

export interface EmployeeUpdatedPayload {
  employeeId: string;
  /** Names of the fields that changed (values are not carried: some are sensitive). */
  changedFields: string[];
}

export interface EmployeeStatusChangedPayload {
  employeeId: string;
  from: EmployeeStatus;
  to: EmployeeStatus;
}

/** An employee record was deleted (only its identifiers: the rest may be sensitive). */
export interface EmployeeDeletedPayload {
  employeeId: string;
  employeeNumber: string;
}

export interface EmployeeTerminatedPayload {
  employeeId: string;
  employeeNumber: string;
  terminationDate: string;
  reason: string;
  managerId: string | null;
}

/** Every state of a leave request emits one of these (the payload is the same). */
export interface LeaveRequestEventPayload {
  leaveRequestId: string;
  employeeId: string;
  leaveTypeId: string;
  leaveTypeCode: string;
  paid: boolean;
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  /** Decimal string, in `unit`. */
  amount: string;
  unit: 'days' | 'hours';
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'cancelled';
  decidedByEmployeeId: string | null;
  /** On cancellation: whether the request had been approved (its balance was returned). */
  wasApproved?: boolean;
}

export interface SchedulePublishedPayload {
  publicationId: string;
  location: string;
  startDate: string;
  endDate: string;
  shiftCount: number;
  /** Employees with shifts in the published period. */
  employeeIds: string[];
}

export type ShiftChange = 'created' | 'updated' | 'assigned' | 'unassigned' | 'claimed' | 'deleted';

/** A change to a published shift (unpublished ones change silently). */
export interface ShiftChangedPayload {
  shiftId: string;
  change: ShiftChange;
  location: string;
  startsAt: string;
  endsAt: string;
  employeeId: string | null;
  previousEmployeeId: string | null;
  affectedEmployeeIds: string[];
}

export interface TimesheetEventPayload {
  timesheetId: string;
  employeeId: string;
  periodStart: string;
  periodEnd: string;
  status: 'open' | 'submitted' | 'approved' | 'locked';
  /** Frozen at approval; null before. */
  totals: { workedMinutes: number; regularMinutes: number; overtimeMinutes: number; nightMinutes: number; holidayMinutes: number } | null;
}

/** Onboarding or offboarding started: IT tickets and contracts pick their tasks from here. */
export interface JourneyStartedPayload {
  journeyId: string;
  employeeId: string;
  /** Start date (onboarding) or last day (offboarding). */
  anchorDate: string;
  tasks: Array<{ taskId: string; title: string; kind: 'manual' | 'it_ticket' | 'contract'; dueDate: string; ownerRole: string | null; ownerDepartmentId: string | null }>;
}

export interface JourneyCompletedPayload {
  journeyId: string;
  employeeId: string;
  anchorDate: string;
  completedAt: string;
}

export interface JourneyTaskCompletedPayload {
  journeyId: string;
  employeeId: string;
  kind: 'onboarding' | 'offboarding';
  taskId: string;
  title: string;
  taskKind: 'manual' | 'it_ticket' | 'contract';
}

/** A checklist template as it is after the change (its tasks counted, not listed). */
export interface ChecklistTemplateChangedPayload {
  templateId: string;
  name: string;
  kind: 'onboarding' | 'offboarding';
  taskCount: number;
  /** The fields that changed (updates only; empty otherwise). */
  changedFields: Array<'name' | 'kind' | 'tasks'>;
}

export interface JourneyCancelledPayload {
  journeyId: string;
  employeeId: string;
  kind: 'onboarding' | 'offboarding';
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'hr.employee.hired': EmployeeHiredPayload;
    'hr.employee.updated': EmployeeUpdatedPayload;
    'hr.employee.status_changed': EmployeeStatusChangedPayload;
    'hr.employee.terminated': EmployeeTerminatedPayload;
    'hr.employee.deleted': EmployeeDeletedPayload;
    'hr.leave_request.created': LeaveRequestEventPayload;
    'hr.leave_request.submitted': LeaveRequestEventPayload;
    'hr.leave_request.approved': LeaveRequestEventPayload;
    'hr.leave_request.rejected': LeaveRequestEventPayload;
    'hr.leave_request.cancelled': LeaveRequestEventPayload;
    'hr.schedule.published': SchedulePublishedPayload;
    'hr.shift.changed': ShiftChangedPayload;
    'hr.timesheet.created': TimesheetEventPayload;
    'hr.timesheet.submitted': TimesheetEventPayload;
    'hr.timesheet.approved': TimesheetEventPayload;
    'hr.timesheet.reopened': TimesheetEventPayload;
    'hr.timesheet.locked': TimesheetEventPayload;
    'hr.onboarding.started': JourneyStartedPayload;
    'hr.onboarding.completed': JourneyCompletedPayload;
    'hr.offboarding.started': JourneyStartedPayload;
    'hr.offboarding.completed': JourneyCompletedPayload;
    'hr.journey_task.completed': JourneyTaskCompletedPayload;
    'hr.journey.cancelled': JourneyCancelledPayload;
    'hr.checklist_template.created': ChecklistTemplateChangedPayload;
    'hr.checklist_template.updated': ChecklistTemplateChangedPayload;
  }
}

export const HR_EVENT_TOPICS = [
  'hr.employee.hired',
  'hr.employee.updated',
  'hr.employee.status_changed',
  'hr.employee.terminated',
  'hr.employee.deleted',
  'hr.leave_request.created',
  'hr.leave_request.submitted',
  'hr.leave_request.approved',
  'hr.leave_request.rejected',
  'hr.leave_request.cancelled',
  'hr.schedule.published',
  'hr.shift.changed',
  'hr.timesheet.created',
  'hr.timesheet.submitted',
  'hr.timesheet.approved',
  'hr.timesheet.reopened',
  'hr.timesheet.locked',
  'hr.onboarding.started',
  'hr.onboarding.completed',
  'hr.offboarding.started',
  'hr.offboarding.completed',
  'hr.journey_task.completed',
  'hr.journey.cancelled',
  'hr.checklist_template.created',
  'hr.checklist_template.updated',
] as const;

const employeeHired = S.object({
  employeeId: S.uuid(),
  employeeNumber: S.string(23, { pattern: '^EMP-\\d{5,19}$', example: 'EMP-00042' }),
  firstName: S.string(100),
  lastName: S.string(100),
  workEmail: S.string(254),
  hireDate: S.date(),
  employmentType: S.enum(EMPLOYMENT_TYPES),
  departmentId: S.nullable(S.uuid()),
  positionId: S.nullable(S.uuid()),
  managerId: S.nullable(S.uuid()),
  country: S.nullable(S.string(2, { pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' })),
});

const leaveRequest = S.object(
  {
    leaveRequestId: S.uuid(),
    employeeId: S.uuid(),
    leaveTypeId: S.uuid(),
    leaveTypeCode: S.string(20),
    paid: S.boolean(),
    startDate: S.date(),
    endDate: S.date(),
    halfDayStart: S.boolean(),
    halfDayEnd: S.boolean(),
    amount: S.decimal({ precision: 8, scale: 2, min: '0', description: 'In `unit`.' }),
    unit: S.enum(['days', 'hours']),
    status: S.enum(['draft', 'submitted', 'approved', 'rejected', 'cancelled']),
    decidedByEmployeeId: S.nullable(S.uuid()),
    wasApproved: { type: 'boolean', description: 'On cancellation only: whether the request had been approved (its balance was returned).' },
  },
  ['wasApproved'],
);

const timesheet = S.object({
  timesheetId: S.uuid(),
  employeeId: S.uuid(),
  periodStart: S.date(),
  periodEnd: S.date(),
  status: S.enum(['open', 'submitted', 'approved', 'locked']),
  totals: S.nullable(
    S.object({
      workedMinutes: S.int32(),
      regularMinutes: S.int32(),
      overtimeMinutes: S.int32(),
      nightMinutes: S.int32(),
      holidayMinutes: S.int32(),
    }),
  ),
});

const TASK_KINDS = ['manual', 'it_ticket', 'contract'] as const;
const journeyStarted = S.object({
  journeyId: S.uuid(),
  employeeId: S.uuid(),
  anchorDate: S.date(),
  tasks: S.array(
    S.object({ taskId: S.uuid(), title: S.string(200), kind: S.enum(TASK_KINDS), dueDate: S.date(), ownerRole: S.nullable(S.string(50)), ownerDepartmentId: S.nullable(S.uuid()) }),
    100,
  ),
});
const journeyCompleted = S.object({ journeyId: S.uuid(), employeeId: S.uuid(), anchorDate: S.date(), completedAt: S.dateTime() });
const JOURNEY_KINDS = ['onboarding', 'offboarding'] as const;
const checklistTemplate = S.object({
  templateId: S.uuid(),
  name: S.string(100),
  kind: S.enum(JOURNEY_KINDS),
  taskCount: S.int32(1, 100),
  changedFields: S.array(S.enum(['name', 'kind', 'tasks']), 3),
});

defineEventTypes({
  'hr.employee.hired': { description: 'An employee was hired (created).', aggregateType: 'employee', schema: employeeHired },
  'hr.employee.updated': {
    description: 'Fields of an employee changed; only the names of the changed fields are carried (some are sensitive).',
    aggregateType: 'employee',
    schema: S.object({ employeeId: S.uuid(), changedFields: S.array(S.string(50, { description: 'An employee field name.' }), 50) }),
  },
  'hr.employee.status_changed': {
    description: 'An employee\'s status changed (active, on leave, terminated).',
    aggregateType: 'employee',
    schema: S.object({ employeeId: S.uuid(), from: S.enum(EMPLOYEE_STATUSES), to: S.enum(EMPLOYEE_STATUSES) }),
  },
  'hr.employee.terminated': {
    description: 'A termination was recorded for an employee (the date may be in the future).',
    aggregateType: 'employee',
    schema: S.object({ employeeId: S.uuid(), employeeNumber: S.string(23, { pattern: '^EMP-\\d{5,19}$' }), terminationDate: S.date(), reason: S.string(500), managerId: S.nullable(S.uuid()) }),
  },
  'hr.employee.deleted': {
    description: 'An employee record was deleted; only its identifiers are carried.',
    aggregateType: 'employee',
    schema: S.object({ employeeId: S.uuid(), employeeNumber: S.string(23, { pattern: '^EMP-\\d{5,19}$' }) }),
  },
  'hr.leave_request.created': { description: 'A leave request was created (as a draft).', aggregateType: 'leave_request', schema: leaveRequest },
  'hr.leave_request.submitted': { description: 'A leave request was submitted for approval.', aggregateType: 'leave_request', schema: leaveRequest },
  'hr.leave_request.approved': { description: 'A leave request was approved; its amount is taken from the balance.', aggregateType: 'leave_request', schema: leaveRequest },
  'hr.leave_request.rejected': { description: 'A leave request was rejected.', aggregateType: 'leave_request', schema: leaveRequest },
  'hr.leave_request.cancelled': { description: 'A leave request was cancelled; `wasApproved` says whether its balance was returned.', aggregateType: 'leave_request', schema: leaveRequest },
  'hr.schedule.published': {
    description: 'The shifts of a location and period were published to employees.',
    aggregateType: 'schedule_publication',
    schema: S.object({ publicationId: S.uuid(), location: S.string(200), startDate: S.date(), endDate: S.date(), shiftCount: S.int32(0, MAX_SHIFTS_PER_BATCH), employeeIds: S.array(S.uuid(), MAX_SHIFTS_PER_BATCH) }),
  },
  'hr.shift.changed': {
    description: 'A published shift was created, updated, assigned, unassigned, claimed or deleted.',
    aggregateType: 'shift',
    schema: S.object({
      shiftId: S.uuid(),
      change: S.enum(['created', 'updated', 'assigned', 'unassigned', 'claimed', 'deleted']),
      location: S.string(200),
      startsAt: S.dateTime(),
      endsAt: S.dateTime(),
      employeeId: S.nullable(S.uuid()),
      previousEmployeeId: S.nullable(S.uuid()),
      affectedEmployeeIds: S.array(S.uuid(), 2),
    }),
  },
  'hr.timesheet.created': { description: 'A timesheet was opened for an employee and period.', aggregateType: 'timesheet', schema: timesheet },
  'hr.timesheet.submitted': { description: 'A timesheet was submitted for approval.', aggregateType: 'timesheet', schema: timesheet },
  'hr.timesheet.approved': { description: 'A timesheet was approved; its totals are frozen.', aggregateType: 'timesheet', schema: timesheet },
  'hr.timesheet.reopened': { description: 'A submitted or approved timesheet was reopened for changes.', aggregateType: 'timesheet', schema: timesheet },
  'hr.timesheet.locked': { description: 'An approved timesheet was locked (for payroll).', aggregateType: 'timesheet', schema: timesheet },
  'hr.onboarding.started': { description: 'An onboarding journey started, with its tasks.', aggregateType: 'journey', schema: journeyStarted },
  'hr.onboarding.completed': { description: 'Every task of an onboarding journey is done.', aggregateType: 'journey', schema: journeyCompleted },
  'hr.offboarding.started': { description: 'An offboarding journey started, with its tasks.', aggregateType: 'journey', schema: journeyStarted },
  'hr.offboarding.completed': { description: 'Every task of an offboarding journey is done.', aggregateType: 'journey', schema: journeyCompleted },
  'hr.journey_task.completed': {
    description: 'A task of an onboarding or offboarding journey was done.',
    aggregateType: 'journey',
    schema: S.object({ journeyId: S.uuid(), employeeId: S.uuid(), kind: S.enum(JOURNEY_KINDS), taskId: S.uuid(), title: S.string(200), taskKind: S.enum(TASK_KINDS) }),
  },
  'hr.journey.cancelled': {
    description: 'An onboarding or offboarding journey was cancelled.',
    aggregateType: 'journey',
    schema: S.object({ journeyId: S.uuid(), employeeId: S.uuid(), kind: S.enum(JOURNEY_KINDS) }),
  },
  'hr.checklist_template.created': { description: 'An onboarding or offboarding checklist template was created.', aggregateType: 'checklist_template', schema: checklistTemplate },
  'hr.checklist_template.updated': {
    description: 'A checklist template changed (name, kind or its task list, replaced as a whole); `changedFields` names what. Journeys started earlier keep their tasks.',
    aggregateType: 'checklist_template',
    schema: checklistTemplate,
  },
});

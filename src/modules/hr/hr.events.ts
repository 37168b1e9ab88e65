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
    'hr.leave_request.created': LeaveRequestEventPayload;
    'hr.leave_request.submitted': LeaveRequestEventPayload;
    'hr.leave_request.approved': LeaveRequestEventPayload;
    'hr.leave_request.rejected': LeaveRequestEventPayload;
    'hr.leave_request.cancelled': LeaveRequestEventPayload;
    'hr.schedule.published': SchedulePublishedPayload;
    'hr.shift.changed': ShiftChangedPayload;
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
  }
}

export const HR_EVENT_TOPICS = [
  'hr.employee.hired',
  'hr.employee.updated',
  'hr.employee.status_changed',
  'hr.employee.terminated',
  'hr.leave_request.created',
  'hr.leave_request.submitted',
  'hr.leave_request.approved',
  'hr.leave_request.rejected',
  'hr.leave_request.cancelled',
  'hr.schedule.published',
  'hr.shift.changed',
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
] as const;

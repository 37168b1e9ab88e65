import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum HrErrorCode {
  DepartmentCycle = 'department_cycle',
  ManagerCycle = 'manager_cycle',
  InvalidTerminationDate = 'invalid_termination_date',
  InvalidDateRange = 'invalid_date_range',
  InvalidTimeZone = 'invalid_time_zone',
  UnknownHolidayRegion = 'unknown_holiday_region',
  NoWorkCalendar = 'no_work_calendar',
  HalfDaysNotAllowed = 'half_days_not_allowed',
  OutsideEmployment = 'outside_employment',
  LeaveOverlap = 'leave_overlap',
  InsufficientLeaveBalance = 'insufficient_leave_balance',
  NotTheApprover = 'not_the_approver',
  ReversalNotAllowed = 'reversal_not_allowed',
  UnknownLocation = 'unknown_location',
  ShiftConflict = 'shift_conflict',
  ShiftAlreadyTaken = 'shift_already_taken',
  ShiftNotPublished = 'shift_not_published',
  NotEligibleForShift = 'not_eligible_for_shift',
  TimesheetLocked = 'timesheet_locked',
  TimesheetOverlap = 'timesheet_overlap',
  OpenTimeEntry = 'open_time_entry',
  TimeEntryClosed = 'time_entry_closed',
  TemplateKindMismatch = 'template_kind_mismatch',
  NotTerminated = 'not_terminated',
  TaskOwnerRequired = 'task_owner_required',
  PositionDepartmentMismatch = 'position_department_mismatch',
  PositionInUse = 'position_in_use',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const HR_PROBLEMS: Record<HrErrorCode, ProblemDefinition> = {
  [HrErrorCode.DepartmentCycle]: { status: 422, title: 'Department would be its own ancestor' },
  [HrErrorCode.ManagerCycle]: { status: 422, title: 'Employee would manage themselves' },
  [HrErrorCode.InvalidTerminationDate]: { status: 422, title: 'Invalid termination date' },
  [HrErrorCode.InvalidDateRange]: { status: 422, title: 'Invalid date range' },
  [HrErrorCode.InvalidTimeZone]: { status: 422, title: 'Unknown time zone' },
  [HrErrorCode.UnknownHolidayRegion]: { status: 422, title: 'No public-holiday data for this country or region' },
  [HrErrorCode.NoWorkCalendar]: { status: 422, title: 'The employee has no work calendar' },
  [HrErrorCode.HalfDaysNotAllowed]: { status: 422, title: 'Half days are not allowed for this leave type' },
  [HrErrorCode.OutsideEmployment]: { status: 422, title: 'Outside the employment period' },
  [HrErrorCode.LeaveOverlap]: { status: 409, title: 'Overlaps another leave request' },
  [HrErrorCode.InsufficientLeaveBalance]: { status: 409, title: 'Insufficient leave balance' },
  [HrErrorCode.NotTheApprover]: { status: 403, title: 'Not the approver of this request' },
  [HrErrorCode.ReversalNotAllowed]: { status: 409, title: 'This ledger entry cannot be reversed' },
  [HrErrorCode.UnknownLocation]: { status: 422, title: 'Unknown location' },
  [HrErrorCode.ShiftConflict]: { status: 409, title: 'The employee cannot work this shift' },
  [HrErrorCode.ShiftAlreadyTaken]: { status: 409, title: 'The shift is no longer open' },
  [HrErrorCode.ShiftNotPublished]: { status: 409, title: 'The shift is not published yet' },
  [HrErrorCode.NotEligibleForShift]: { status: 422, title: 'Not eligible for this shift' },
  [HrErrorCode.TimesheetLocked]: { status: 409, title: 'The timesheet of this period is no longer open' },
  [HrErrorCode.TimesheetOverlap]: { status: 409, title: 'Overlaps another timesheet' },
  [HrErrorCode.OpenTimeEntry]: { status: 409, title: 'A time entry is still clocked in' },
  [HrErrorCode.TimeEntryClosed]: { status: 409, title: 'Already clocked out' },
  [HrErrorCode.TemplateKindMismatch]: { status: 422, title: 'The template is for another kind of journey' },
  [HrErrorCode.NotTerminated]: { status: 409, title: 'The employee has no termination date' },
  [HrErrorCode.TaskOwnerRequired]: { status: 422, title: 'A task needs exactly one owner' },
  [HrErrorCode.PositionDepartmentMismatch]: { status: 409, title: "The position belongs to another department than the employee's" },
  [HrErrorCode.PositionInUse]: { status: 409, title: 'Employees hold this position' },
};

export class HrException extends ProblemException {
  constructor(code: HrErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = HR_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}

import { registerConstraints } from '../../platform/http/problem';
import { registerScopes } from '../../platform/auth/scopes';

export const HR_READ = 'hr:read';
export const HR_WRITE = 'hr:write';
export const HR_SENSITIVE = 'hr:sensitive';
export const HR_APPROVE = 'hr:approve';

registerScopes({
  [HR_READ]: 'Read departments, positions, employees, calendars, leave and schedules.',
  [HR_WRITE]: 'Create and change departments, positions, employees, calendars, leave and schedules.',
  [HR_APPROVE]: 'Approve or reject leave requests and timesheets (on behalf of the approving employee named in the request).',
  [HR_SENSITIVE]: 'Read and write national id, bank account (IBAN) and salary fields.',
});

registerConstraints({
  uq_hr_departments_code: { field: 'code', message: 'A department with this code already exists.' },
  fk_hr_departments_parent: { field: 'parentId', message: 'The parent department does not exist.' },
  fk_hr_departments_head: { field: 'headEmployeeId', message: 'The head employee does not exist.' },
  ck_hr_departments_not_own_parent: { field: 'parentId', message: 'A department cannot be its own parent.' },
  fk_hr_positions_department: { field: 'departmentId', message: 'The department does not exist.' },
  uq_hr_employees_work_email: { field: 'workEmail', message: 'An employee with this work email already exists.' },
  uq_hr_employees_employee_number: { field: 'employeeNumber', message: 'An employee with this number already exists.' },
  fk_hr_employees_department: { field: 'departmentId', message: 'The department does not exist.' },
  fk_hr_employees_position: { field: 'positionId', message: 'The position does not exist.' },
  fk_hr_employees_manager: { field: 'managerId', message: 'The manager does not exist.' },
  ck_hr_employees_manager_not_self: { field: 'managerId', message: 'An employee cannot be their own manager.' },
  ck_hr_employees_birth_before_hire: { field: 'birthDate', message: 'The birth date must be before the hire date.' },
  ck_hr_employees_termination_after_hire: { field: 'terminationDate', message: 'The termination date cannot be before the hire date.' },
  ck_hr_employees_country: { field: 'country', message: 'Must be an upper-case ISO 3166-1 alpha-2 code.' },
  ck_hr_employees_salary_currency: { field: 'baseSalary.currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_hr_employees_base_salary: { field: 'baseSalary.amount', message: 'A salary cannot be negative.' },
  ck_hr_employees_iban: { field: 'iban', message: 'Must be an IBAN without spaces.' },
  ck_hr_employees_work_email: { field: 'workEmail', message: 'Must be an email address.' },
  ck_hr_employees_employment_type: { field: 'employmentType', message: 'Unknown employment type.' },
  ck_hr_employees_status: { field: 'status', message: 'Unknown status.' },
  ck_hr_employees_terminated_has_date: { field: 'terminationDate', message: 'A terminated employee needs a termination date.' },
  ck_hr_positions_headcount_budget: { field: 'headcountBudget', message: 'Must be between 0 and 100000.' },
  ck_hr_employees_salary_pair: { field: 'baseSalary', message: 'A salary needs both an amount and a currency.' },
  fk_hr_employees_work_calendar: { field: 'workCalendarId', message: 'The work calendar does not exist.' },
  // calendars
  uq_hr_work_calendars_name: { field: 'name', message: 'A work calendar with this name already exists.' },
  uq_hr_work_calendars_location: { field: 'location', message: 'Another work calendar is already the default for this location.' },
  ck_hr_work_calendars_country: { field: 'country', message: 'Must be an upper-case ISO 3166-1 alpha-2 code.' },
  ck_hr_work_calendars_region: { field: 'region', message: 'Must be an upper-case region code.' },
  ck_hr_work_calendars_weekdays: { field: 'workingWeekdays', message: 'Must list 1 to 7 ISO weekdays (1 = Monday … 7 = Sunday).' },
  ck_hr_work_calendars_daily_hours: { field: 'dailyHours', message: 'Must be more than 0 and at most 24.' },
  ck_hr_work_calendars_region_needs_country: { field: 'region', message: 'A region needs a country.' },
  pk_hr_calendar_closures: { field: 'closures', message: 'A closure date appears twice.' },
  fk_hr_calendar_closures_calendar: { field: 'calendarId', message: 'The work calendar does not exist.' },
  // leave types
  uq_hr_leave_types_code: { field: 'code', message: 'A leave type with this code already exists.' },
  ck_hr_leave_types_code: { field: 'code', message: 'Must be 1 to 20 upper-case letters, digits or _.' },
  ck_hr_leave_types_unit: { field: 'unit', message: 'Unknown unit.' },
  ck_hr_leave_types_accrual_policy: { field: 'accrualPolicy', message: 'Unknown accrual policy.' },
  ck_hr_leave_types_accrual_amount: { field: 'accrualAmount', message: 'Must be more than 0.' },
  ck_hr_leave_types_carry_over_cap: { field: 'carryOverCap', message: 'Cannot be negative.' },
  ck_hr_leave_types_carry_over_expiry: { field: 'carryOverExpiryMonths', message: 'Must be between 1 and 12.' },
  ck_hr_leave_types_approver: { field: 'approver', message: 'Unknown approver.' },
  fk_hr_leave_types_approver_employee: { field: 'approverEmployeeId', message: 'The approver employee does not exist.' },
  ck_hr_leave_types_accrual_pair: { field: 'accrualAmount', message: 'An accrual policy needs an accrual amount, and "none" takes none.' },
  ck_hr_leave_types_named_approver: { field: 'approverEmployeeId', message: 'A named approver needs approverEmployeeId, and only then.' },
  // leave requests and ledger
  fk_hr_leave_requests_employee: { field: 'employeeId', message: 'The employee does not exist.' },
  fk_hr_leave_requests_leave_type: { field: 'leaveTypeId', message: 'The leave type does not exist.' },
  fk_hr_leave_requests_decided_by: { field: 'approverEmployeeId', message: 'The approver employee does not exist.' },
  ck_hr_leave_requests_amount: { field: 'amount', message: 'Cannot be negative.' },
  ck_hr_leave_requests_unit: { field: 'unit', message: 'Unknown unit.' },
  ck_hr_leave_requests_status: { field: 'status', message: 'Unknown status.' },
  ck_hr_leave_requests_dates: { field: 'endDate', message: 'The end date cannot be before the start date.' },
  ck_hr_leave_requests_one_day_halves: { field: 'halfDayEnd', message: 'A one-day request cannot be half on both ends.' },
  fk_hr_leave_ledger_employee: { field: 'employeeId', message: 'The employee does not exist.' },
  fk_hr_leave_ledger_leave_type: { field: 'leaveTypeId', message: 'The leave type does not exist.' },
  fk_hr_leave_ledger_leave_request: { field: 'leaveRequestId', message: 'The leave request does not exist.' },
  fk_hr_leave_ledger_reverses: { field: 'entryId', message: 'The ledger entry does not exist.' },
  uq_hr_leave_ledger_reversal: { field: 'entryId', message: 'This ledger entry has already been reversed.' },
  uq_hr_leave_ledger_period: { field: 'period', message: 'An entry for this period already exists.' },
  uq_hr_leave_ledger_request_usage: { field: 'leaveRequestId', message: 'The usage of this request is already recorded.' },
  ck_hr_leave_ledger_kind: { field: 'kind', message: 'Unknown ledger entry kind.' },
  ck_hr_leave_ledger_adjustment_reason: { field: 'reason', message: 'An adjustment needs a reason.' },
  ck_hr_leave_ledger_reversal_reason: { field: 'reason', message: 'A reversal needs a reason.' },
});

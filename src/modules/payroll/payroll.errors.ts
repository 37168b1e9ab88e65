import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum PayrollErrorCode {
  InvalidDateRange = 'invalid_date_range',
  TooManyPeriods = 'too_many_periods',
  BeforeHire = 'compensation_before_hire',
  InvalidRuleSet = 'invalid_rule_set',
  NoPaySchedule = 'no_pay_schedule',
  NoRuleSet = 'no_rule_set',
  CannotCalculate = 'cannot_calculate',
  PayRunNotCalculated = 'pay_run_not_calculated',
  PayRunNotApproved = 'pay_run_not_approved',
  FourEyesRequired = 'four_eyes_required',
  ReservedComponentCode = 'reserved_component_code',
  InvalidComponent = 'invalid_component',
  EmployeeNotOnSchedule = 'employee_not_on_schedule',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const PAYROLL_PROBLEMS: Record<PayrollErrorCode, ProblemDefinition> = {
  [PayrollErrorCode.InvalidDateRange]: { status: 422, title: 'Invalid date range' },
  [PayrollErrorCode.TooManyPeriods]: { status: 422, title: 'The range holds too many pay periods' },
  [PayrollErrorCode.BeforeHire]: { status: 422, title: 'Before the employee was hired' },
  [PayrollErrorCode.InvalidRuleSet]: { status: 422, title: 'Inconsistent tax or contribution rules' },
  [PayrollErrorCode.NoPaySchedule]: { status: 422, title: 'The employee is on no pay schedule' },
  [PayrollErrorCode.NoRuleSet]: { status: 422, title: 'No rule set version is valid for the period' },
  [PayrollErrorCode.CannotCalculate]: { status: 422, title: 'The payslip cannot be calculated' },
  [PayrollErrorCode.PayRunNotCalculated]: { status: 409, title: 'The pay run has not been calculated' },
  [PayrollErrorCode.PayRunNotApproved]: { status: 409, title: 'The pay run is not approved' },
  [PayrollErrorCode.FourEyesRequired]: { status: 409, title: 'Another key must approve this pay run' },
  [PayrollErrorCode.ReservedComponentCode]: { status: 422, title: 'The code is reserved for a built-in pay line' },
  [PayrollErrorCode.InvalidComponent]: { status: 422, title: 'Inconsistent pay component' },
  [PayrollErrorCode.EmployeeNotOnSchedule]: { status: 422, title: 'The employee is not paid on this schedule' },
};

export class PayrollException extends ProblemException {
  constructor(code: PayrollErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = PAYROLL_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}

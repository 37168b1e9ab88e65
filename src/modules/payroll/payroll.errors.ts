import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum PayrollErrorCode {
  InvalidDateRange = 'invalid_date_range',
  TooManyPeriods = 'too_many_periods',
  BeforeHire = 'compensation_before_hire',
  InvalidRuleSet = 'invalid_rule_set',
  NoPaySchedule = 'no_pay_schedule',
  NoRuleSet = 'no_rule_set',
  CannotCalculate = 'cannot_calculate',
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
};

export class PayrollException extends ProblemException {
  constructor(code: PayrollErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = PAYROLL_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}

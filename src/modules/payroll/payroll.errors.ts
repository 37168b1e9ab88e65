import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum PayrollErrorCode {
  InvalidDateRange = 'invalid_date_range',
  TooManyPeriods = 'too_many_periods',
  BeforeHire = 'compensation_before_hire',
  InvalidRuleSet = 'invalid_rule_set',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const PAYROLL_PROBLEMS: Record<PayrollErrorCode, ProblemDefinition> = {
  [PayrollErrorCode.InvalidDateRange]: { status: 422, title: 'Invalid date range' },
  [PayrollErrorCode.TooManyPeriods]: { status: 422, title: 'The range holds too many pay periods' },
  [PayrollErrorCode.BeforeHire]: { status: 422, title: 'Before the employee was hired' },
  [PayrollErrorCode.InvalidRuleSet]: { status: 422, title: 'Inconsistent tax or contribution rules' },
};

export class PayrollException extends ProblemException {
  constructor(code: PayrollErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = PAYROLL_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}

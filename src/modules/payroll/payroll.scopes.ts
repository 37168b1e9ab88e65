import { registerScopes } from '../../platform/auth/scopes';
import { registerConstraints } from '../../platform/http/problem';

export const PAYROLL_READ = 'payroll:read';
export const PAYROLL_WRITE = 'payroll:write';
export const PAYROLL_APPROVE = 'payroll:approve';
export const PAYROLL_EXPORT = 'payroll:export';

registerScopes({
  [PAYROLL_READ]: 'Read pay schedules, pay periods, rule sets, pay components, pay runs and their journal; with hr:sensitive, compensation and payslips.',
  [PAYROLL_WRITE]: 'Create pay schedules, rule sets, pay components and their assignments, pay runs and their inputs; calculate pay runs; with hr:sensitive, compensation changes.',
  [PAYROLL_APPROVE]: 'Approve pay runs (locks their payslips) and mark them paid.',
  [PAYROLL_EXPORT]: 'Download the bank payment file of an approved pay run: names, IBANs and net amounts (bank details without hr:sensitive).',
});

registerConstraints({
  uq_payroll_pay_schedules_code: { field: 'code', message: 'A pay schedule with this code already exists.' },
  ck_payroll_pay_schedules_code: { field: 'code', message: 'Must be 1 to 20 upper-case letters, digits, "-" or "_".' },
  ck_payroll_pay_schedules_frequency: { field: 'frequency', message: 'Unknown frequency.' },
  ck_payroll_pay_schedules_pay_date_rule: { field: 'payDateRule', message: 'Unknown pay date rule.' },
  ck_payroll_pay_schedules_pay_day: { field: 'payDay', message: 'Must be between 1 and 31.' },
  ck_payroll_pay_schedules_offset: { field: 'payDateOffsetDays', message: 'Must be between 0 and 31.' },
  ck_payroll_pay_schedules_anchor: { field: 'anchorDate', message: 'Weekly and bi-weekly schedules need an anchor date, and only they take one.' },
  ck_payroll_pay_schedules_pay_day_pair: { field: 'payDay', message: 'The fixed_day rule needs payDay, and only it takes one.' },
  fk_payroll_schedule_assignments_schedule: { field: 'payScheduleId', message: 'The pay schedule does not exist.' },
  uq_payroll_rule_sets_version: { field: 'validFrom', message: 'This rule set already has a version from this date.' },
  ck_payroll_rule_sets_code: { field: 'code', message: 'Must be 1 to 20 upper-case letters, digits, "-" or "_".' },
  ck_payroll_rule_sets_allowance: { field: 'taxAllowance', message: 'Cannot be negative.' },
  ck_payroll_rule_sets_brackets: { field: 'taxBrackets', message: 'Must be a list.' },
  ck_payroll_rule_sets_contributions: { field: 'contributions', message: 'Must be a list.' },
  uq_payroll_compensations_effective: { field: 'effectiveFrom', message: 'The employee already has a pay change on this date.' },
  ck_payroll_compensations_basis: { field: 'basis', message: 'Unknown basis.' },
  ck_payroll_compensations_amount: { field: 'amount', message: 'Cannot be negative.' },
  ck_payroll_compensations_currency: { field: 'currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_payroll_compensations_overtime: { field: 'overtimeMultiplier', message: 'Must be at least 1.' },
  ck_payroll_compensations_night: { field: 'nightPremiumRate', message: 'Cannot be negative.' },
  ck_payroll_compensations_holiday: { field: 'holidayPremiumRate', message: 'Cannot be negative.' },
  ck_payroll_compensations_hours: { field: 'standardHoursPerYear', message: 'Must be more than 0.' },
  ck_payroll_pay_schedules_proration: { field: 'prorationMethod', message: 'Unknown proration method.' },
  uq_payroll_pay_components_code: { field: 'code', message: 'A pay component with this code already exists.' },
  ck_payroll_pay_components_code: { field: 'code', message: 'Must be 1 to 20 upper-case letters, digits, "-" or "_".' },
  fk_payroll_component_assignments_component: { field: 'payComponentId', message: 'The pay component does not exist.' },
  fk_payroll_component_assignments_schedule: { field: 'payScheduleId', message: 'The pay schedule does not exist.' },
  ck_payroll_component_assignments_target: { field: 'employeeId', message: 'Give either employeeId or payScheduleId.' },
  ck_payroll_component_assignments_range: { field: 'effectiveTo', message: 'Cannot be before effectiveFrom.' },
  uq_payroll_rule_set_assignments_effective: { field: 'effectiveFrom', message: 'The employee already has a rule set change on this date.' },
  uq_payroll_pay_runs_regular: { field: 'period', message: 'This schedule already has a regular pay run for this period.' },
  fk_payroll_pay_runs_schedule: { field: 'payScheduleId', message: 'The pay schedule does not exist.' },
  ck_payroll_payslips_locked: { field: 'payRunId', message: 'Payslips of an approved pay run cannot change.' },
  ck_payroll_pay_runs_locked: { field: 'status', message: 'An approved pay run cannot be reopened.' },
  ck_payroll_pay_schedules_offset_pair: { field: 'payDateOffsetDays', message: 'The days_after_period_end rule needs payDateOffsetDays, and only it takes one.' },
});

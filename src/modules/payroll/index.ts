/** The payroll module's public surface. Other modules import from here only. */
export { PayrollModule } from './payroll.module';
export { PAYROLL_PROBLEMS, PayrollErrorCode } from './payroll.errors';
export { PAYROLL_READ, PAYROLL_WRITE, PAYROLL_APPROVE, PAYROLL_EXPORT } from './payroll.scopes';
export * from './payroll.events';
export { PAYROLL_CHANGE_EVENT_TOPICS } from './change.events';
export type { CompensationCreatedPayload, ComponentAssignmentCreatedPayload, PayComponentChangedPayload, PayRunInputSetPayload, PayScheduleCreatedPayload, RuleSetAssignmentCreatedPayload, RuleSetCreatedPayload, ScheduleAssignmentChangedPayload } from './change.events';
export { PayrollFacade } from './payroll.facade';
export type { LastPayrollCost, PayrollCostRow } from './payroll.facade';

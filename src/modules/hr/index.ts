/** The HR module's public surface. Other modules import from here only. */
export { HrModule } from './hr.module';
export { HrFacade } from './hr.facade';
export type { EmployeeDepartment, HeadcountRow } from './hr.facade';
export type { ApprovedTime, ApprovedTimeTotals, ApprovedTimesheet, EmployeeBankDetails, EmployeeSummary, UnpaidLeaveDay, UnpaidLeaveSummary } from './hr.facade';
export * from './hr.events';
export type { ShiftEventPayload, ShiftTemplateChangedPayload, TimeEntryEventPayload, WorkCalendarChangedPayload, WorkingTimeRuleChangedPayload } from './time.events';
export type { LeaveLedgerEntryPayload, LeaveTypeChangedPayload } from './leave.events';
export { HR_PROBLEMS, HrErrorCode } from './hr.errors';
export { HR_READ, HR_WRITE, HR_SENSITIVE, HR_APPROVE } from './hr.scopes';
export type { EmployeeStatus, EmploymentType } from './employees/employee.entity';
export { CreateDepartmentDto } from './departments/dto/department.dto';
export { CreateEmployeeDto } from './employees/dto/employee.dto';

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { decimalSchema } from '../../../../platform/http/validators';

/** Sums of numeric(18, 4) amounts over many rows. */
const SUM = decimalSchema({ precision: 30, scale: 4 });
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../../platform/http/validators';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Month range of a report; at most 36 months, both ends included. */
export class ReportRangeQuery {
  @ApiPropertyOptional({ description: 'First month included (YYYY-MM); 11 months before `to` when omitted.', example: '2026-01', pattern: MONTH.source, maxLength: 7 })
  @IsOptional() @MaxLength(7) @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last month included (YYYY-MM); the current month in the company time zone when omitted. At most 36 months after `from`, not before it.', example: '2026-11', pattern: MONTH.source, maxLength: 7 })
  @IsOptional() @MaxLength(7) @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'Value at the end of this day (YYYY-MM-DD) in the company time zone; today when omitted.', example: '2026-11-30', maxLength: 10 })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

abstract class RangeReport {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'First month included.', example: '2026-01' }) from: string;
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'Last month included.', example: '2026-11' }) to: string;
}

export class HeadcountRowDto {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, example: '2026-11' }) month: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null: employees without a department.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) departmentId: string | null;
  @ApiProperty({ maxLength: 20, nullable: true, type: String, example: 'ENG' }) departmentCode: string | null;
  @ApiProperty({ maxLength: 200, nullable: true, type: String, example: 'Engineering' }) departmentName: string | null;
  @ApiProperty({ description: 'Employed at the end of the month (hired on or before it, last day not before it).', example: 12, minimum: 0 }) headcount: number;
  @ApiProperty({ description: 'Hire dates in the month.', example: 2, minimum: 0 }) hires: number;
  @ApiProperty({ description: 'Termination dates (last days) in the month.', example: 1, minimum: 0 }) leavers: number;
}

export class HeadcountReportDto extends RangeReport {
  @ApiProperty({ type: [HeadcountRowDto], maxItems: 100_000, description: 'One row per month and department with anyone employed in the month; months, then department codes.' }) data: HeadcountRowDto[];
}

export class PayrollCostRowDto {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'Month of the pay date.', example: '2026-11' }) month: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) departmentId: string | null;
  @ApiProperty({ maxLength: 20, nullable: true, type: String, example: 'ENG' }) departmentCode: string | null;
  @ApiProperty({ maxLength: 200, nullable: true, type: String, example: 'Engineering' }) departmentName: string | null;
  @ApiProperty({ pattern: '^[A-Z]{3}$', maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...SUM, description: 'Sum of payslip gross, decimal string.', example: '10500.00' }) gross: string;
  @ApiProperty({ ...SUM, description: 'Sum of employer contributions, decimal string.', example: '2100.00' }) employerContributions: string;
  @ApiProperty({ ...SUM, description: 'gross + employerContributions.', example: '12600.00' }) totalCost: string;
  @ApiProperty({ example: 3, minimum: 0 }) payslips: number;
}

export class PayrollCostReportDto extends RangeReport {
  @ApiProperty({ type: [PayrollCostRowDto], maxItems: 100_000 }) data: PayrollCostRowDto[];
}

export class RevenueMonthRowDto {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'Issue month.', example: '2026-11' }) month: string;
  @ApiProperty({ pattern: '^[A-Z]{3}$', maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...SUM, description: 'Tax-exclusive amount of the invoices issued in the month (void ones left out).', example: '3000.00' }) invoiced: string;
  @ApiProperty({ ...SUM, description: 'Tax-exclusive amount of the credit notes issued in the month.', example: '200.00' }) credited: string;
  @ApiProperty({ ...SUM, description: 'invoiced − credited.', example: '2800.00' }) revenue: string;
  @ApiProperty({ ...SUM, description: 'What the invoices issued in the month still have due now (tax inclusive).', example: '1380.00' }) receivables: string;
  @ApiProperty({ example: 2, minimum: 0 }) invoices: number;
  @ApiProperty({ example: 1, minimum: 0 }) creditNotes: number;
}

export class MonthlyRevenueReportDto extends RangeReport {
  @ApiProperty({ type: [RevenueMonthRowDto], maxItems: 100_000 }) data: RevenueMonthRowDto[];
}

export class WarehouseValueRowDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) warehouseId: string;
  @ApiProperty({ maxLength: 20, example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ maxLength: 200, example: 'Main warehouse' }) warehouseName: string;
  @ApiProperty({ description: 'Items with stock in the warehouse.', example: 14, minimum: 0 }) items: number;
  @ApiProperty({ ...SUM, description: 'Quantity × unit cost at asOf, rounded half-up to 2 places per item, in the company currency.', example: '15250.40' }) value: string;
}

export class InventoryValueReportDto {
  @ApiProperty({ format: 'date', maxLength: 10, description: 'The day valued (end of day, company time zone).', example: '2026-11-30' }) asOf: string;
  @ApiProperty({ ...SUM, description: 'Sum over the warehouses.', example: '15250.40' }) totalValue: string;
  @ApiProperty({ type: [WarehouseValueRowDto], maxItems: 100_000 }) data: WarehouseValueRowDto[];
}

export class SlaComplianceRowDto {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'Month the tickets were created in (company time zone).', example: '2026-11' }) month: string;
  @ApiProperty({ description: 'Tickets under an SLA policy.', example: 40, minimum: 0 }) tickets: number;
  @ApiProperty({ description: 'First response and resolution within target.', example: 35, minimum: 0 }) met: number;
  @ApiProperty({ description: 'A target missed (or a running clock past due now).', example: 3, minimum: 0 }) breached: number;
  @ApiProperty({ description: 'Still running within target.', example: 2, minimum: 0 }) pending: number;
  @ApiProperty({ pattern: '^\\d{1,3}\\.\\d$', maxLength: 5, nullable: true, type: String, description: 'met / (met + breached) × 100, one decimal half-up, as a decimal string; null when nothing is decided yet.', example: '92.1' }) compliancePercent: string | null;
}

export class SlaComplianceReportDto extends RangeReport {
  @ApiProperty({ type: [SlaComplianceRowDto], maxItems: 1_000, description: 'Months with tickets only.' }) data: SlaComplianceRowDto[];
}

export class ContractValueRowDto {
  @ApiProperty({ enum: ['customer', 'supplier', 'employment', 'nda', 'lease', 'service', 'other'], example: 'customer' }) type: string;
  @ApiProperty({ pattern: '^[A-Z]{3}$', maxLength: 3, nullable: true, type: String, description: 'Null: contracts without a value.', example: 'EUR' }) currency: string | null;
  @ApiProperty({ example: 4, minimum: 0 }) contracts: number;
  @ApiProperty({ ...SUM, example: '120000.00' }) value: string;
}

export class ContractRenewalDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) contractId: string;
  @ApiProperty({ pattern: '^CTR-[0-9]{4}-[0-9]{4,}$', maxLength: 20, example: 'CTR-2026-0042' }) number: string;
  @ApiProperty({ maxLength: 200, example: 'Office lease Berlin' }) title: string;
  @ApiProperty({ enum: ['customer', 'supplier', 'employment', 'nda', 'lease', 'service', 'other'], example: 'lease' }) type: string;
  @ApiProperty({ enum: ['none', 'automatic', 'manual'], example: 'automatic' }) renewalType: string;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) nextRenewalDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: '2026-10-01' }) noticeDeadline: string | null;
  @ApiProperty({ ...SUM, nullable: true, type: String, example: '36000.00' }) value: string | null;
  @ApiProperty({ pattern: '^[A-Z]{3}$', maxLength: 3, nullable: true, type: String, example: 'EUR' }) currency: string | null;
}

export class ContractRenewalsDto {
  @ApiProperty({ format: 'date', example: '2026-11-30' }) from: string;
  @ApiProperty({ format: 'date', description: '90 days after `from`.', example: '2027-02-28' }) to: string;
  @ApiProperty({ example: 1, minimum: 0 }) total: number;
  @ApiProperty({ type: [ContractRenewalDto], maxItems: 100, description: 'The 100 soonest.' }) data: ContractRenewalDto[];
}

export class ContractsReportDto extends RangeReport {
  @ApiProperty({ type: [ContractValueRowDto], maxItems: 1_000, description: 'Running contracts (approved, active, expiring) whose term overlaps the range, per type and currency.' }) data: ContractValueRowDto[];
  @ApiProperty({ type: ContractRenewalsDto }) renewals: ContractRenewalsDto;
}

export class AmountDto {
  @ApiProperty({ pattern: '^[A-Z]{3}$', maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...SUM, example: '12500.00' }) amount: string;
}

export class PayrollOverviewDto {
  @ApiProperty({ pattern: '^[A-Z]{3}$', maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ format: 'date', example: '2026-11-28' }) payDate: string;
  @ApiProperty({ ...SUM, example: '48000.00' }) gross: string;
  @ApiProperty({ ...SUM, example: '9600.00' }) employerContributions: string;
  @ApiProperty({ example: 12, minimum: 0 }) payslips: number;
}

export class OverviewDto {
  @ApiProperty({ format: 'date', description: 'Today in the company time zone.', example: '2026-11-30' }) today: string;
  @ApiProperty({ example: 42, minimum: 0 }) headcount: number;
  @ApiProperty({ example: 2, minimum: 0 }) hiresThisMonth: number;
  @ApiProperty({ example: 1, minimum: 0 }) leaversThisMonth: number;
  @ApiProperty({ type: [PayrollOverviewDto], maxItems: 200, description: 'Payslips of the latest pay date of an approved or paid run, per currency.' }) lastPayroll: PayrollOverviewDto[];
  @ApiProperty({ type: [AmountDto], maxItems: 200, description: 'Net revenue this month (invoices − credit notes, tax exclusive) per currency.' }) revenueThisMonth: AmountDto[];
  @ApiProperty({ type: [AmountDto], maxItems: 200, description: 'Amount due on invoices past their due date, per currency.' }) receivablesOverdue: AmountDto[];
  @ApiProperty({ ...SUM, description: 'Current inventory value (company currency).', example: '15250.40' }) inventoryValue: string;
  @ApiProperty({ example: 3, minimum: 0 }) itemsBelowReorderPoint: number;
  @ApiProperty({ example: 1, minimum: 0 }) openP1P2Tickets: number;
  @ApiProperty({ description: 'Tickets created this month whose SLA is breached.', example: 2, minimum: 0 }) slaBreachesThisMonth: number;
  @ApiProperty({ description: 'Running contracts with a notice deadline in the next 30 days.', example: 1, minimum: 0 }) noticeDeadlinesNext30Days: number;
}

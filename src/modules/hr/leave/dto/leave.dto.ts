import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { ACCRUAL_POLICIES, APPROVERS, LEAVE_REQUEST_STATUSES, LEAVE_UNITS, LEDGER_KINDS } from '../leave.entities';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60';
const EMPLOYEE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f40';

// ---------- leave types ----------

/** Leave types the API holds (every balance lists them all); creating more is refused with 422. */
export const MAX_LEAVE_TYPES = 200;

export class CreateLeaveTypeDto {
  @ApiProperty({ description: 'Upper-case letters, digits and _; unique.', example: 'ANNUAL', maxLength: 20 })
  @Matches(/^[A-Z0-9_]{1,20}$/, { message: 'code must be 1 to 20 upper-case letters, digits or _' })
  code: string;

  @ApiProperty({ example: 'Annual leave', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ description: 'Unpaid leave is reported to payroll.', example: true })
  @IsBoolean()
  paid: boolean;

  @ApiProperty({ enum: LEAVE_UNITS, description: 'Balances and requests in days or in hours (working days × the calendar\'s daily hours).', example: 'days' })
  @IsIn(LEAVE_UNITS)
  unit: (typeof LEAVE_UNITS)[number];

  @ApiProperty({ example: true })
  @IsBoolean()
  halfDaysAllowed: boolean;

  @ApiProperty({ enum: ACCRUAL_POLICIES, description: '`yearly_grant`: `accrualAmount` on 1 January (or the hire date); `monthly_accrual`: `accrualAmount` at the end of each month. Both prorated by days employed.', example: 'yearly_grant' })
  @IsIn(ACCRUAL_POLICIES)
  accrualPolicy: (typeof ACCRUAL_POLICIES)[number];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required unless the policy is `none`.', example: '25.00' })
  @IsOptional() @IsDecimalString({ precision: 8, scale: 2, min: '0' })
  accrualAmount?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Most that carries into the next year; null = no cap (and no year close unless an expiry is set).', example: '5.00' })
  @IsOptional() @IsDecimalString({ precision: 8, scale: 2, min: '0' })
  carryOverCap?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Carried-over leave not used within this many months of 1 January expires.', example: 3, minimum: 1, maximum: 12 })
  @IsOptional() @IsInt() @Min(1) @Max(12)
  carryOverExpiryMonths?: number | null;

  @ApiProperty({ description: 'Allow requests beyond the balance.', example: false })
  @IsBoolean()
  allowNegative: boolean;

  @ApiProperty({ enum: APPROVERS, description: 'Who approves: the employee\'s manager, or `approverEmployeeId`.', example: 'manager' })
  @IsIn(APPROVERS)
  approver: (typeof APPROVERS)[number];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Required when `approver` is `named`.', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  approverEmployeeId?: string | null;
}

export class UpdateLeaveTypeDto extends PartialType(CreateLeaveTypeDto) {}

export class LeaveTypeDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ maxLength: 20, example: 'ANNUAL' }) code: string;
  @ApiProperty({ maxLength: 100, example: 'Annual leave' }) name: string;
  @ApiProperty({ example: true }) paid: boolean;
  @ApiProperty({ enum: LEAVE_UNITS, example: 'days' }) unit: string;
  @ApiProperty({ example: true }) halfDaysAllowed: boolean;
  @ApiProperty({ enum: ACCRUAL_POLICIES, example: 'yearly_grant' }) accrualPolicy: string;
  @ApiProperty({ ...decimalSchema({ precision: 8, scale: 2, min: '0' }), type: String, nullable: true, example: '25.00' }) accrualAmount: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 8, scale: 2, min: '0' }), type: String, nullable: true, example: '5.00' }) carryOverCap: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 3 }) carryOverExpiryMonths: number | null;
  @ApiProperty({ example: false }) allowNegative: boolean;
  @ApiProperty({ enum: APPROVERS, example: 'manager' }) approver: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) approverEmployeeId: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const LEAVE_TYPE_SORTS = ['code', '-code', 'createdAt', '-createdAt'] as const;
export class ListLeaveTypesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LEAVE_TYPE_SORTS, default: 'code' })
  @IsOptional() @IsIn(LEAVE_TYPE_SORTS)
  sort?: string;
}
export class LeaveTypePageDto extends pageOf(LeaveTypeDto, 'LeaveTypePage') {}

// ---------- ledger and balances ----------

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) id: string;
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ format: 'uuid', example: ID }) leaveTypeId: string;
  @ApiProperty({ enum: LEDGER_KINDS, example: 'grant' }) kind: string;
  @ApiProperty({ ...decimalSchema({ precision: 8, scale: 2 }), description: 'Signed: positive adds to the balance.', example: '25.00' }) amount: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveDate: string;
  @ApiProperty({ maxLength: 32, type: String, nullable: true, description: 'Period a scheduled entry belongs to (written once per period).', example: '2026' }) period: string | null;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) leaveRequestId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set on a reversing entry.', example: null }) reversesEntryId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}
export class LedgerEntryPageDto extends pageOf(LedgerEntryDto, 'LeaveLedgerEntryPage') {}

export class ListLedgerQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: ID })
  @IsOptional() @IsUUID('all')
  leaveTypeId?: string;

  @ApiPropertyOptional({ enum: ['effectiveDate', '-effectiveDate'], default: 'effectiveDate' })
  @IsOptional() @IsIn(['effectiveDate', '-effectiveDate'])
  sort?: string;
}

export class LeaveAdjustmentDto {
  @ApiProperty({ format: 'uuid', example: ID })
  @IsUUID('all')
  leaveTypeId: string;

  @ApiProperty({ description: 'Signed decimal: negative takes leave away.', example: '-1.50' })
  @IsDecimalString({ precision: 8, scale: 2 })
  amount: string;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  @IsCalendarDate()
  effectiveDate: string;

  @ApiProperty({ example: 'Correction after the 2026 audit.', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

export class ReverseEntryDto {
  @ApiProperty({ example: 'Granted twice by mistake.', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

export class BalancesQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Balances as of the end of this day; default today (company time zone).', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class LeaveBalanceDto {
  @ApiProperty({ format: 'uuid', example: ID }) leaveTypeId: string;
  @ApiProperty({ maxLength: 20, example: 'ANNUAL' }) code: string;
  @ApiProperty({ maxLength: 100, example: 'Annual leave' }) name: string;
  @ApiProperty({ enum: LEAVE_UNITS, example: 'days' }) unit: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), description: 'Sum of the ledger up to asOf.', example: '18.50' }) balance: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), description: 'Grants and accruals.', example: '25.00' }) earned: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), description: 'Usage (negative), net of reversals.', example: '-6.50' }) used: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), example: '0.00' }) adjusted: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), example: '0.00' }) carriedOver: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), example: '0.00' }) expired: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 2 }), description: 'Submitted requests not yet decided (not in the balance).', example: '2.00' }) pending: string;
}

export class LeaveBalancesDto {
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) asOf: string;
  @ApiProperty({ maxItems: MAX_LEAVE_TYPES, type: [LeaveBalanceDto] }) balances: LeaveBalanceDto[];
}

export class AccrualRunDto {
  @ApiPropertyOptional({ format: 'date', description: 'Run as of this day (backfill); default today (company time zone). Running twice changes nothing.', example: '2027-01-01' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class AccrualRunResultDto {
  @ApiProperty({ format: 'date', example: '2027-01-01' }) asOf: string;
  @ApiProperty({ description: 'Ledger entries written by this run.', example: 42 }) entriesWritten: number;
}

// ---------- requests ----------

export class CreateLeaveRequestDto {
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID })
  @IsUUID('all')
  employeeId: string;

  @ApiProperty({ format: 'uuid', example: ID })
  @IsUUID('all')
  leaveTypeId: string;

  @ApiProperty({ format: 'date', example: '2026-12-21' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ format: 'date', example: '2026-12-23' })
  @IsCalendarDate()
  endDate: string;

  @ApiPropertyOptional({ description: 'The first day is taken from noon (counts half).', default: false, example: false })
  @IsOptional() @IsBoolean()
  halfDayStart?: boolean;

  @ApiPropertyOptional({ description: 'The last day is taken until noon (counts half).', default: false, example: true })
  @IsOptional() @IsBoolean()
  halfDayEnd?: boolean;

  @ApiPropertyOptional({ example: 'Family visit', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class LeaveDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'The employee deciding: the requester\'s manager, or the leave type\'s named approver.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f41' })
  @IsUUID('all')
  approverEmployeeId: string;

  @ApiPropertyOptional({ example: 'Enjoy!', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class CancelLeaveRequestDto {
  @ApiPropertyOptional({ example: 'Trip postponed.', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class LeaveRequestDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f80' }) id: string;
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ format: 'uuid', example: ID }) leaveTypeId: string;
  @ApiProperty({ format: 'date', example: '2026-12-21' }) startDate: string;
  @ApiProperty({ format: 'date', example: '2026-12-23' }) endDate: string;
  @ApiProperty({ example: false }) halfDayStart: boolean;
  @ApiProperty({ example: true }) halfDayEnd: boolean;
  @ApiProperty({ ...decimalSchema({ precision: 8, scale: 2, min: '0' }), description: 'Working days (or hours) of the employee\'s calendar the request costs.', example: '2.50' }) amount: string;
  @ApiProperty({ enum: LEAVE_UNITS, example: 'days' }) unit: string;
  @ApiProperty({ enum: LEAVE_REQUEST_STATUSES, example: 'submitted' }) status: string;
  @ApiProperty({ maxItems: 4, items: { type: 'string', enum: ['submit', 'approve', 'reject', 'cancel'] }, type: [String], description: 'Actions allowed from the current status.', example: ['approve', 'reject', 'cancel'] }) allowedActions: string[];
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: 'Family visit' }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) decidedByEmployeeId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) decidedAt: string | null;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) decisionNote: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const LEAVE_REQUEST_SORTS = ['startDate', '-startDate', 'createdAt', '-createdAt'] as const;
export class ListLeaveRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ enum: LEAVE_REQUEST_STATUSES, example: 'submitted' })
  @IsOptional() @IsIn(LEAVE_REQUEST_STATUSES)
  status?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Requests ending on or after this day.', example: '2026-12-01' })
  @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Requests starting on or before this day.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: LEAVE_REQUEST_SORTS, default: 'startDate' })
  @IsOptional() @IsIn(LEAVE_REQUEST_SORTS)
  sort?: string;
}
export class LeaveRequestPageDto extends pageOf(LeaveRequestDto, 'LeaveRequestPage') {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { HOURS_KINDS } from '../../calculator/gross-to-net';
import { PAY_RUN_STATUSES, PAY_RUN_TYPES } from '../pay-run.entity';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
const CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
/** Pay run actions, as `allowedActions` lists them. */
export const PAY_RUN_ACTIONS = ['edit_inputs', 'calculate', 'approve', 'mark_paid', 'cancel'] as const;
/** Computed totals: sums in unbounded `numeric` columns, rounded to the currency's minor unit. */
const TOTAL = decimalSchema({ precision: 40, scale: 4 });

export class CreatePayRunDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: ID }) @IsUUID('all') @MaxLength(36) payScheduleId: string;

  @ApiPropertyOptional({ enum: PAY_RUN_TYPES, default: 'regular', example: 'regular', description: '`regular`: everyone on the schedule active in the period. `off_cycle`: a correction or bonus run paying only the employees given inputs (no salary, no hours from HR).' })
  @IsOptional() @IsIn(PAY_RUN_TYPES)
  type?: (typeof PAY_RUN_TYPES)[number];

  @ApiProperty({ format: 'date', maxLength: 10, description: 'Regular: any day of the schedule\'s period to pay. Off-cycle: the first day of the period the run relates to.', example: '2026-03-01' })
  @IsCalendarDate() @MaxLength(10)
  periodStart: string;

  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'Off-cycle only: the last day of the period the run relates to.', example: '2026-03-31' })
  @IsOptional() @IsCalendarDate() @MaxLength(10)
  periodEnd?: string;

  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'Off-cycle only (regular runs take the schedule\'s pay date): the day the money is paid; year-to-date totals follow it.', example: '2026-04-15' })
  @IsOptional() @IsCalendarDate() @MaxLength(10)
  payDate?: string;

  @ApiPropertyOptional({ description: 'Rule set for employees without a rule set assignment.', example: 'STANDARD', pattern: CODE.source, maxLength: 20 })
  @IsOptional() @Matches(CODE, { message: 'ruleSetCode must be 1-20 upper-case letters, digits, "-" or "_"' }) @MaxLength(20)
  ruleSetCode?: string;

  @ApiPropertyOptional({ description: 'Why the run exists; required for off-cycle runs.', example: 'Correction of March overtime', minLength: 1, maxLength: 500 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  reason?: string;
}

export class PayRunHoursDto {
  @ApiProperty({ format: 'date', maxLength: 10, example: '2026-03-02' }) @IsCalendarDate() @MaxLength(10) date: string;
  @ApiProperty({ enum: HOURS_KINDS, example: 'regular' }) @IsIn(HOURS_KINDS) kind: (typeof HOURS_KINDS)[number];
  @ApiProperty({ description: 'Decimal hours.', example: '8.00' }) @IsDecimalString({ precision: 8, scale: 2, min: '0' }) hours: string;
}

export class ComponentHoursDto {
  @ApiProperty({ description: 'Code of an hours × rate component.', example: 'STANDBY', maxLength: 20 })
  @Matches(CODE, { message: 'code must be 1-20 upper-case letters, digits, "-" or "_"' }) @MaxLength(20)
  code: string;

  @ApiProperty({ example: '12.5' }) @IsDecimalString({ precision: 8, scale: 2, min: '0' }) hours: string;
}

export class PayRunInputDto {
  @ApiPropertyOptional({ description: 'One-off taxable bonus.', example: '500.00' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 2, min: '0' })
  bonus?: string;

  @ApiPropertyOptional({ description: 'One-off taxable commission.', example: '0' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 2, min: '0' })
  commission?: string;

  @ApiPropertyOptional({ description: 'Expenses paid back; not taxable.', example: '42.50' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 2, min: '0' })
  reimbursement?: string;

  @ApiPropertyOptional({ description: 'Taxable correction of an earlier period; negative takes back an overpayment.', example: '-120.00' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 2 })
  correction?: string;

  @ApiPropertyOptional({ type: [PayRunHoursDto], maxItems: 400, description: 'Hours not in HR timesheets (added to them).' })
  @IsOptional() @IsArray() @ArrayMaxSize(400) @ValidateNested({ each: true }) @Type(() => PayRunHoursDto)
  hours?: PayRunHoursDto[];

  @ApiPropertyOptional({ type: [String], description: 'Unpaid days not in HR leave (added to them); reduce salaried pay.', example: ['2026-03-04'], maxItems: 62, items: { type: 'string', format: 'date', maxLength: 10 } })
  @IsOptional() @IsArray() @ArrayMaxSize(62) @IsCalendarDate({ each: true })
  unpaidDays?: string[];

  @ApiPropertyOptional({ type: [ComponentHoursDto], maxItems: 50, description: 'Hours for hours × rate components.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ComponentHoursDto)
  componentHours?: ComponentHoursDto[];
}

export class PayRunInputViewDto {
  @ApiProperty({ format: 'uuid', example: ID }) payRunId: string;
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4, min: '0' }), example: '500.00' }) bonus: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4, min: '0' }), example: '0.00' }) commission: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4, min: '0' }), example: '42.50' }) reimbursement: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4 }), example: '0.00' }) correction: string;
  @ApiProperty({ type: [PayRunHoursDto], maxItems: 400 }) hours: PayRunHoursDto[];
  @ApiProperty({ type: [String], maxItems: 62, items: { type: 'string', format: 'date', maxLength: 10 }, example: ['2026-03-04'] }) unpaidDays: string[];
  @ApiProperty({ type: [ComponentHoursDto], maxItems: 50 }) componentHours: ComponentHoursDto[];
  @ApiProperty({ example: 1 }) version: number;
}

export class PayRunTotalsDto {
  @ApiProperty({ minLength: 3, maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...TOTAL, example: '15000.00' }) gross: string;
  @ApiProperty({ ...TOTAL, example: '11250.00' }) net: string;
  @ApiProperty({ ...TOTAL, example: '960.00' }) employerContributions: string;
}

export class PayRunDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ format: 'uuid', example: ID }) payScheduleId: string;
  @ApiProperty({ enum: PAY_RUN_TYPES, example: 'regular' }) type: string;
  @ApiProperty({ format: 'date', example: '2026-03-01' }) periodStart: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) periodEnd: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) payDate: string;
  @ApiProperty({ enum: PAY_RUN_STATUSES, example: 'calculated' }) status: string;
  @ApiProperty({ type: [String], maxItems: PAY_RUN_ACTIONS.length, items: { type: 'string', enum: [...PAY_RUN_ACTIONS] }, example: ['calculate', 'approve', 'cancel'], description: 'Actions allowed in the current status.' }) allowedActions: string[];
  @ApiProperty({ pattern: CODE.source, maxLength: 20, type: String, nullable: true, example: 'STANDARD' }) ruleSetCode: string | null;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) reason: string | null;
  @ApiProperty({ example: 3, description: 'Payslips of the last calculation.' }) employeeCount: number;
  @ApiProperty({ type: PayRunTotalsDto, nullable: true, description: 'Null before calculation, or when payslips are in several currencies.' }) totals: PayRunTotalsDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-28T10:00:00.000Z' }) calculatedAt: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, description: 'The acting user, else the API key\'s name.', example: 'payroll-clerk' }) calculatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) approvedAt: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: null }) approvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) paidAt: string | null;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-03-27T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-28T10:00:00.000Z' }) updatedAt: string;
}

export const PAY_RUN_SORTS = ['createdAt', '-createdAt', 'periodStart', '-periodStart'] as const;

export class ListPayRunsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Only runs of this schedule.' })
  @IsOptional() @IsUUID('all') @MaxLength(36)
  payScheduleId?: string;

  @ApiPropertyOptional({ enum: PAY_RUN_STATUSES, description: 'Only runs in this status.' })
  @IsOptional() @IsIn(PAY_RUN_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: PAY_RUN_SORTS, default: '-createdAt' })
  @IsOptional() @IsIn(PAY_RUN_SORTS)
  sort?: string;
}

export class PayRunPageDto extends pageOf(PayRunDto, 'PayRunPage') {}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { COMPONENT_KINDS } from '../../calculator/gross-to-net';
import { CALCULATION_TYPES, PERCENTAGE_BASES } from '../pay-component.entity';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
/** Active pay components at one time: each gives at most one payslip line (see MAX_PAYSLIP_LINES). */
export const MAX_ACTIVE_PAY_COMPONENTS = 500;
const CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
const CODE_MESSAGE = 'must be 1-20 upper-case letters, digits, "-" or "_"';
const GL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

export class CreatePayComponentDto {
  @ApiProperty({ description: 'Unique; also the code of its payslip lines. Built-in line codes (SALARY, OVERTIME, INCOME_TAX, BONUS, ...) are reserved.', example: 'MEAL', pattern: CODE.source, maxLength: 20 })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` }) @MaxLength(20)
  code: string;

  @ApiProperty({ example: 'Meal allowance', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: COMPONENT_KINDS, example: 'earning' })
  @IsIn(COMPONENT_KINDS)
  kind: (typeof COMPONENT_KINDS)[number];

  @ApiPropertyOptional({ description: 'Earnings only: counts towards taxable gross. Default false.', example: true })
  @IsOptional() @IsBoolean()
  taxable?: boolean;

  @ApiProperty({ enum: CALCULATION_TYPES, example: 'fixed', description: '`fixed` needs `amount`; `percentage` needs `rate` and `base`; `hours_times_rate` needs `rate` (hours come from the pay run inputs).' })
  @IsIn(CALCULATION_TYPES)
  calculationType: (typeof CALCULATION_TYPES)[number];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Fixed amount per pay period.', example: '150.00' })
  @IsOptional() @IsDecimalString({ precision: 16, scale: 4, min: '0' })
  amount?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Percentage: a fraction 0 to 1 (0.03 = 3 %). Hours × rate: the hourly rate.', example: '0.03' })
  @IsOptional() @IsDecimalString({ precision: 16, scale: 6, min: '0' })
  rate?: string | null;

  @ApiPropertyOptional({ enum: PERCENTAGE_BASES, nullable: true, description: 'Percentage only: of gross, taxable gross or another component (computed before this one).', example: 'gross' })
  @IsOptional() @IsIn(PERCENTAGE_BASES)
  base?: (typeof PERCENTAGE_BASES)[number] | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'With base `component`: that component\'s code.', example: 'SALARY', maxLength: 20 })
  @IsOptional() @Matches(CODE, { message: `baseComponent ${CODE_MESSAGE}` }) @MaxLength(20)
  baseComponent?: string | null;

  @ApiProperty({ description: 'General-ledger account of this component in the journal export (expense for earnings and employer contributions, liability for deductions).', example: '6010', maxLength: 20 })
  @Matches(GL, { message: 'glAccount must be 1-20 letters, digits, ".", "_" or "-"' }) @MaxLength(20)
  glAccount: string;

  @ApiPropertyOptional({ description: 'Order within its kind (lower first, then by code). Default 100.', minimum: 0, maximum: 10000, example: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10000)
  sequence?: number;
}

export class UpdatePayComponentDto extends PartialType(CreatePayComponentDto) {
  @ApiPropertyOptional({ description: 'Inactive components are left out of new calculations.', example: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class PayComponentDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ pattern: CODE.source, maxLength: 20, example: 'MEAL' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Meal allowance' }) name: string;
  @ApiProperty({ enum: COMPONENT_KINDS, example: 'earning' }) kind: string;
  @ApiProperty({ example: true }) taxable: boolean;
  @ApiProperty({ enum: CALCULATION_TYPES, example: 'fixed' }) calculationType: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4, min: '0' }), type: String, nullable: true, example: '150.0000' }) amount: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 6, min: '0' }), type: String, nullable: true, example: null }) rate: string | null;
  @ApiProperty({ type: String, enum: PERCENTAGE_BASES, nullable: true, example: 'gross' }) base: string | null;
  @ApiProperty({ pattern: CODE.source, maxLength: 20, type: String, nullable: true, example: null }) baseComponent: string | null;
  @ApiProperty({ pattern: GL.source, maxLength: 20, example: '6010' }) glAccount: string;
  @ApiProperty({ example: 100 }) sequence: number;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const PAY_COMPONENT_SORTS = ['code', '-code', 'createdAt', '-createdAt'] as const;

export class ListPayComponentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMPONENT_KINDS, description: 'Only components of this kind.' })
  @IsOptional() @IsIn(COMPONENT_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: PAY_COMPONENT_SORTS, default: 'code' })
  @IsOptional() @IsIn(PAY_COMPONENT_SORTS)
  sort?: string;
}

export class PayComponentPageDto extends pageOf(PayComponentDto, 'PayComponentPage') {}

export class CreateComponentAssignmentDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Pay this employee the component. Give this or `payScheduleId`.', example: ID })
  @IsOptional() @IsUUID('all') @MaxLength(36)
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Pay everyone on this schedule the component. An employee\'s own assignment of the same component wins.', example: ID })
  @IsOptional() @IsUUID('all') @MaxLength(36)
  payScheduleId?: string;

  @ApiProperty({ format: 'date', maxLength: 10, description: 'Applies to periods ending on or after this day.', example: '2026-01-01' })
  @IsCalendarDate() @MaxLength(10)
  effectiveFrom: string;

  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, description: 'Applies to periods ending on or before this day; open-ended when absent.', example: null })
  @IsOptional() @IsCalendarDate() @MaxLength(10)
  effectiveTo?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Replaces the component\'s fixed amount.', example: '200.00' })
  @IsOptional() @IsDecimalString({ precision: 16, scale: 4, min: '0' })
  amount?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Replaces the component\'s rate.', example: '0.05' })
  @IsOptional() @IsDecimalString({ precision: 16, scale: 6, min: '0' })
  rate?: string | null;
}

export class ComponentAssignmentDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ format: 'uuid', example: ID }) payComponentId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: ID }) employeeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) payScheduleId: string | null;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) effectiveTo: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4, min: '0' }), type: String, nullable: true, example: '200.0000' }) amount: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 6, min: '0' }), type: String, nullable: true, example: null }) rate: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ComponentAssignmentPageDto extends pageOf(ComponentAssignmentDto, 'ComponentAssignmentPage') {}

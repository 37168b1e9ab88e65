import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { COMPONENT_KINDS, HOURS_KINDS } from '../../calculator/gross-to-net';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
export const CODE_PATTERN = '^[A-Z0-9][A-Z0-9_-]{0,19}$';
/** Computed amounts and totals: `numeric` without a fixed precision, rounded to the currency's minor unit. */
export const COMPUTED_AMOUNT = decimalSchema({ precision: 40, scale: 4 });
/** Longest explanation the calculator writes: the income tax line listing up to 50 brackets. */
export const EXPLANATION_MAX_LENGTH = 4000;
/**
 * Lines of one payslip: salary segments and hours lines (at most one per day and kind), four
 * one-offs, the active pay components (at most MAX_ACTIVE_PAY_COMPONENTS), income tax and two per
 * contribution (at most 50).
 */
export const MAX_PAYSLIP_LINES = 1000;

export class PreviewHoursDto {
  @ApiProperty({ format: 'date', example: '2026-03-02' }) @IsCalendarDate() date: string;
  @ApiProperty({ enum: HOURS_KINDS, example: 'regular' }) @IsIn(HOURS_KINDS) kind: (typeof HOURS_KINDS)[number];
  @ApiProperty({ description: 'Decimal hours.', example: '8.00' }) @IsDecimalString({ precision: 8, scale: 2, min: '0' }) hours: string;
}

export class PreviewPayslipDto {
  @ApiProperty({ format: 'uuid', example: ID }) @IsUUID('all') employeeId: string;

  @ApiProperty({ format: 'date', description: 'Any day of the pay period to compute (of the employee\'s pay schedule).', example: '2026-03-15' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ description: 'Rule set code; the version valid on the last day of the period applies.', example: 'STANDARD', pattern: CODE_PATTERN, maxLength: 20 })
  @MaxLength(20) @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'ruleSetCode must be 1-20 upper-case letters, digits, "-" or "_"' })
  ruleSetCode: string;

  @ApiPropertyOptional({ enum: ['calendar_days', 'working_days'], default: 'calendar_days', example: 'calendar_days', description: 'How salaried pay is prorated.' })
  @IsOptional() @IsIn(['calendar_days', 'working_days'])
  prorationMethod?: 'calendar_days' | 'working_days';

  @ApiPropertyOptional({ type: [String], maxItems: 62, items: { type: 'string', format: 'date', maxLength: 10 }, description: 'Unpaid days inside the period (reduce salaried pay).', example: ['2026-03-04'] })
  @IsOptional() @IsArray() @ArrayMaxSize(62) @IsCalendarDate({ each: true })
  unpaidDays?: string[];

  @ApiPropertyOptional({ type: [PreviewHoursDto], maxItems: 400, description: 'Hours worked inside the period.' })
  @IsOptional() @IsArray() @ArrayMaxSize(400) @ValidateNested({ each: true }) @Type(() => PreviewHoursDto)
  hours?: PreviewHoursDto[];
}

export class PayslipLineDto {
  @ApiProperty({ pattern: CODE_PATTERN, maxLength: 20, example: 'INCOME_TAX' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Income tax' }) name: string;
  @ApiProperty({ enum: COMPONENT_KINDS, example: 'tax' }) kind: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, description: 'Rounded half-up to the currency\'s minor unit.', example: '600.00' }) amount: string;
  @ApiProperty({ maxLength: EXPLANATION_MAX_LENGTH, example: 'STANDARD: taxable 5000.00 − allowance 1000 = 4000.00; 10% above 0 up to 2000, 20% above 2000' }) explanation: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The figures behind the line: rule set, brackets, base, rate, days, hours.' }) detail: Record<string, unknown>;
}

export class PayslipTotalsDto {
  @ApiProperty({ minLength: 3, maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '5000.00' }) gross: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '5000.00' }) taxableGross: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '0.00' }) preTaxDeductions: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '800.00' }) taxes: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '0.00' }) postTaxDeductions: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, description: 'Exactly gross minus the deduction lines.', example: '4200.00' }) net: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '320.00' }) employerContributions: string;
}

export class PreviewPeriodDto {
  @ApiProperty({ format: 'date', example: '2026-03-01' }) start: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) end: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) payDate: string;
}

export class PreviewRuleSetDto {
  @ApiProperty({ pattern: CODE_PATTERN, maxLength: 20, example: 'STANDARD' }) code: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) validFrom: string;
}

export class PayslipPreviewDto {
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ type: PreviewPeriodDto }) period: PreviewPeriodDto;
  @ApiProperty({ type: PreviewRuleSetDto }) ruleSet: PreviewRuleSetDto;
  @ApiProperty({ type: [PayslipLineDto], maxItems: MAX_PAYSLIP_LINES }) lines: PayslipLineDto[];
  @ApiProperty({ type: PayslipTotalsDto }) totals: PayslipTotalsDto;
}

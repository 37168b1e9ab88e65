import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { COMPONENT_KINDS, HOURS_KINDS } from '../../calculator/gross-to-net';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

export class PreviewHoursDto {
  @ApiProperty({ format: 'date', example: '2026-03-02' }) @IsCalendarDate() date: string;
  @ApiProperty({ enum: HOURS_KINDS, example: 'regular' }) @IsIn(HOURS_KINDS) kind: (typeof HOURS_KINDS)[number];
  @ApiProperty({ description: 'Decimal hours.', example: '8.00' }) @IsDecimalString({ scale: 2, min: '0' }) hours: string;
}

export class PreviewPayslipDto {
  @ApiProperty({ format: 'uuid', example: ID }) @IsUUID('all') employeeId: string;

  @ApiProperty({ format: 'date', description: 'Any day of the pay period to compute (of the employee\'s pay schedule).', example: '2026-03-15' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ description: 'Rule set code; the version valid on the last day of the period applies.', example: 'STANDARD' })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'ruleSetCode must be 1-20 upper-case letters, digits, "-" or "_"' })
  ruleSetCode: string;

  @ApiPropertyOptional({ enum: ['calendar_days', 'working_days'], default: 'calendar_days', description: 'How salaried pay is prorated.' })
  @IsOptional() @IsIn(['calendar_days', 'working_days'])
  prorationMethod?: 'calendar_days' | 'working_days';

  @ApiPropertyOptional({ type: [String], description: 'Unpaid days inside the period (reduce salaried pay).', example: ['2026-03-04'] })
  @IsOptional() @IsArray() @ArrayMaxSize(62) @IsCalendarDate({ each: true })
  unpaidDays?: string[];

  @ApiPropertyOptional({ type: [PreviewHoursDto], description: 'Hours worked inside the period.' })
  @IsOptional() @IsArray() @ArrayMaxSize(400) @ValidateNested({ each: true }) @Type(() => PreviewHoursDto)
  hours?: PreviewHoursDto[];
}

export class PayslipLineDto {
  @ApiProperty({ example: 'INCOME_TAX' }) code: string;
  @ApiProperty({ example: 'Income tax' }) name: string;
  @ApiProperty({ enum: COMPONENT_KINDS, example: 'tax' }) kind: string;
  @ApiProperty({ description: 'Rounded half-up to the currency\'s minor unit.', example: '600.00' }) amount: string;
  @ApiProperty({ example: 'STANDARD: taxable 5000.00 − allowance 1000 = 4000.00; 10% above 0 up to 2000, 20% above 2000' }) explanation: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The figures behind the line: rule set, brackets, base, rate, days, hours.' }) detail: Record<string, unknown>;
}

export class PayslipTotalsDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '5000.00' }) gross: string;
  @ApiProperty({ example: '5000.00' }) taxableGross: string;
  @ApiProperty({ example: '0.00' }) preTaxDeductions: string;
  @ApiProperty({ example: '800.00' }) taxes: string;
  @ApiProperty({ example: '0.00' }) postTaxDeductions: string;
  @ApiProperty({ description: 'Exactly gross minus the deduction lines.', example: '4200.00' }) net: string;
  @ApiProperty({ example: '320.00' }) employerContributions: string;
}

export class PreviewPeriodDto {
  @ApiProperty({ format: 'date', example: '2026-03-01' }) start: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) end: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) payDate: string;
}

export class PreviewRuleSetDto {
  @ApiProperty({ example: 'STANDARD' }) code: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) validFrom: string;
}

export class PayslipPreviewDto {
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ type: PreviewPeriodDto }) period: PreviewPeriodDto;
  @ApiProperty({ type: PreviewRuleSetDto }) ruleSet: PreviewRuleSetDto;
  @ApiProperty({ type: [PayslipLineDto] }) lines: PayslipLineDto[];
  @ApiProperty({ type: PayslipTotalsDto }) totals: PayslipTotalsDto;
}

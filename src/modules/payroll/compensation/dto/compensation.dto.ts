import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO4217CurrencyCode, IsOptional, Matches } from 'class-validator';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
/** Compensation terms one employee may have; another one is refused with 422. */
export const MAX_COMPENSATION_TERMS = 500;
export const COMPENSATION_BASES = ['annual_salary', 'monthly_salary', 'hourly'] as const;

export class CreateCompensationDto {
  @ApiProperty({ format: 'date', description: 'The day the new pay takes effect; it applies until the next change.', example: '2026-03-01' })
  @IsCalendarDate()
  effectiveFrom: string;

  @ApiProperty({ enum: COMPENSATION_BASES, example: 'annual_salary' })
  @IsIn(COMPENSATION_BASES)
  basis: (typeof COMPENSATION_BASES)[number];

  @ApiProperty({ description: 'Annual salary, monthly salary or hourly rate, by `basis`. Decimal string.', example: '60000.00' })
  @IsDecimalString({ precision: 17, scale: 4, min: '0' })
  amount: string;

  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'EUR', minLength: 3, maxLength: 3 })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code, e.g. EUR' }) @IsISO4217CurrencyCode()
  currency: string;

  @ApiPropertyOptional({ description: 'Overtime hours pay the hourly rate times this; default 1.5.', example: '1.5' })
  @IsOptional() @IsDecimalString({ precision: 6, scale: 4, min: '1' })
  overtimeMultiplier?: string;

  @ApiPropertyOptional({ description: 'Extra fraction of the hourly rate for night hours (0.25 = +25 %); default 0.', example: '0.25' })
  @IsOptional() @IsDecimalString({ precision: 6, scale: 4, min: '0' })
  nightPremiumRate?: string;

  @ApiPropertyOptional({ description: 'Extra fraction of the hourly rate for public-holiday hours; default 0.', example: '1' })
  @IsOptional() @IsDecimalString({ precision: 6, scale: 4, min: '0' })
  holidayPremiumRate?: string;

  @ApiPropertyOptional({ description: 'Working hours in a year; gives a salaried employee\'s hourly equivalent. Default 2080.', example: '2080' })
  @IsOptional() @IsDecimalString({ precision: 7, scale: 2, min: '1' })
  standardHoursPerYear?: string;
}

export class CompensationDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ format: 'date', example: '2026-03-01' }) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day it applies; null while it is the latest.', example: null }) effectiveTo: string | null;
  @ApiProperty({ enum: COMPENSATION_BASES, example: 'annual_salary' }) basis: string;
  @ApiProperty({ ...decimalSchema({ precision: 17, scale: 4, min: '0' }), example: '60000.0000' }) amount: string;
  @ApiProperty({ minLength: 3, maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...decimalSchema({ precision: 6, scale: 4, min: '0' }), example: '1.5000' }) overtimeMultiplier: string;
  @ApiProperty({ ...decimalSchema({ precision: 6, scale: 4, min: '0' }), example: '0.2500' }) nightPremiumRate: string;
  @ApiProperty({ ...decimalSchema({ precision: 6, scale: 4, min: '0' }), example: '1.0000' }) holidayPremiumRate: string;
  @ApiProperty({ ...decimalSchema({ precision: 7, scale: 2, min: '0' }), example: '2080.00' }) standardHoursPerYear: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class CompensationQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Which term is `current`; default today (company time zone).', example: '2026-06-30' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class CompensationHistoryDto {
  @ApiProperty({ format: 'date', example: '2026-06-30' }) asOf: string;
  @ApiProperty({ type: CompensationDto, nullable: true, description: 'The term in effect on `asOf`; null before the first one.' }) current: CompensationDto | null;
  @ApiProperty({ type: [CompensationDto], maxItems: MAX_COMPENSATION_TERMS, description: `Every term, latest first (an employee has at most ${MAX_COMPENSATION_TERMS}).` }) history: CompensationDto[];
}

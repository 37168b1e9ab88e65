import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate } from '../../../../platform/http/validators';
import { PAY_FREQUENCIES } from '../pay-periods';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
export const PRORATION_METHODS = ['calendar_days', 'working_days'] as const;
export const PAY_DATE_RULES = ['last_working_day', 'fixed_day', 'days_after_period_end'] as const;

export class CreatePayScheduleDto {
  @ApiProperty({ description: 'Unique short code, upper case.', example: 'MONTHLY', pattern: '^[A-Z0-9][A-Z0-9_-]{0,19}$', maxLength: 20 })
  @MaxLength(20) @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'code must be 1-20 upper-case letters, digits, "-" or "_"' })
  code: string;

  @ApiProperty({ example: 'Monthly salaried staff', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PAY_FREQUENCIES, example: 'monthly', description: 'Semi-monthly periods run 1–15 and 16–end of month.' })
  @IsIn(PAY_FREQUENCIES)
  frequency: (typeof PAY_FREQUENCIES)[number];

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'First day of any one period; required for weekly and bi-weekly, refused otherwise.', example: '2026-01-05' })
  @IsOptional() @IsCalendarDate()
  anchorDate?: string | null;

  @ApiProperty({ enum: PAY_DATE_RULES, example: 'last_working_day', description: 'A pay date on a weekend moves back to the Friday before.' })
  @IsIn(PAY_DATE_RULES)
  payDateRule: (typeof PAY_DATE_RULES)[number];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 31, description: 'fixed_day only: day of the month the period ends in (clamped to the month end).', example: 25 })
  @IsOptional() @IsInt() @Min(1) @Max(31)
  payDay?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 31, description: 'days_after_period_end only: days after the last day of the period.', example: 5 })
  @IsOptional() @IsInt() @Min(0) @Max(31)
  payDateOffsetDays?: number | null;

  @ApiPropertyOptional({ enum: PRORATION_METHODS, default: 'calendar_days', example: 'working_days', description: 'How pay is prorated for hires, terminations and unpaid leave inside a period.' })
  @IsOptional() @IsIn(PRORATION_METHODS)
  prorationMethod?: (typeof PRORATION_METHODS)[number];
}

export class PayScheduleDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ pattern: '^[A-Z0-9][A-Z0-9_-]{0,19}$', maxLength: 20, example: 'MONTHLY' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Monthly salaried staff' }) name: string;
  @ApiProperty({ enum: PAY_FREQUENCIES, example: 'monthly' }) frequency: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) anchorDate: string | null;
  @ApiProperty({ enum: PAY_DATE_RULES, example: 'last_working_day' }) payDateRule: string;
  @ApiProperty({ type: Number, nullable: true, example: null }) payDay: number | null;
  @ApiProperty({ type: Number, nullable: true, example: null }) payDateOffsetDays: number | null;
  @ApiProperty({ enum: PRORATION_METHODS, example: 'calendar_days' }) prorationMethod: string;
  @ApiProperty({ example: 1, description: 'Increases with every change; the ETag.' }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const PAY_SCHEDULE_SORTS = ['name', '-name', 'code', '-code', 'createdAt', '-createdAt'] as const;

export class ListPaySchedulesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PAY_FREQUENCIES, description: 'Only schedules of this frequency.' })
  @IsOptional() @IsIn(PAY_FREQUENCIES)
  frequency?: string;

  @ApiPropertyOptional({ enum: PAY_SCHEDULE_SORTS, default: 'name' })
  @IsOptional() @IsIn(PAY_SCHEDULE_SORTS)
  sort?: string;
}

export class PaySchedulePageDto extends pageOf(PayScheduleDto, 'PaySchedulePage') {}

export class PayPeriodsQuery {
  @ApiProperty({ format: 'date', description: 'Periods overlapping from…to (both included).', example: '2026-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', example: '2026-12-31' })
  @IsCalendarDate()
  to: string;
}

/** Periods in a five-year range (MAX_PERIOD_RANGE_DAYS) of weekly periods, the edges included. */
export const MAX_PAY_PERIODS = 263;

export class PayPeriodDto {
  @ApiProperty({ format: 'date', example: '2026-01-01' }) start: string;
  @ApiProperty({ format: 'date', example: '2026-01-31' }) end: string;
  @ApiProperty({ format: 'date', example: '2026-01-30' }) payDate: string;
}

export class PayPeriodListDto {
  @ApiProperty({ type: [PayPeriodDto], maxItems: MAX_PAY_PERIODS, description: 'At most five years of periods (262 weekly periods).' }) data: PayPeriodDto[];
}

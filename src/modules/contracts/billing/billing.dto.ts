import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../platform/http/validators';
import { BILLING_PERIODS } from './billing.entity';

const EXAMPLE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

export class CreateBillingScheduleDto {
  @ApiProperty({ description: 'Net amount per period, decimal string above zero.', example: '2000.00' })
  @IsDecimalString({ precision: 18, scale: 2, min: '0' }) @Matches(/[1-9]/, { message: 'amount must be above zero' })
  amount: string;

  @ApiProperty({ enum: BILLING_PERIODS, example: 'monthly' })
  @IsIn(BILLING_PERIODS)
  period: (typeof BILLING_PERIODS)[number];

  @ApiProperty({ format: 'uuid', description: 'The invoicing number series of the draft invoices.', example: EXAMPLE_ID })
  @IsUUID('all')
  seriesId: string;

  @ApiProperty({ format: 'uuid', description: 'The invoicing tax category of the invoice line.', example: EXAMPLE_ID })
  @IsUUID('all')
  taxCategoryId: string;

  @ApiPropertyOptional({ description: 'Invoice line text; the period is appended.', example: 'Support and maintenance', maxLength: 300 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  description?: string;

  @ApiPropertyOptional({ description: 'First period start; the contract start when omitted.', example: '2026-01-01' })
  @IsOptional() @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ description: 'No period starts after this date.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  endDate?: string;
}

export class BillingScheduleDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) contractId: string;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 2, min: '0' }), example: '2000.00' }) amount: string;
  @ApiProperty({ example: 'EUR', maxLength: 3, pattern: '^[A-Z]{3}$' }) currency: string;
  @ApiProperty({ enum: BILLING_PERIODS, example: 'monthly' }) period: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) seriesId: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) taxCategoryId: string;
  @ApiProperty({ example: 'Support and maintenance', maxLength: 300 }) description: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) endDate: string | null;
  @ApiProperty({ format: 'date', description: 'The next period to invoice.', example: '2026-02-01' }) nextPeriodStart: string;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class BillingSchedulePageDto extends pageOf(BillingScheduleDto, 'BillingSchedulePage') {}

export class BillingPeriodDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) scheduleId: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) periodStart: string;
  @ApiProperty({ format: 'date', example: '2026-01-31' }) periodEnd: string;
  @ApiProperty({ format: 'uuid', description: 'The draft invoice created in invoicing.', example: EXAMPLE_ID }) invoiceId: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class BillingPeriodPageDto extends pageOf(BillingPeriodDto, 'BillingPeriodPage') {}

export class ListBillingQuery extends PageQuery {}

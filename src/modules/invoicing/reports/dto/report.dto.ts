import { CURRENCY, REPORT_AMOUNT } from '../../limits';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate } from '../../../../platform/http/validators';

export class AgingQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The day the ages count to (YYYY-MM-DD); today in the company time zone when omitted. Invoices issued after it are left out.', example: '2026-11-30' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class AgingRowDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ maxLength: 200, example: 'Globex Corporation Ltd' }) legalName: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...REPORT_AMOUNT, description: 'Not yet due on asOf.', example: '1200.00' }) current: string;
  @ApiProperty({ ...REPORT_AMOUNT, description: '1 to 30 days past the due date.', example: '0.00' }) days1to30: string;
  @ApiProperty({ ...REPORT_AMOUNT, example: '350.00' }) days31to60: string;
  @ApiProperty({ ...REPORT_AMOUNT, example: '0.00' }) days61to90: string;
  @ApiProperty({ ...REPORT_AMOUNT, description: 'More than 90 days past the due date.', example: '0.00' }) days90plus: string;
  @ApiProperty({ ...REPORT_AMOUNT, example: '1550.00' }) total: string;
  @ApiProperty({ example: 3 }) openInvoices: number;
}

export class AgingPageDto extends pageOf(AgingRowDto, 'AgingReportPage') {}

export class RevenueQuery extends PageQuery {
  @ApiProperty({ description: 'First issue date included (YYYY-MM-DD).', example: '2026-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ description: 'Last issue date included; at most 3 years after `from`.', example: '2026-12-31' })
  @IsCalendarDate()
  to: string;
}

export class RevenueRowDto {
  @ApiProperty({ maxLength: 7, pattern: '^\\d{4}-\\d{2}$', example: '2026-11' }) month: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ maxLength: 200, example: 'Globex Corporation Ltd' }) legalName: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...REPORT_AMOUNT, description: 'Net (tax-exclusive) amount of the invoices issued in the month.', example: '5000.00' }) invoiced: string;
  @ApiProperty({ ...REPORT_AMOUNT, description: 'Net amount of the credit notes issued in the month.', example: '200.00' }) credited: string;
  @ApiProperty({ ...REPORT_AMOUNT, description: 'invoiced − credited.', example: '4800.00' }) revenue: string;
}

export class RevenuePageDto extends pageOf(RevenueRowDto, 'RevenueReportPage') {}

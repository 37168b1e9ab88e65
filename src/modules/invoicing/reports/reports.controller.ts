import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { INVOICING_READ } from '../invoicing.scopes';
import { AgingPageDto, AgingQuery, RevenuePageDto, RevenueQuery } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('invoicing')
@Controller('invoicing/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('aging')
  @Endpoint({ summary: 'Aging of open receivables per customer', description: 'Per customer and currency: not yet due, 1–30, 31–60, 61–90 and over 90 days past due on `asOf`, computed in SQL. Paginated by customer.', scopes: [INVOICING_READ], type: AgingPageDto, errors: [422] })
  aging(@Query() query: AgingQuery) {
    return this.reports.aging(query);
  }

  @Get('revenue')
  @Endpoint({ summary: 'Net revenue per month per customer', description: 'Net amounts of invoices minus credit notes by issue month, customer and currency, computed in SQL.', scopes: [INVOICING_READ], type: RevenuePageDto, errors: [422] })
  revenue(@Query() query: RevenueQuery) {
    return this.reports.revenue(query);
  }
}

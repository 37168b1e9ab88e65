import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { CONTRACTS_READ, CONTRACTS_WRITE } from '../contracts.scopes';
import { BillingPeriodPageDto, BillingScheduleDto, BillingSchedulePageDto, CreateBillingScheduleDto, ListBillingQuery } from './billing.dto';
import { BillingService } from './billing.service';

@ApiTags('contracts')
@Controller('contracts')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('billing-schedules/:scheduleId/periods')
  @Endpoint({ summary: 'List the invoiced periods of a billing schedule', description: 'One row per period, with the draft invoice created for it.', scopes: [CONTRACTS_READ], type: BillingPeriodPageDto, errors: [404, 422] })
  periods(@Param('scheduleId', ParseUuidPipe) id: string, @Query() query: ListBillingQuery) {
    return this.billing.periods(id, query);
  }

  @Post(':id/billing-schedules')
  @Endpoint({
    summary: 'Add a billing schedule to a customer or service contract',
    description: 'An amount per period (monthly, quarterly, yearly), the invoice series and tax category. A scheduled job creates each due period\'s draft invoice in invoicing, once per period. Other contracts: 422 `billing_not_allowed`.',
    scopes: [CONTRACTS_WRITE],
    status: 201,
    type: BillingScheduleDto,
    idempotent: true,
    body: true,
    etag: true,
    errors: [404, 409],
  })
  create(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateBillingScheduleDto) {
    return this.billing.create(id, body);
  }

  @Get(':id/billing-schedules')
  @Endpoint({ summary: 'List the billing schedules of a contract', scopes: [CONTRACTS_READ], type: BillingSchedulePageDto, errors: [404, 422] })
  list(@Param('id', ParseUuidPipe) id: string, @Query() query: ListBillingQuery) {
    return this.billing.list(id, query);
  }
}

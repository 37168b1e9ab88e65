import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreateInvoiceDto, InvoiceDto, InvoicePageDto, ListInvoicesQuery, UpdateInvoiceDto } from './dto/invoice.dto';
import { InvoicesService } from './invoices.service';

@ApiTags('invoicing')
@Controller('invoicing/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Post()
  @Endpoint({ summary: 'Create a draft invoice', description: 'Totals are computed by the server (EN 16931): line nets rounded half-up to the currency minor unit, VAT once per category and rate. A draft has no number.', scopes: [INVOICING_WRITE], status: 201, type: InvoiceDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateInvoiceDto) {
    return this.invoices.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List invoices', scopes: [INVOICING_READ], type: InvoicePageDto, errors: [422] })
  list(@Query() query: ListInvoicesQuery) {
    return this.invoices.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an invoice', scopes: [INVOICING_READ], type: InvoiceDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.invoices.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Edit a draft invoice', description: 'Only drafts (409 `invalid_state_transition` once issued). `lines` and `allowancesCharges` replace the saved ones when sent.', scopes: [INVOICING_WRITE], type: InvoiceDto, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateInvoiceDto, @IfMatch() version?: number) {
    return this.invoices.update(id, body, version);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Delete a draft invoice', description: 'Only drafts (409 `invalid_state_transition` once issued).', scopes: [INVOICING_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.invoices.remove(id, version);
  }

  @Post(':id/issue')
  @Endpoint({ summary: 'Issue a draft invoice', description: 'In one transaction: the next number of the series (no gaps), issue date today and due date from the payment terms unless fixed on the draft, customer and seller details frozen, stocked lines issued from inventory. 409 `insufficient_stock` or `seller_profile_missing` change nothing. Emits `invoicing.invoice.issued`.', scopes: [INVOICING_WRITE], type: InvoiceDto, idempotent: true, ifMatch: true, etag: true, errors: [404, 409, 422] })
  issue(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.invoices.issue(id, version);
  }
}

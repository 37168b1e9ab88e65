import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { DocumentResponse, PDF, sendDocument, UBL_CONFORMANCE, UBL_XML } from '../documents/document-response';
import { DocumentsService } from '../documents/documents.service';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreateInvoiceDto, InvoiceDto, InvoicePageDto, ListInvoicesQuery, UpdateInvoiceDto, VoidInvoiceDto } from './dto/invoice.dto';
import { InvoicesService } from './invoices.service';

@ApiTags('invoicing')
@Controller('invoicing/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly documents: DocumentsService,
  ) {}

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
  @Endpoint({ summary: 'Edit a draft invoice', description: 'Only drafts (409 `invalid_state_transition` once issued). `lines` and `allowancesCharges` replace the saved ones when sent.', scopes: [INVOICING_WRITE], type: InvoiceDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateInvoiceDto, @IfMatch() version?: number) {
    return this.invoices.update(id, body, version);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Delete a draft invoice', description: 'Only drafts (409 `invalid_state_transition` once issued).', scopes: [INVOICING_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.invoices.remove(id, version);
  }

  @Post(':id/issue')
  @Endpoint({ summary: 'Issue a draft invoice', description: 'In one transaction: the next number of the series (no gaps), issue date today and due date from the payment terms unless fixed on the draft, customer and seller details frozen, stocked lines issued from inventory. 409 `insufficient_stock`, `seller_profile_missing` or `credit_limit_exceeded` (open receivables + this invoice above the credit limit of the customer, with the figures) change nothing. Emits `invoicing.invoice.issued`.', scopes: [INVOICING_WRITE], type: InvoiceDto, idempotent: true, ifMatch: true, etag: true, errors: [404, 409, 422] })
  issue(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.invoices.issue(id, version);
  }

  @Post(':id/void')
  @Endpoint({ summary: 'Void an issued or partially paid invoice', description: 'Issues a credit note for everything not yet credited (in the given credit-note series, optionally returning stock); allocated payments become customer credit. A paid invoice cannot be voided (credit it instead). Emits `invoicing.credit_note.issued` and `invoicing.invoice.voided`.', scopes: [INVOICING_WRITE], type: InvoiceDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  void(@Param('id', ParseUuidPipe) id: string, @Body() body: VoidInvoiceDto, @IfMatch() version?: number) {
    return this.invoices.void(id, body, version);
  }

  @Get(':id/pdf')
  @Endpoint({ summary: 'Invoice as PDF', description: 'Seller, buyer, lines, VAT breakdown, totals and payment details (IBAN). Drafts: 409 `invoice_not_issued`.', scopes: [INVOICING_READ], errors: [404, 409] })
  @DocumentResponse(PDF, 'The invoice as a PDF.')
  async pdf(@Param('id', ParseUuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendDocument(reply, await this.documents.invoicePdf(id), PDF, 'pdf');
  }

  @Get(':id/ubl')
  @Endpoint({ summary: 'Invoice as UBL 2.1 (EN 16931, Peppol BIS Billing 3.0)', description: `Drafts: 409 \`invoice_not_issued\`. ${UBL_CONFORMANCE}`, scopes: [INVOICING_READ], errors: [404, 409] })
  @DocumentResponse(UBL_XML, 'UBL 2.1 Invoice, type code 380.')
  async ubl(@Param('id', ParseUuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendDocument(reply, await this.documents.invoiceUbl(id), UBL_XML, 'xml');
  }
}

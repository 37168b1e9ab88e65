import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { DocumentResponse, PDF, sendDocument, UBL_CONFORMANCE, UBL_XML } from '../documents/document-response';
import { DocumentsService } from '../documents/documents.service';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreditNotesService } from './credit-notes.service';
import { CreateCreditNoteDto, CreditNoteDto, CreditNotePageDto, ListCreditNotesQuery } from './dto/credit-note.dto';

@ApiTags('invoicing')
@Controller('invoicing')
export class CreditNotesController {
  constructor(
    private readonly creditNotes: CreditNotesService,
    private readonly documents: DocumentsService,
  ) {}

  @Post('invoices/:id/credit-notes')
  @Endpoint({
    summary: 'Issue a credit note against an invoice',
    description: 'In full (no `lines`) or in part (lines and quantities, at most what is left uncredited), numbered in a credit-note series without gaps. Reduces the amount due; what exceeds it is taken back from the invoice\'s payments as customer credit. Crediting every line in full voids an issued or partially paid invoice. `returnStock` returns stocked lines to inventory. Emits `invoicing.credit_note.issued`.',
    scopes: [INVOICING_WRITE], status: 201, type: CreditNoteDto, idempotent: true, body: true, errors: [404, 409],
  })
  create(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateCreditNoteDto) {
    return this.creditNotes.create(id, body);
  }

  @Get('credit-notes')
  @Endpoint({ summary: 'List credit notes', scopes: [INVOICING_READ], type: CreditNotePageDto, errors: [422] })
  list(@Query() query: ListCreditNotesQuery) {
    return this.creditNotes.list(query);
  }

  @Get('credit-notes/:id')
  @Endpoint({ summary: 'Get a credit note', scopes: [INVOICING_READ], type: CreditNoteDto, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.creditNotes.get(id);
  }

  @Get('credit-notes/:id/pdf')
  @Endpoint({ summary: 'Credit note as PDF', scopes: [INVOICING_READ], errors: [404] })
  @DocumentResponse(PDF, 'The credit note as a PDF.')
  async pdf(@Param('id', ParseUuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendDocument(reply, await this.documents.creditNotePdf(id), PDF, 'pdf');
  }

  @Get('credit-notes/:id/ubl')
  @Endpoint({ summary: 'Credit note as UBL 2.1 CreditNote (EN 16931, Peppol BIS Billing 3.0)', description: UBL_CONFORMANCE, scopes: [INVOICING_READ], errors: [404, 409] })
  @DocumentResponse(UBL_XML, 'UBL 2.1 CreditNote, type code 381, referring to the invoice.')
  async ubl(@Param('id', ParseUuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendDocument(reply, await this.documents.creditNoteUbl(id), UBL_XML, 'xml');
  }
}

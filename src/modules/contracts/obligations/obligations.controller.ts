import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { CONTRACTS_READ, CONTRACTS_WRITE } from '../contracts.scopes';
import { CreateObligationDto, ListObligationsQuery, ObligationDto, ObligationPageDto } from './obligation.dto';
import { ObligationsService } from './obligations.service';

@ApiTags('contracts')
@Controller('contracts')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get('obligations')
  @Endpoint({ summary: 'List obligations and milestones of all contracts', description: '`overdue=true`: open ones due before today.', scopes: [CONTRACTS_READ], type: ObligationPageDto, errors: [422] })
  listAll(@Query() query: ListObligationsQuery) {
    return this.obligations.list(query);
  }

  @Post('obligations/:obligationId/complete')
  @Endpoint({ summary: 'Mark an obligation done', description: 'open → done; a recurring one stays open with its next due date.', scopes: [CONTRACTS_WRITE], type: ObligationDto, ifMatch: true, etag: true, errors: [404, 409] })
  complete(@Param('obligationId', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.obligations.settle(id, 'complete', version);
  }

  @Post('obligations/:obligationId/miss')
  @Endpoint({ summary: 'Mark an obligation missed', description: 'open → missed; a recurring one stays open with its next due date.', scopes: [CONTRACTS_WRITE], type: ObligationDto, ifMatch: true, etag: true, errors: [404, 409] })
  miss(@Param('obligationId', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.obligations.settle(id, 'miss', version);
  }

  @Post(':id/obligations')
  @Endpoint({ summary: 'Add an obligation or milestone to a contract', scopes: [CONTRACTS_WRITE], status: 201, type: ObligationDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  create(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateObligationDto) {
    return this.obligations.create(id, body);
  }

  @Get(':id/obligations')
  @Endpoint({ summary: 'List the obligations of a contract', scopes: [CONTRACTS_READ], type: ObligationPageDto, errors: [404, 422] })
  list(@Param('id', ParseUuidPipe) id: string, @Query() query: ListObligationsQuery) {
    return this.obligations.list(query, id);
  }
}

import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import { CountsService } from './counts.service';
import { CountDto, CountPageDto, ListCountsQuery, OpenCountDto, RecordCountLinesDto } from './dto/count.dto';

@ApiTags('inventory')
@Controller('inventory/counts')
export class CountsController {
  constructor(private readonly counts: CountsService) {}

  @Post()
  @Endpoint({ summary: 'Open a stock count for a location', description: 'One open count per location (409 `unique_violation`).', scopes: [INVENTORY_WRITE], status: 201, type: CountDto, idempotent: true, body: true, etag: true, errors: [409] })
  open(@Body() body: OpenCountDto) {
    return this.counts.open(body);
  }

  @Get()
  @Endpoint({ summary: 'List stock counts', scopes: [INVENTORY_READ], type: CountPageDto, errors: [422] })
  list(@Query() query: ListCountsQuery) {
    return this.counts.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a stock count with its lines', scopes: [INVENTORY_READ], type: CountDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.counts.get(id);
  }

  @Post(':id/lines')
  @Endpoint({ summary: 'Record counted quantities', description: 'Only while the count is open. Lot-tracked items are counted per lot; serial-tracked items are not counted (use adjustments).', scopes: [INVENTORY_WRITE], type: CountDto, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  record(@Param('id', ParseUuidPipe) id: string, @Body() body: RecordCountLinesDto, @IfMatch() version?: number) {
    return this.counts.record(id, body, version);
  }

  @Post(':id/post')
  @Endpoint({ summary: 'Post a stock count', description: 'For each counted line, the difference with what is on hand now becomes a count correction move (reservations do not block a decrease: the count is the physical truth). Items not counted are unchanged. Emits `inventory.count.posted`.', scopes: [INVENTORY_WRITE], type: CountDto, ifMatch: true, etag: true, errors: [404, 409] })
  post(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.counts.post(id, version);
  }

  @Post(':id/cancel')
  @Endpoint({ summary: 'Cancel an open stock count', scopes: [INVENTORY_WRITE], type: CountDto, ifMatch: true, etag: true, errors: [404, 409] })
  cancel(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.counts.cancel(id, version);
  }
}

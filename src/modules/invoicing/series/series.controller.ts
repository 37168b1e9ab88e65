import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreateSeriesDto, ListSeriesQuery, SeriesDto, SeriesPageDto } from './dto/series.dto';
import { SeriesService } from './series.service';

@ApiTags('invoicing')
@Controller('invoicing/series')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Post()
  @Endpoint({ summary: 'Create an invoice number series', description: 'Numbers are given out without gaps when invoices are issued.', scopes: [INVOICING_WRITE], status: 201, type: SeriesDto, idempotent: true, body: true, errors: [409] })
  create(@Body() body: CreateSeriesDto) {
    return this.series.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List invoice number series', scopes: [INVOICING_READ], type: SeriesPageDto, errors: [422] })
  list(@Query() query: ListSeriesQuery) {
    return this.series.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an invoice number series', scopes: [INVOICING_READ], type: SeriesDto, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.series.get(id);
  }
}

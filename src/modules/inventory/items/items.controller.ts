import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import { CreateItemDto, ItemDto, ItemPageDto, ListItemsQuery, UpdateItemDto } from './dto/item.dto';
import { ItemsService } from './items.service';

@ApiTags('inventory')
@Controller('inventory/items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Post()
  @Endpoint({ summary: 'Create an item', scopes: [INVENTORY_WRITE], status: 201, type: ItemDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateItemDto) {
    return this.items.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List items', scopes: [INVENTORY_READ], type: ItemPageDto, errors: [422] })
  list(@Query() query: ListItemsQuery) {
    return this.items.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an item', scopes: [INVENTORY_READ], type: ItemDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.items.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update an item', description: 'Tracking and valuation method cannot change.', scopes: [INVENTORY_WRITE], type: ItemDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateItemDto, @IfMatch() version?: number) {
    return this.items.update(id, body, version);
  }
}

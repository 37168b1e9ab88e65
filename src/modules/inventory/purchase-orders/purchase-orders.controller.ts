import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import { StockMoveDto } from '../stock/dto/stock.dto';
import { CreatePurchaseOrderDto, ListPurchaseOrdersQuery, PurchaseOrderDto, PurchaseOrderPageDto, ReceivePurchaseOrderDto, UpdatePurchaseOrderDto } from './dto/purchase-order.dto';
import { PurchaseOrdersService } from './purchase-orders.service';

class ReceiptDto {
  @ApiProperty({ type: PurchaseOrderDto }) purchaseOrder: PurchaseOrderDto;
  @ApiProperty({ type: [StockMoveDto], maxItems: 500 * 1000, description: 'The receipt moves: one per line, or one per serial (500 lines × 1000 serials at most) (referenceType `purchase_order`), at the lines\' unit costs.' }) moves: StockMoveDto[];
}

@ApiTags('inventory')
@Controller('inventory/purchase-orders')
export class PurchaseOrdersController {
  constructor(private readonly orders: PurchaseOrdersService) {}

  @Post()
  @Endpoint({ summary: 'Create a draft purchase order', description: 'Gets a number PO-<year>-000001 (gaps possible) and the supplier\'s currency.', scopes: [INVENTORY_WRITE], status: 201, type: PurchaseOrderDto, idempotent: true, body: true, etag: true })
  create(@Body() body: CreatePurchaseOrderDto) {
    return this.orders.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List purchase orders', scopes: [INVENTORY_READ], type: PurchaseOrderPageDto, errors: [422] })
  list(@Query() query: ListPurchaseOrdersQuery) {
    return this.orders.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a purchase order with its lines', scopes: [INVENTORY_READ], type: PurchaseOrderDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.orders.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update a draft purchase order', description: 'Lines, when sent, replace all lines. Only drafts (409 `invalid_state_transition`).', scopes: [INVENTORY_WRITE], type: PurchaseOrderDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePurchaseOrderDto, @IfMatch() version?: number) {
    return this.orders.update(id, body, version);
  }

  @Post(':id/order')
  @Endpoint({ summary: 'Place a purchase order', description: 'draft → ordered; its open quantities now count as on order in reorder suggestions.', scopes: [INVENTORY_WRITE], type: PurchaseOrderDto, ifMatch: true, etag: true, errors: [404, 409] })
  order(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.orders.order(id, version);
  }

  @Post(':id/receive')
  @Endpoint({
    summary: 'Receive goods on a purchase order',
    description: 'Fully or partly, with lots or serials: receipt moves at the lines\' unit costs; ordered → partially_received → received. Receiving more than ordered plus the order\'s over-receipt tolerance is 409 `over_receipt`.',
    scopes: [INVENTORY_WRITE],
    type: ReceiptDto,
    ifMatch: true,
    body: true,
    errors: [404, 409],
  })
  receive(@Param('id', ParseUuidPipe) id: string, @Body() body: ReceivePurchaseOrderDto, @IfMatch() version?: number) {
    return this.orders.receive(id, body, version);
  }

  @Post(':id/cancel')
  @Endpoint({ summary: 'Cancel a purchase order', description: 'From draft, ordered or partially received (what was received stays; the rest is no longer on order).', scopes: [INVENTORY_WRITE], type: PurchaseOrderDto, ifMatch: true, etag: true, errors: [404, 409] })
  cancel(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.orders.cancel(id, version);
  }
}

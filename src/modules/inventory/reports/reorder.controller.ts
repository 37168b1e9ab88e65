import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { INVENTORY_READ } from '../inventory.scopes';
import { ReorderSuggestionPageDto, ReorderSuggestionsQuery } from './reorder.dto';
import { ReorderService } from './reorder.service';

@ApiTags('inventory')
@Controller('inventory/reorder-suggestions')
export class ReorderController {
  constructor(private readonly reorder: ReorderService) {}

  @Get()
  @Endpoint({
    summary: 'Items to order',
    description:
      'Active items with a reorder point whose projected quantity (available across locations + open purchase-order quantity not yet received) is at or below the point, with max(reorder quantity, reorder point − projected) to order from the preferred supplier and its lead time.',
    scopes: [INVENTORY_READ],
    type: ReorderSuggestionPageDto,
    errors: [422],
  })
  list(@Query() query: ReorderSuggestionsQuery) {
    return this.reorder.suggestions(query);
  }
}

import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import { CreateStockMoveDto, ListStockMovesQuery, StockMoveListDto, StockMovePageDto, StockQuery, StockReportDto, ValuationQuery, ValuationReportDto } from './dto/stock.dto';
import { StockLedgerService } from './stock-ledger.service';
import { StockService } from './stock.service';

@ApiTags('inventory')
@Controller('inventory')
export class StockController {
  constructor(
    private readonly ledger: StockLedgerService,
    private readonly stock: StockService,
  ) {}

  @Post('stock-moves')
  @Endpoint({
    summary: 'Record a stock move',
    description:
      'Appends to the stock ledger and updates the balances in one transaction. An issue, transfer or decrease beyond the available quantity (on hand − reserved) is refused with 409 `insufficient_stock` (item, location, requested, available). Lot-tracked items: stock coming in names its lot; stock going out takes the named lot or the earliest expiry first (FEFO), possibly split over several lots. Serial-tracked items: one serial per unit; issuing a serial not in stock at the location is 409 `serial_not_in_stock`. Issues and decreases carry the cost taken out at the item\'s valuation method (moving average or FIFO).',
    scopes: [INVENTORY_WRITE],
    status: 201,
    type: StockMoveListDto,
    idempotent: true,
    body: true,
    errors: [409],
  })
  async record(@Body() body: CreateStockMoveDto) {
    const data = await this.ledger.post({ ...body, referenceType: body.referenceType ?? 'manual' });
    return { data };
  }

  @Get('stock-moves')
  @Endpoint({ summary: 'List the stock ledger', description: 'Newest first by default; filter by item or source document.', scopes: [INVENTORY_READ], type: StockMovePageDto, errors: [422] })
  moves(@Query() query: ListStockMovesQuery) {
    return this.stock.moves(query);
  }

  @Get('stock')
  @Endpoint({
    summary: 'Stock per item and location, now or at a past instant',
    description:
      'Without `asOf`: on hand, reserved and available from the balance tables, with the per-lot breakdown (the 100 earliest-expiring lots; `GET /inventory/lots` lists all). With `asOf`: on hand at that instant, summed from the ledger (reserved and available are null: reservations are not ledger entries). `itemId` or `locationId` is required (422 `as_of_needs_filter`). Keyset-paginated by SKU, then location.',
    scopes: [INVENTORY_READ],
    type: StockReportDto,
    errors: [422],
  })
  levels(@Query() query: StockQuery) {
    return this.stock.stock(query);
  }

  @Get('reports/valuation')
  @Endpoint({
    summary: 'Stock valuation per item and warehouse',
    description:
      'Computed in SQL from the ledger as of `asOf` (default now). Quantity per item × warehouse is the sum of the moves in and out of its locations. It is valued at the item\'s unit cost at that instant: the cumulative cost of everything that came in (receipts, returns and increases at their total cost) minus the cost taken out (issues and decreases, at what the item\'s moving-average or FIFO method took), divided by the cumulative quantity. Transfers move quantity between warehouses without changing the cost. Unit cost is rounded to 4 decimals, value to 2 (half away from zero). Pages of up to 10,000 rows (`limit`, default 10,000) by SKU then warehouse id; `nextCursor` continues with the same filters and `asOf`, and `totalValue` and `rowCount` cover the whole report on every page. `Accept: text/csv` streams every page as one CSV.',
    scopes: [INVENTORY_READ],
    type: ValuationReportDto,
    errors: [422],
  })
  valuation(@Query() query: ValuationQuery) {
    return this.stock.valuation(query);
  }
}

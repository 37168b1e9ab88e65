import { Inject, Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';
import { ReservationDto } from './reservations/dto/reservation.dto';
import { ReservationsService } from './reservations/reservations.service';
import { StockLevelDto } from './stock/dto/stock.dto';
import { StockLedgerService, StockMoveView } from './stock/stock-ledger.service';
import { StockService } from './stock/stock.service';
import { CreateItemDto, ItemDto } from './items/dto/item.dto';
import { ItemsService } from './items/items.service';
import { CreateSupplierDto, SupplierDto } from './suppliers/dto/supplier.dto';
import { SuppliersService } from './suppliers/suppliers.service';

export interface IssueStockRequest {
  itemId: string;
  locationId: string;
  /** Decimal string, up to 3 decimals. */
  quantity: string;
  /** Lot-tracked items: the lot to take; earliest expiry first (FEFO) when omitted. */
  lotNumber?: string;
  /** Serial-tracked items: the serials issued, one per unit. */
  serialNumbers?: string[];
  /** The invoice (id or number) the stock leaves for. */
  referenceId: string;
}

export interface ReturnStockRequest {
  itemId: string;
  locationId: string;
  quantity: string;
  lotNumber?: string;
  expiryDate?: string;
  serialNumbers?: string[];
  /** Cost per unit of the returned goods; the item's current average cost when omitted. */
  unitCost?: string;
  /** The credit note (id or number). */
  referenceId: string;
}

export interface ReserveStockRequest {
  itemId: string;
  locationId: string;
  quantity: string;
  /** The (draft) invoice holding the stock. */
  referenceId: string;
  expiresAt: Date;
}

export type StockMoveSummary = StockMoveView;
export type ReservationSummary = ReservationDto;
export type StockLevelSummary = StockLevelDto;

/**
 * The inventory module's front door for invoicing. Every call joins the caller's transaction
 * (repositories come from the request context), so an invoice and its stock commit together.
 * Refusals are the module's problems (409 `insufficient_stock`, `serial_not_in_stock`, ...).
 */
@Injectable()
export class InventoryFacade {
  constructor(
    private readonly ledger: StockLedgerService,
    private readonly reservations: ReservationsService,
    private readonly stock: StockService,
  ) {}

  /** On hand, reserved and available of an item per location (at most 200 locations), e.g. before drafting an invoice. */
  async availability(itemId: string): Promise<StockLevelSummary[]> {
    return (await this.stock.stock({ itemId, limit: 200 })).data;
  }

  reserveStock(req: ReserveStockRequest): Promise<ReservationSummary> {
    return this.reservations.create({ itemId: req.itemId, locationId: req.locationId, quantity: req.quantity, referenceType: 'invoice', referenceId: req.referenceId, expiresAt: req.expiresAt.toISOString() });
  }

  releaseReservation(reservationId: string): Promise<ReservationSummary> {
    return this.reservations.release(reservationId, undefined);
  }

  /** Issues the reserved stock (lot or serials as for an issue) and closes the reservation. */
  async consumeReservation(reservationId: string, pick: { lotNumber?: string; serialNumbers?: string[] } = {}): Promise<StockMoveSummary[]> {
    return (await this.reservations.consume(reservationId, pick, undefined)).moves;
  }

  issueStock(req: IssueStockRequest): Promise<StockMoveSummary[]> {
    return this.ledger.post({
      kind: 'issue',
      itemId: req.itemId,
      quantity: req.quantity,
      fromLocationId: req.locationId,
      lotNumber: req.lotNumber,
      serialNumbers: req.serialNumbers,
      referenceType: 'invoice',
      referenceId: req.referenceId,
    });
  }

  returnStock(req: ReturnStockRequest): Promise<StockMoveSummary[]> {
    return this.ledger.post({
      kind: 'return',
      itemId: req.itemId,
      quantity: req.quantity,
      toLocationId: req.locationId,
      lotNumber: req.lotNumber,
      expiryDate: req.expiryDate,
      serialNumbers: req.serialNumbers,
      unitCost: req.unitCost,
      referenceType: 'credit_note',
      referenceId: req.referenceId,
    });
  }

  // For CSV imports (integrations). Injected as properties so the constructor above stays as it is.
  @Inject(ItemsService) private readonly itemsForImport!: ItemsService;
  @Inject(SuppliersService) private readonly suppliersForImport!: SuppliersService;
  @Inject(TransactionalConnection) private readonly dbForImport!: TransactionalConnection;

  /** Creates an item exactly as `POST /inventory/items` does (audit event), joining the caller's transaction. */
  createItem(input: CreateItemDto): Promise<ItemDto> {
    return this.itemsForImport.create(input);
  }

  /** Creates a supplier exactly as `POST /inventory/suppliers` does (audit event), joining the caller's transaction. */
  createSupplier(input: CreateSupplierDto): Promise<SupplierDto> {
    return this.suppliersForImport.create(input);
  }

  /** Item ids by SKU, for the SKUs that exist (one query; sees the caller's uncommitted rows). */
  async itemIdsBySku(skus: string[]): Promise<Map<string, string>> {
    if (!skus.length) return new Map();
    const rows: Array<{ id: string; sku: string }> = await this.dbForImport.manager.query('SELECT id, sku FROM inv_items WHERE sku = ANY($1::text[])', [skus]);
    return new Map(rows.map((r) => [r.sku, r.id]));
  }

  /** Location ids keyed `<warehouse code>/<location code>`, for the pairs that exist (one query). */
  async locationIdsByCode(pairs: Array<{ warehouseCode: string; locationCode: string }>): Promise<Map<string, string>> {
    if (!pairs.length) return new Map();
    const rows: Array<{ id: string; key: string }> = await this.dbForImport.manager.query(
      `SELECT l.id, w.code || '/' || l.code AS key
         FROM unnest($1::text[], $2::text[]) AS p (warehouse_code, location_code)
         JOIN inv_warehouses w ON w.code = p.warehouse_code
         JOIN inv_locations l ON l.warehouse_id = w.id AND l.code = p.location_code`,
      [pairs.map((p) => p.warehouseCode), pairs.map((p) => p.locationCode)],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** Receives opening stock (a `receipt` move, reference `manual`) as `POST /inventory/stock-moves` would, joining the caller's transaction. */
  receiveOpeningStock(req: { itemId: string; locationId: string; quantity: string; unitCost: string; lotNumber?: string; expiryDate?: string; serialNumbers?: string[]; referenceId: string }): Promise<StockMoveSummary[]> {
    return this.ledger.post({
      kind: 'receipt',
      itemId: req.itemId,
      quantity: req.quantity,
      toLocationId: req.locationId,
      lotNumber: req.lotNumber,
      expiryDate: req.expiryDate,
      serialNumbers: req.serialNumbers,
      unitCost: req.unitCost,
      reason: 'opening stock',
      referenceType: 'manual',
      referenceId: req.referenceId,
    });
  }

  // ---- Reports (read by integrations/reports; every figure aggregated in SQL) ----

  @Inject(TransactionalConnection) private readonly reportsDb: TransactionalConnection;

  /**
   * Inventory value per warehouse at the end of `asOf` (a date in `timeZone`): the quantity of each
   * item in the warehouse from the ledger, valued at the item's unit cost at that instant (the
   * same rule as `GET /inventory/valuation`), summed per warehouse and rounded to 2 places
   * half-up per item and warehouse. Warehouses without stock are listed with zero.
   */
  async valueByWarehouse(asOf: string, timeZone: string): Promise<WarehouseValueRow[]> {
    const rows: Array<Record<string, string>> = await this.reportsDb.manager.query(
      `WITH until AS (SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS at),
       moves AS (
         SELECT item_id, to_location_id AS location_id, quantity AS q FROM inv_stock_moves, until WHERE to_location_id IS NOT NULL AND occurred_at < until.at
         UNION ALL
         SELECT item_id, from_location_id, -quantity FROM inv_stock_moves, until WHERE from_location_id IS NOT NULL AND occurred_at < until.at
       ), qty AS (
         SELECT m.item_id, l.warehouse_id, sum(m.q) AS quantity
           FROM moves m JOIN inv_locations l ON l.id = m.location_id
          GROUP BY m.item_id, l.warehouse_id HAVING sum(m.q) <> 0
       ), cost AS (
         SELECT item_id,
                sum(CASE WHEN to_location_id IS NOT NULL THEN quantity ELSE -quantity END) AS quantity,
                sum(CASE WHEN to_location_id IS NOT NULL THEN total_cost ELSE -total_cost END) AS value
           FROM inv_stock_moves, until
          WHERE kind <> 'transfer' AND occurred_at < until.at
          GROUP BY item_id
       ), valued AS (
         SELECT q.warehouse_id, q.item_id, q.quantity,
                CASE WHEN c.quantity > 0 THEN round(q.quantity * c.value / c.quantity, 2) ELSE 0 END AS value
           FROM qty q JOIN cost c ON c.item_id = q.item_id
       )
       SELECT w.id, w.code, w.name, count(v.item_id) AS items, coalesce(sum(v.value), 0) AS value
         FROM inv_warehouses w LEFT JOIN valued v ON v.warehouse_id = w.id
        GROUP BY w.id, w.code, w.name
        ORDER BY w.code`,
      [asOf, timeZone],
    );
    return rows.map((r) => ({ warehouseId: r.id, warehouseCode: r.code, warehouseName: r.name, items: Number(r.items), value: r.value }));
  }

  /** Current inventory value (from the running valuation per item) and active items below their reorder point (one query). */
  async stockToday(): Promise<{ value: string; itemsBelowReorderPoint: number }> {
    const [r]: Array<Record<string, string>> = await this.reportsDb.manager.query(
      `SELECT (SELECT coalesce(sum(value), 0) FROM inv_item_valuations) AS value,
              (SELECT count(*) FROM inv_items WHERE active AND below_reorder_point AND reorder_point IS NOT NULL) AS below`,
    );
    return { value: r.value, itemsBelowReorderPoint: Number(r.below) };
  }
}

/** Inventory value of one warehouse; `value` a numeric string, rounded to 2 places per item. */
export interface WarehouseValueRow {
  warehouseId: string;
  warehouseCode: string;
  warehouseName: string;
  /** Items with a non-zero quantity in the warehouse. */
  items: number;
  value: string;
}

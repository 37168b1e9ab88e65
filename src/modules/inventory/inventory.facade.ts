import { Injectable } from '@nestjs/common';
import { ReservationDto } from './reservations/dto/reservation.dto';
import { ReservationsService } from './reservations/reservations.service';
import { StockLevelDto } from './stock/dto/stock.dto';
import { StockLedgerService, StockMoveView } from './stock/stock-ledger.service';
import { StockService } from './stock/stock.service';
import { Inject } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';
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
}

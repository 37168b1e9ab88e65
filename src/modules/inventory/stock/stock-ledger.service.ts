import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../../platform/audit/audit.service';
import { RequestContext } from '../../../platform/context/request-context';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { QueryFailedError } from 'typeorm';
import { pgErrorCode } from '../../../platform/database/transactional-connection';
import { FieldError, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { InventoryErrorCode, InventoryException } from '../inventory.errors';
import type { StockMovedPayload } from '../inventory.events';
import { Item } from '../items/item.entity';
import { Location } from '../warehouses/location.entity';
import { averageUnitCost, CostLayer, fifoCost, movingAverageCost, Pool, Qty, roundCost } from './costing';
import { MAX_MOVES_PER_REQUEST } from './dto/stock.dto';
import { MoveKind, ReferenceType, StockMove } from './stock-move.entity';

export interface MoveRequest {
  kind: MoveKind;
  itemId: string;
  quantity: string;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  /** Lot-tracked items: the lot received (created if new), or the lot taken (FEFO when omitted). */
  lotNumber?: string;
  expiryDate?: string;
  /** Serial-tracked items: one serial per unit. */
  serialNumbers?: string[];
  /** Receipts need it; other increases default to the item's current average cost. */
  unitCost?: string;
  reason?: string;
  referenceType: ReferenceType;
  referenceId?: string | null;
  /** Part of the quantity taken out of `reserved` at the source (consuming a reservation). */
  consumesReserved?: string;
  /** Count corrections: the count is the physical truth, so reservations do not block the decrease. */
  ignoreReserved?: boolean;
}

export interface StockMoveView {
  id: string;
  kind: MoveKind;
  itemId: string;
  quantity: string;
  fromLocationId: string | null;
  toLocationId: string | null;
  lotId: string | null;
  lotNumber: string | null;
  serialNumber: string | null;
  unitCost: string | null;
  totalCost: string | null;
  reason: string | null;
  referenceType: ReferenceType;
  referenceId: string | null;
  actor: { keyId: string | null; keyName: string; actingUser: string | null };
  occurredAt: string;
}

interface Piece {
  quantity: Decimal;
  lotId: string | null;
  lotNumber: string | null;
  serialId: string | null;
  serialNumber: string | null;
}

const EVENT_BY_KIND = {
  receipt: 'inventory.stock.received',
  issue: 'inventory.stock.issued',
  transfer: 'inventory.stock.transferred',
  adjustment: 'inventory.stock.adjusted',
  count_correction: 'inventory.stock.adjusted',
  return: 'inventory.stock.returned',
} as const;

const LEVEL_CHECKS = new Set(['ck_inv_stock_levels_on_hand', 'ck_inv_stock_levels_reserved', 'ck_inv_lot_levels_on_hand', 'ck_inv_item_valuations_quantity']);
const q3 = (d: Decimal) => d.toFixed(3);
const c4 = (d: Decimal) => d.toFixed(4);

function invalid(errors: FieldError[]): never {
  throw new PlatformException(PlatformErrorCode.ValidationFailed, `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation: ${errors.map((e) => e.field).join(', ')}.`, {}, errors);
}

/**
 * Posts stock moves: the only writer of the ledger, the stock and lot levels, serial locations
 * and the valuation pool, all in the caller's transaction. The item's valuation row is locked
 * first, so every stock change of one item is serialised; level rows are locked after it.
 */
@Injectable()
export class StockLedgerService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  async post(req: MoveRequest): Promise<StockMoveView[]> {
    return this.db.withTransaction(async (m) => {
      const quantity = new Qty(req.quantity);
      const from = req.fromLocationId ?? null;
      const to = req.toLocationId ?? null;
      this.checkSides(req.kind, from, to, req);
      const item = await m.getRepository(Item).findOneBy({ id: req.itemId });
      if (!item) throw new PlatformException(PlatformErrorCode.InvalidReference, `Item ${req.itemId} does not exist.`, { field: 'itemId' }, [{ field: 'itemId', message: 'The item does not exist.' }]);
      if (!item.active && to && !from) throw new InventoryException(InventoryErrorCode.ItemInactive, `Item ${item.sku} is inactive; it cannot be received.`, { itemId: item.id }, 'itemId');
      if (from) await this.usableLocation(from, 'fromLocationId', req.kind === 'issue' ? 'pickable' : null);
      if (to) await this.usableLocation(to, 'toLocationId', req.kind === 'receipt' || req.kind === 'return' ? 'receivable' : null);
      this.checkTracking(item, req, quantity);

      // The per-item lock: every change to this item's stock waits here.
      const [poolRow] = await m.query(`SELECT quantity, value FROM inv_item_valuations WHERE item_id = $1 FOR UPDATE`, [item.id]);
      const pool: Pool = { quantity: new Qty(poolRow.quantity), value: new Qty(poolRow.value) };

      // Serials and lots first: their refusals are more precise than the level's.
      const pieces = await this.pieces(item, req, quantity, from, to);
      if (from) await this.takeFromLevel(item.id, from, quantity, new Qty(req.consumesReserved ?? 0), req.ignoreReserved ?? false);

      const increases = to !== null && from === null;
      const decreases = from !== null && to === null;
      const actor = RequestContext.actor();
      const occurredAt = new Date();
      const views: StockMoveView[] = [];
      for (const piece of pieces) {
        let unitCost: Decimal | null = null;
        let totalCost: Decimal | null = null;
        const moveId = newId();
        if (increases) {
          unitCost = req.unitCost !== undefined ? new Qty(req.unitCost) : averageUnitCost(pool);
          totalCost = roundCost(unitCost.times(piece.quantity));
          pool.quantity = pool.quantity.plus(piece.quantity);
          pool.value = pool.value.plus(totalCost);
        } else if (decreases) {
          totalCost = await this.costOut(item, pool, piece.quantity);
          unitCost = roundCost(totalCost.div(piece.quantity));
          pool.quantity = pool.quantity.minus(piece.quantity);
          pool.value = pool.quantity.isZero() ? new Qty(0) : pool.value.minus(totalCost);
        }
        const move: StockMove = {
          id: moveId,
          kind: req.kind,
          itemId: item.id,
          quantity: q3(piece.quantity),
          fromLocationId: from,
          toLocationId: to,
          lotId: piece.lotId,
          serialId: piece.serialId,
          unitCost: unitCost ? c4(unitCost) : null,
          totalCost: totalCost ? c4(totalCost) : null,
          reason: req.reason ?? null,
          referenceType: req.referenceType,
          referenceId: req.referenceId ?? null,
          actorKeyId: actor.keyId,
          actorKeyName: actor.keyName,
          actingUser: actor.actingUser ?? null,
          occurredAt,
        };
        await m.getRepository(StockMove).insert(move);
        if (increases && item.valuationMethod === 'fifo') {
          await m.query(`INSERT INTO inv_cost_layers (move_id, item_id, received_at, unit_cost, remaining) VALUES ($1, $2, $3, $4, $5)`, [moveId, item.id, occurredAt, move.unitCost, move.quantity]);
        }
        if (piece.lotId) {
          if (from) await m.query(`UPDATE inv_lot_levels SET on_hand = on_hand - $4 WHERE item_id = $1 AND location_id = $2 AND lot_id = $3`, [item.id, from, piece.lotId, move.quantity]);
          if (to) {
            await m.query(
              `INSERT INTO inv_lot_levels (item_id, location_id, lot_id, on_hand) VALUES ($1, $2, $3, $4)
               ON CONFLICT (item_id, location_id, lot_id) DO UPDATE SET on_hand = inv_lot_levels.on_hand + EXCLUDED.on_hand`,
              [item.id, to, piece.lotId, move.quantity],
            );
          }
        }
        if (piece.serialId) {
          await m.query(`UPDATE inv_serials SET status = $2, location_id = $3, updated_at = now() WHERE id = $1`, [piece.serialId, to ? 'in_stock' : 'issued', to]);
        }
        const view = this.view(move, piece.lotNumber, piece.serialNumber);
        views.push(view);
        await this.audit.record({ action: `inventory.stock_move.${req.kind}`, entityType: 'stock_move', entityId: moveId, before: null, after: { ...view, actor: undefined } });
        await this.events.publish(EVENT_BY_KIND[req.kind], { type: 'item', id: item.id }, this.payload(view, item.sku));
      }
      if (to) {
        await m.query(
          `INSERT INTO inv_stock_levels (item_id, location_id, sku, on_hand, updated_at) SELECT $1, $2, i.sku, $3, now() FROM inv_items i WHERE i.id = $1
           ON CONFLICT (item_id, location_id) DO UPDATE SET on_hand = inv_stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now()`,
          [item.id, to, q3(quantity)],
        );
      }
      if (increases || decreases) {
        await m.query(`UPDATE inv_item_valuations SET quantity = $2, value = $3 WHERE item_id = $1`, [item.id, q3(pool.quantity), c4(pool.value)]);
      }
      await this.checkReorderPoint(item.id);
      return views;
    });
  }

  /** Locks the item's stock (its valuation row); callers that change `reserved` use it too. */
  async lockItem(itemId: string): Promise<void> {
    const rows = await this.db.manager.query(`SELECT item_id FROM inv_item_valuations WHERE item_id = $1 FOR UPDATE`, [itemId]);
    if (!rows.length) throw new PlatformException(PlatformErrorCode.InvalidReference, `Item ${itemId} does not exist.`, { field: 'itemId' }, [{ field: 'itemId', message: 'The item does not exist.' }]);
  }

  /** Locks the level row (creating it when absent) and returns on hand and reserved. */
  async lockLevel(itemId: string, locationId: string): Promise<{ onHand: Decimal; reserved: Decimal }> {
    const m = this.db.manager;
    await m.query(`INSERT INTO inv_stock_levels (item_id, location_id, sku) SELECT $1, $2, sku FROM inv_items WHERE id = $1 ON CONFLICT DO NOTHING`, [itemId, locationId]);
    const [row] = await m.query(`SELECT on_hand, reserved FROM inv_stock_levels WHERE item_id = $1 AND location_id = $2 FOR UPDATE`, [itemId, locationId]);
    if (!row) throw new PlatformException(PlatformErrorCode.InvalidReference, `Item ${itemId} does not exist.`, { field: 'itemId' }, [{ field: 'itemId', message: 'The item does not exist.' }]);
    return { onHand: new Qty(row.on_hand), reserved: new Qty(row.reserved) };
  }

  insufficient(itemId: string, locationId: string, requested: Decimal, available: Decimal, lotId?: string): never {
    throw new InventoryException(
      InventoryErrorCode.InsufficientStock,
      `Only ${q3(Decimal.max(available, 0))} available${lotId ? ' in the lot' : ''} at the location; ${q3(requested)} requested.`,
      { itemId, locationId, ...(lotId ? { lotId } : {}), requested: q3(requested), available: q3(Decimal.max(available, 0)) },
    );
  }

  private async takeFromLevel(itemId: string, locationId: string, quantity: Decimal, consumesReserved: Decimal, ignoreReserved: boolean): Promise<void> {
    const level = await this.lockLevel(itemId, locationId);
    const available = ignoreReserved ? level.onHand : level.onHand.minus(level.reserved).plus(consumesReserved);
    if (available.lt(quantity)) this.insufficient(itemId, locationId, quantity, available);
    await this.guardLevel(itemId, locationId, quantity, available, () =>
      this.db.manager.query(
        `UPDATE inv_stock_levels SET on_hand = on_hand - $3, reserved = reserved - $4, updated_at = now() WHERE item_id = $1 AND location_id = $2`,
        [itemId, locationId, q3(quantity), q3(consumesReserved)],
      ),
    );
  }

  /** The CHECK constraints on the levels are the last line of defence; they answer like the code does. */
  async guardLevel<T>(itemId: string, locationId: string, requested: Decimal, available: Decimal, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const constraint = err instanceof QueryFailedError ? (err.driverError as { constraint?: string }).constraint : undefined;
      if (pgErrorCode(err) === '23514' && constraint && LEVEL_CHECKS.has(constraint)) this.insufficient(itemId, locationId, requested, available);
      throw err;
    }
  }

  /** Cost of a quantity leaving the company, at the item's valuation method. */
  private async costOut(item: Item, pool: Pool, quantity: Decimal): Promise<Decimal> {
    if (item.valuationMethod === 'moving_average') return movingAverageCost(pool, quantity);
    const rows: Array<{ move_id: string; remaining: string; unit_cost: string }> = await this.db.manager.query(
      `SELECT move_id, remaining, unit_cost FROM inv_cost_layers WHERE item_id = $1 AND remaining > 0 ORDER BY received_at, move_id FOR UPDATE`,
      [item.id],
    );
    const layers: CostLayer[] = rows.map((r) => ({ id: r.move_id, remaining: new Qty(r.remaining), unitCost: new Qty(r.unit_cost) }));
    const used = fifoCost(layers, quantity);
    for (const take of used.takes) {
      await this.db.manager.query(`UPDATE inv_cost_layers SET remaining = remaining - $2 WHERE move_id = $1`, [take.id, q3(take.quantity)]);
    }
    // Taking the last units takes whatever value is left, so the pool never keeps a residue.
    return quantity.eq(pool.quantity) ? pool.value : used.cost;
  }

  /** Splits the move by lot (FEFO when no lot is named) or by serial. */
  private async pieces(item: Item, req: MoveRequest, quantity: Decimal, from: string | null, to: string | null): Promise<Piece[]> {
    const m = this.db.manager;
    if (item.tracking === 'serial') {
      const pieces: Piece[] = [];
      for (const serialNumber of req.serialNumbers!) {
        const [serial] = await m.query(`SELECT id, status, location_id FROM inv_serials WHERE item_id = $1 AND serial_number = $2 FOR UPDATE`, [item.id, serialNumber]);
        if (from) {
          if (!serial || serial.status !== 'in_stock' || serial.location_id !== from) {
            throw new InventoryException(InventoryErrorCode.SerialNotInStock, `Serial ${serialNumber} of ${item.sku} is not in stock at the location.`, { itemId: item.id, locationId: from, serialNumber }, 'serialNumbers');
          }
          pieces.push({ quantity: new Qty(1), lotId: null, lotNumber: null, serialId: serial.id, serialNumber });
        } else {
          if (serial && serial.status === 'in_stock') {
            throw new InventoryException(InventoryErrorCode.SerialNotInStock, `Serial ${serialNumber} of ${item.sku} is already in stock; it cannot come in twice.`, { itemId: item.id, serialNumber }, 'serialNumbers');
          }
          const id = serial?.id ?? newId();
          if (!serial) await m.query(`INSERT INTO inv_serials (id, item_id, serial_number, status, location_id) VALUES ($1, $2, $3, 'in_stock', $4)`, [id, item.id, serialNumber, to]);
          pieces.push({ quantity: new Qty(1), lotId: null, lotNumber: null, serialId: id, serialNumber });
        }
      }
      return pieces;
    }
    if (item.tracking === 'lot') {
      if (!from) {
        const [lot] = await m.query(
          `INSERT INTO inv_lots (id, item_id, lot_number, expiry_date) VALUES ($1, $2, $3, $4)
           ON CONFLICT (item_id, lot_number) DO UPDATE SET expiry_date = COALESCE(inv_lots.expiry_date, EXCLUDED.expiry_date)
           RETURNING id`,
          [newId(), item.id, req.lotNumber, req.expiryDate ?? null],
        );
        return [{ quantity, lotId: lot.id, lotNumber: req.lotNumber!, serialId: null, serialNumber: null }];
      }
      // Earliest expiry first; lots without an expiry last.
      const lots: Array<{ lot_id: string; lot_number: string; on_hand: string }> = await m.query(
        `SELECT ll.lot_id, l.lot_number, ll.on_hand FROM inv_lot_levels ll JOIN inv_lots l ON l.id = ll.lot_id
          WHERE ll.item_id = $1 AND ll.location_id = $2 AND ll.on_hand > 0 AND ($3::text IS NULL OR l.lot_number = $3)
          ORDER BY l.expiry_date NULLS LAST, l.lot_number
          FOR UPDATE OF ll`,
        [item.id, from, req.lotNumber ?? null],
      );
      const pieces: Piece[] = [];
      let left = quantity;
      for (const lot of lots) {
        if (left.isZero()) break;
        const take = Decimal.min(left, new Qty(lot.on_hand));
        pieces.push({ quantity: take, lotId: lot.lot_id, lotNumber: lot.lot_number, serialId: null, serialNumber: null });
        left = left.minus(take);
      }
      if (!left.isZero()) this.insufficient(item.id, from, quantity, quantity.minus(left), req.lotNumber ? lots[0]?.lot_id : undefined);
      if (pieces.length > MAX_MOVES_PER_REQUEST) {
        // Keeps every response listing the moves within its documented bound.
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `The quantity spans ${pieces.length} lots; one request takes from at most ${MAX_MOVES_PER_REQUEST}. Issue it in parts.`, {}, [
          { field: 'quantity', message: `spans more than ${MAX_MOVES_PER_REQUEST} lots` },
        ]);
      }
      return pieces;
    }
    return [{ quantity, lotId: null, lotNumber: null, serialId: null, serialNumber: null }];
  }

  private checkSides(kind: MoveKind, from: string | null, to: string | null, req: MoveRequest): void {
    const errors: FieldError[] = [];
    if ((kind === 'receipt' || kind === 'return') && (!to || from)) errors.push({ field: 'toLocationId', message: `a ${kind} needs toLocationId and no fromLocationId` });
    if (kind === 'issue' && (!from || to)) errors.push({ field: 'fromLocationId', message: 'an issue needs fromLocationId and no toLocationId' });
    if (kind === 'transfer' && (!from || !to || from === to)) errors.push({ field: 'toLocationId', message: 'a transfer needs two different locations' });
    if ((kind === 'adjustment' || kind === 'count_correction') && !from === !to) errors.push({ field: 'fromLocationId', message: `an ${kind.replace('_', ' ')} needs exactly one of fromLocationId (decrease) or toLocationId (increase)` });
    if (kind === 'receipt' && req.unitCost === undefined) errors.push({ field: 'unitCost', message: 'a receipt needs a unit cost' });
    if (kind === 'adjustment' && !req.reason) errors.push({ field: 'reason', message: 'an adjustment needs a reason' });
    if (errors.length) invalid(errors);
  }

  private checkTracking(item: Item, req: MoveRequest, quantity: Decimal): void {
    const hasSerials = req.serialNumbers !== undefined && req.serialNumbers.length > 0;
    const increases = Boolean(req.toLocationId) && !req.fromLocationId;
    const fail = (message: string, field: string): never => {
      throw new InventoryException(InventoryErrorCode.TrackingMismatch, message, { itemId: item.id, tracking: item.tracking }, field);
    };
    if (item.tracking !== 'serial' && hasSerials) fail(`Item ${item.sku} is not serial-tracked; send no serialNumbers.`, 'serialNumbers');
    if (item.tracking !== 'lot' && (req.lotNumber !== undefined || req.expiryDate !== undefined)) fail(`Item ${item.sku} is not lot-tracked; send no lotNumber or expiryDate.`, 'lotNumber');
    if (item.tracking === 'lot' && increases && !req.lotNumber) fail(`Item ${item.sku} is lot-tracked; stock coming in needs a lotNumber.`, 'lotNumber');
    if (item.tracking === 'serial') {
      const serials = req.serialNumbers ?? [];
      if (!quantity.isInteger() || !quantity.eq(serials.length)) fail(`Item ${item.sku} is serial-tracked; send one serial number per unit (${q3(quantity)} units, ${serials.length} serials).`, 'serialNumbers');
      if (new Set(serials).size !== serials.length) fail('Serial numbers repeat.', 'serialNumbers');
    }
  }

  private async usableLocation(id: string, field: string, flag: 'pickable' | 'receivable' | null): Promise<Location> {
    const loc = await this.db.getRepository(Location).findOneBy({ id });
    if (!loc) throw new PlatformException(PlatformErrorCode.InvalidReference, `Location ${id} does not exist.`, { field }, [{ field, message: 'The location does not exist.' }]);
    if (!loc.active) throw new InventoryException(InventoryErrorCode.LocationNotUsable, `Location ${loc.code} is inactive.`, { locationId: id }, field);
    if (flag && !loc[flag]) throw new InventoryException(InventoryErrorCode.LocationNotUsable, `Location ${loc.code} is not ${flag}.`, { locationId: id }, field);
    return loc;
  }

  /**
   * Fires `inventory.item.below_reorder_point` once per crossing: the flag on the item is set
   * by a conditional update, and cleared (re-armed) when availability rises above the point.
   */
  async checkReorderPoint(itemId: string): Promise<void> {
    const m = this.db.manager;
    const [row] = await m.query(
      `SELECT i.sku, i.reorder_point, i.reorder_quantity, i.preferred_supplier_id, i.below_reorder_point,
              COALESCE((SELECT sum(on_hand - reserved) FROM inv_stock_levels WHERE item_id = i.id), 0) AS available
         FROM inv_items i WHERE i.id = $1`,
      [itemId],
    );
    if (!row || row.reorder_point === null) return;
    const below = new Qty(row.available).lte(row.reorder_point);
    if (below === row.below_reorder_point) return;
    await m.query(`UPDATE inv_items SET below_reorder_point = $2 WHERE id = $1`, [itemId, below]);
    if (below) {
      await this.events.publish('inventory.item.below_reorder_point', { type: 'item', id: itemId }, {
        itemId,
        sku: row.sku,
        available: q3(new Qty(row.available)),
        reorderPoint: row.reorder_point,
        reorderQuantity: row.reorder_quantity,
        preferredSupplierId: row.preferred_supplier_id,
      });
    }
  }

  view(m: StockMove, lotNumber: string | null, serialNumber: string | null): StockMoveView {
    return {
      id: m.id,
      kind: m.kind,
      itemId: m.itemId,
      quantity: m.quantity,
      fromLocationId: m.fromLocationId,
      toLocationId: m.toLocationId,
      lotId: m.lotId,
      lotNumber,
      serialNumber,
      unitCost: m.unitCost,
      totalCost: m.totalCost,
      reason: m.reason,
      referenceType: m.referenceType,
      referenceId: m.referenceId,
      actor: { keyId: m.actorKeyId, keyName: m.actorKeyName, actingUser: m.actingUser },
      occurredAt: m.occurredAt.toISOString(),
    };
  }

  private payload(v: StockMoveView, sku: string): StockMovedPayload {
    return {
      moveId: v.id,
      kind: v.kind,
      itemId: v.itemId,
      sku,
      quantity: v.quantity,
      fromLocationId: v.fromLocationId,
      toLocationId: v.toLocationId,
      lotId: v.lotId,
      serialNumber: v.serialNumber,
      unitCost: v.unitCost,
      totalCost: v.totalCost,
      referenceType: v.referenceType,
      referenceId: v.referenceId,
      occurredAt: v.occurredAt,
    };
  }
}

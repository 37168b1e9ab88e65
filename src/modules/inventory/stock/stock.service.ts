import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, Page, paginate, SortField } from '../../../platform/http/pagination';
import { PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { InventoryErrorCode, InventoryException } from '../inventory.errors';
import { ListStockMovesQuery, MAX_LOTS_PER_LEVEL, MAX_VALUATION_ROWS, StockLevelDto, StockMoveDto, StockQuery, StockReportDto, ValuationQuery, ValuationReportDto } from './dto/stock.dto';
import { Qty } from './costing';
import { StockLedgerService } from './stock-ledger.service';
import { StockMove } from './stock-move.entity';

/** Rows the current-stock page fetches: the first size above the page's limit (limit + 1 tells whether a next page exists). */
const PAGE_FETCH_SIZES = [11, 26, 51, 101, 201] as const;

/** Stock rows page by (sku, location id); the cursor carries both. */
const STOCK_ORDER: SortField = { column: 'i.sku', type: 'text', value: (r: StockLevelDto) => r.sku };
const VALUATION_ORDER: SortField = { column: 'sku', type: 'text', value: (r: { sku: string }) => r.sku };

const MOVE_SORTS: Record<string, SortField> = {
  occurredAt: { column: 'm.occurred_at', type: 'timestamp', value: (m: StockMove) => m.occurredAt.toISOString() },
};

/**
 * A stock row as both stock queries select it, one array per row (`rowMode: 'array'`): item id,
 * SKU, location id, location code, warehouse id, on hand, reserved, available, lots.
 */
type LevelRow = [string, string, string, string, string, string, string | null, string | null, StockLevelDto['lots'] | null];

export interface StockFilter {
  itemId?: string;
  locationId?: string;
  /** The cursor's (sku, location id): the page starts after it. */
  after: { v: string | number; id: string } | null;
  limit: number;
}

/**
 * Binds values in order and writes only the predicates in use (no `$n IS NULL OR` branches), so
 * each shape (item, location, both; with or without a cursor) is its own statement, planned on
 * its own index with no dead branches.
 */
function stockPredicates(f: StockFilter) {
  const values: unknown[] = [];
  const bind = (value: unknown): string => `$${values.push(value)}`;
  const filters = (item: string, location: string): string[] => [
    ...(f.itemId ? [`${item} = ${bind(f.itemId)}`] : []),
    ...(f.locationId ? [`${location} = ${bind(f.locationId)}`] : []),
  ];
  // After the cursor's (sku, location id): `sku >= v` is what an index on sku can range over;
  // the row comparison then drops what is not past the cursor.
  const continuation = (sku: string): string => {
    if (!f.after) return '';
    const v = bind(f.after.v);
    return `AND ${sku} >= ${v}::text AND (${sku}, s.location_id) > (${v}::text, ${bind(f.after.id)}::uuid)`;
  };
  return { values, bind, filters, continuation };
}

/**
 * Current stock from the level tables (exported for the bench's bare server, which sends the same
 * statement). The level row carries its item's SKU (kept equal by a cascading foreign key), so a
 * location's page is one range of ix_inv_stock_levels_location_sku, whatever the location holds.
 * The row count is a literal from a few sizes, never a parameter: PostgreSQL then plans the
 * statement once per connection (a generic plan, the same for every location) instead of on every
 * call, as a parameter LIMIT makes every generic plan look costlier than a custom one. Quantities
 * leave PostgreSQL as numeric(16,3) text ("10.000"; a difference keeps the scale).
 */
export function currentStockStatement(f: StockFilter): { text: string; values: unknown[] } {
  const { values, filters, continuation } = stockPredicates(f);
  const where = filters('s.item_id', 's.location_id').join(' AND ');
  const fetch = PAGE_FETCH_SIZES.find((n) => n > f.limit) as number;
  const text = `SELECT s.item_id, s.sku, s.location_id, l.code AS location_code, l.warehouse_id, s.on_hand, s.reserved,
                s.on_hand - s.reserved AS available,
                CASE WHEN i.tracking = 'lot' THEN (
                  SELECT json_agg(json_build_object('lotId', x.lot_id, 'lotNumber', x.lot_number, 'expiryDate', x.expiry_date, 'onHand', x.on_hand::text)
                                  ORDER BY x.expiry_date NULLS LAST, x.lot_number)
                    FROM (SELECT ll.lot_id, lo.lot_number, lo.expiry_date, ll.on_hand
                            FROM inv_lot_levels ll JOIN inv_lots lo ON lo.id = ll.lot_id
                           WHERE ll.item_id = s.item_id AND ll.location_id = s.location_id AND ll.on_hand > 0
                           ORDER BY lo.expiry_date NULLS LAST, lo.lot_number LIMIT ${MAX_LOTS_PER_LEVEL}) x) END AS lots
           FROM inv_stock_levels s JOIN inv_items i ON i.id = s.item_id JOIN inv_locations l ON l.id = s.location_id
          WHERE ${where} AND (s.on_hand <> 0 OR s.reserved <> 0) ${continuation('s.sku')}
          ORDER BY s.sku, s.location_id LIMIT ${fetch}`;
  return { text, values };
}

/** Stock before `until`, summed from the ledger (the filter keeps it from reading the whole ledger). */
function pastStockStatement(f: StockFilter, until: Date): { text: string; values: unknown[] } {
  const { values, bind, filters, continuation } = stockPredicates(f);
  const untilParam = bind(until);
  const into = [`to_location_id IS NOT NULL`, `occurred_at < ${untilParam}`, ...filters('item_id', 'to_location_id')].join(' AND ');
  const outOf = [`from_location_id IS NOT NULL`, `occurred_at < ${untilParam}`, ...filters('item_id', 'from_location_id')].join(' AND ');
  const text = `WITH moves AS (
           SELECT item_id, to_location_id AS location_id, quantity AS q FROM inv_stock_moves WHERE ${into}
           UNION ALL
           SELECT item_id, from_location_id, -quantity FROM inv_stock_moves WHERE ${outOf}
         ), sums AS (SELECT item_id, location_id, sum(q)::numeric(16, 3) AS on_hand FROM moves GROUP BY item_id, location_id HAVING sum(q) <> 0)
         SELECT s.item_id, i.sku, s.location_id, l.code AS location_code, l.warehouse_id, s.on_hand, NULL AS reserved, NULL AS available, NULL AS lots
           FROM sums s JOIN inv_items i ON i.id = s.item_id JOIN inv_locations l ON l.id = s.location_id
          WHERE TRUE ${continuation('i.sku')}
          ORDER BY i.sku, s.location_id LIMIT ${bind(f.limit + 1)}`;
  return { text, values };
}

@Injectable()
export class StockService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly ledger: StockLedgerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The exclusive upper bound of an `asOf`: a date means the end of that day in the company time zone. */
  async until(asOf: string | undefined): Promise<Date> {
    if (!asOf) return new Date(Date.now() + 1);
    if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      const [row] = await this.db.manager.query(`SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS until`, [asOf, this.config.COMPANY_TIME_ZONE]);
      return row.until as Date;
    }
    const instant = Date.parse(asOf);
    if (Number.isNaN(instant)) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, 'asOf is not a valid instant.', {}, [{ field: 'asOf', message: 'must be a valid date or ISO 8601 instant' }]);
    }
    return new Date(instant + 1);
  }

  /**
   * Current stock from the level tables, or stock at a past instant summed from the ledger
   * (item and/or location filter required, so a query never scans the whole ledger).
   */
  async stock(query: StockQuery): Promise<StockReportDto> {
    if (!query.itemId && !query.locationId) {
      throw new InventoryException(InventoryErrorCode.AsOfNeedsFilter, 'Send itemId, locationId or both.', {}, 'itemId');
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filter: StockFilter = { itemId: query.itemId, locationId: query.locationId, after: query.cursor ? decodeCursor(query.cursor, 'stock', STOCK_ORDER) : null, limit };
    let statement: { text: string; values: unknown[] };
    let asOf: string | null = null;
    if (!query.asOf) {
      statement = currentStockStatement(filter);
    } else {
      const until = await this.until(query.asOf);
      asOf = new Date(until.getTime() - 1).toISOString();
      statement = pastStockStatement(filter, until);
    }
    const rows = await this.db.queryPrepared<LevelRow>(statement.text, statement.values, { rowMode: 'array' });
    const more = rows.length > limit;
    const data = (more ? rows.slice(0, limit) : rows).map(stockLevel);
    const last = data[data.length - 1];
    return { asOf, data, nextCursor: more && last ? encodeCursor('stock', last.sku, last.locationId) : null };
  }

  async moves(query: ListStockMovesQuery): Promise<Page<StockMoveDto>> {
    const qb = this.db.getRepository(StockMove).createQueryBuilder('m');
    if (query.itemId) qb.andWhere('m.item_id = :itemId', { itemId: query.itemId });
    if (query.referenceType) qb.andWhere('m.reference_type = :referenceType', { referenceType: query.referenceType });
    if (query.referenceId) qb.andWhere('m.reference_id = :referenceId', { referenceId: query.referenceId });
    const page = await paginate(qb, { sort: query.sort ?? '-occurredAt', fields: MOVE_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'm.id', map: (m) => m });
    const lotIds = page.data.map((m) => m.lotId).filter((x): x is string => x !== null);
    const serialIds = page.data.map((m) => m.serialId).filter((x): x is string => x !== null);
    const lotNumbers = new Map<string, string>();
    const serialNumbers = new Map<string, string>();
    if (lotIds.length) for (const r of await this.db.manager.query(`SELECT id, lot_number FROM inv_lots WHERE id = ANY($1::uuid[])`, [lotIds])) lotNumbers.set(r.id, r.lot_number);
    if (serialIds.length) for (const r of await this.db.manager.query(`SELECT id, serial_number FROM inv_serials WHERE id = ANY($1::uuid[])`, [serialIds])) serialNumbers.set(r.id, r.serial_number);
    return {
      data: page.data.map((m) => this.ledger.view(m, m.lotId ? lotNumbers.get(m.lotId) ?? null : null, m.serialId ? serialNumbers.get(m.serialId) ?? null : null)),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Quantity per item × warehouse at `asOf`, summed from the ledger, valued at the item's unit
   * cost at that instant: cumulative cost in (receipts, returns, increases at their total cost)
   * minus cost out (issues and decreases at the cost their valuation method took) divided by
   * the cumulative quantity, over every move up to `asOf`. Transfers move quantity between
   * warehouses without changing the item's cost.
   */
  async valuation(query: ValuationQuery): Promise<ValuationReportDto> {
    const until = await this.until(query.asOf);
    const limit = query.limit ?? MAX_VALUATION_ROWS;
    const after = query.cursor ? decodeCursor(query.cursor, 'valuation', VALUATION_ORDER) : null;
    // One statement: the whole report is aggregated from the ledger (the total and row count cover
    // every page), then keyset-paged by (SKU, warehouse id).
    const rows: Array<{ item_id: string; sku: string; warehouse_id: string; warehouse_code: string; quantity: string; unit_cost: string; value: string; total: string; row_count: number }> =
      await this.db.manager.query(
        `WITH moves AS (
           SELECT item_id, to_location_id AS location_id, quantity AS q FROM inv_stock_moves
            WHERE to_location_id IS NOT NULL AND occurred_at < $1 AND ($2::uuid IS NULL OR item_id = $2)
           UNION ALL
           SELECT item_id, from_location_id, -quantity FROM inv_stock_moves
            WHERE from_location_id IS NOT NULL AND occurred_at < $1 AND ($2::uuid IS NULL OR item_id = $2)
         ), qty AS (
           SELECT m.item_id, l.warehouse_id, sum(m.q) AS quantity
             FROM moves m JOIN inv_locations l ON l.id = m.location_id
            WHERE $3::uuid IS NULL OR l.warehouse_id = $3
            GROUP BY m.item_id, l.warehouse_id HAVING sum(m.q) <> 0
         ), cost AS (
           SELECT item_id,
                  sum(CASE WHEN to_location_id IS NOT NULL THEN quantity ELSE -quantity END) AS quantity,
                  sum(CASE WHEN to_location_id IS NOT NULL THEN total_cost ELSE -total_cost END) AS value
             FROM inv_stock_moves
            WHERE kind <> 'transfer' AND occurred_at < $1 AND ($2::uuid IS NULL OR item_id = $2)
            GROUP BY item_id
         ), report AS (
           SELECT q.item_id, i.sku, q.warehouse_id, w.code AS warehouse_code, q.quantity,
                  CASE WHEN c.quantity > 0 THEN round(c.value / c.quantity, 4) ELSE 0 END AS unit_cost,
                  CASE WHEN c.quantity > 0 THEN round(q.quantity * c.value / c.quantity, 2) ELSE 0 END AS value
             FROM qty q JOIN cost c ON c.item_id = q.item_id
             JOIN inv_items i ON i.id = q.item_id JOIN inv_warehouses w ON w.id = q.warehouse_id
         ), summary AS (SELECT coalesce(sum(value), 0) AS total, count(*)::int AS row_count FROM report)
         SELECT r.*, s.total, s.row_count
           FROM summary s LEFT JOIN LATERAL (
             SELECT * FROM report
              WHERE $4::text IS NULL OR (sku, warehouse_id) > ($4::text, $5::uuid)
              ORDER BY sku, warehouse_id LIMIT $6) r ON TRUE`,
        [until, query.itemId ?? null, query.warehouseId ?? null, after?.v ?? null, after?.id ?? null, limit + 1],
      );
    const { total, row_count: rowCount } = rows[0];
    const found = rows.filter((r) => r.item_id !== null);
    const more = found.length > limit;
    const data = more ? found.slice(0, limit) : found;
    const last = data[data.length - 1];
    return {
      asOf: new Date(until.getTime() - 1).toISOString(),
      data: data.map((r) => ({ itemId: r.item_id, sku: r.sku, warehouseId: r.warehouse_id, warehouseCode: r.warehouse_code, quantity: addScale(r.quantity), unitCost: fixed(r.unit_cost, 4), value: fixed(r.value, 2) })),
      nextCursor: more && last ? encodeCursor('valuation', last.sku, last.warehouse_id) : null,
      totalValue: fixed(total, 2),
      rowCount,
    };
  }
}

const stockLevel = ([itemId, sku, locationId, locationCode, warehouseId, onHand, reserved, available, lots]: LevelRow): StockLevelDto => ({
  itemId,
  sku,
  locationId,
  locationCode,
  warehouseId,
  onHand,
  reserved,
  available,
  lots: lots ?? [],
});

/** numeric strings from PostgreSQL, formatted through decimals (never a JS number). */
const fixed = (s: string, places: number) => new Qty(s).toFixed(places);
const addScale = (s: string) => fixed(s, 3);

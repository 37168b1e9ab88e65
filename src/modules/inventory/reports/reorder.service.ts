import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { Item } from '../items/item.entity';
import { Qty } from '../stock/costing';
import { ReorderSuggestionDto, ReorderSuggestionsQuery } from './reorder.dto';

const SORTS: Record<string, SortField> = { sku: { column: 'i.sku', type: 'text', value: (i: Item) => i.sku } };

/** Available across locations, and what open purchase orders will still bring. */
export const AVAILABLE_SQL = `COALESCE((SELECT sum(s.on_hand - s.reserved) FROM inv_stock_levels s WHERE s.item_id = i.id), 0)`;
export const ON_ORDER_SQL = `COALESCE((SELECT sum(GREATEST(pl.quantity - pl.received_quantity, 0)) FROM inv_purchase_order_lines pl
  JOIN inv_purchase_orders po ON po.id = pl.purchase_order_id WHERE pl.item_id = i.id AND po.status IN ('ordered', 'partially_received')), 0)`;

/** Suggested order quantity: at least the reorder quantity, at least enough to reach the point. */
export function suggestedQuantity(reorderPoint: Decimal, reorderQuantity: Decimal | null, projected: Decimal): Decimal {
  return Decimal.max(reorderQuantity ?? 0, reorderPoint.minus(projected), 0);
}

@Injectable()
export class ReorderService {
  constructor(private readonly db: TransactionalConnection) {}

  async suggestions(query: ReorderSuggestionsQuery): Promise<Page<ReorderSuggestionDto>> {
    const qb = this.db
      .getRepository(Item)
      .createQueryBuilder('i')
      .where('i.reorder_point IS NOT NULL AND i.active')
      .andWhere(`${AVAILABLE_SQL} + ${ON_ORDER_SQL} <= i.reorder_point`);
    if (query.supplierId) qb.andWhere('i.preferred_supplier_id = :supplierId', { supplierId: query.supplierId });
    const page = await paginate(qb, { sort: query.sort ?? 'sku', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'i.id', map: (i) => i });
    if (!page.data.length) return { data: [], nextCursor: page.nextCursor };
    const rows: Array<{ id: string; available: string; on_order: string; supplier_name: string | null; lead_time_days: number | null }> = await this.db.manager.query(
      `SELECT i.id, ${AVAILABLE_SQL} AS available, ${ON_ORDER_SQL} AS on_order, s.name AS supplier_name, s.lead_time_days
         FROM inv_items i LEFT JOIN inv_suppliers s ON s.id = i.preferred_supplier_id
        WHERE i.id = ANY($1::uuid[])`,
      [page.data.map((i) => i.id)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      data: page.data.map((i) => {
        const r = byId.get(i.id)!;
        const available = new Qty(r.available);
        const onOrder = new Qty(r.on_order);
        const projected = available.plus(onOrder);
        return {
          itemId: i.id,
          sku: i.sku,
          name: i.name,
          available: available.toFixed(3),
          onOrder: onOrder.toFixed(3),
          projected: projected.toFixed(3),
          reorderPoint: i.reorderPoint!,
          reorderQuantity: i.reorderQuantity,
          suggestedQuantity: suggestedQuantity(new Qty(i.reorderPoint!), i.reorderQuantity === null ? null : new Qty(i.reorderQuantity), projected).toFixed(3),
          preferredSupplierId: i.preferredSupplierId,
          supplierName: r.supplier_name,
          leadTimeDays: r.lead_time_days,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}

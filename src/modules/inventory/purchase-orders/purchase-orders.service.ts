import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { changedKeys, withPatch } from '../../../platform/changes/changed-fields';
import { purchaseOrderPayload } from '../inventory-changes.events';
import { InventoryErrorCode, InventoryException } from '../inventory.errors';
import { Qty } from '../stock/costing';
import { StockLedgerService, StockMoveView } from '../stock/stock-ledger.service';
import { Supplier } from '../suppliers/supplier.entity';
import {
  CreatePurchaseOrderDto,
  ListPurchaseOrdersQuery,
  PurchaseOrderDto,
  PurchaseOrderLineInputDto,
  PurchaseOrderSummaryDto,
  ReceivePurchaseOrderDto,
  UpdatePurchaseOrderDto,
} from './dto/purchase-order.dto';
import { PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus } from './purchase-order.entity';

type PurchaseOrderAction = 'edit' | 'order' | 'receive_part' | 'receive_all' | 'cancel';
export const PURCHASE_ORDER_TRANSITIONS = new StateMachine<PurchaseOrderStatus, PurchaseOrderAction>('purchase order', {
  draft: { edit: 'draft', order: 'ordered', cancel: 'cancelled' },
  ordered: { receive_part: 'partially_received', receive_all: 'received', cancel: 'cancelled' },
  partially_received: { receive_part: 'partially_received', receive_all: 'received', cancel: 'cancelled' },
  received: {},
  cancelled: {},
});

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'p.created_at', type: 'timestamp', value: (p: PurchaseOrder) => p.createdAt.toISOString() },
};

const summary = (p: PurchaseOrder): PurchaseOrderSummaryDto => ({
  id: p.id,
  number: p.number,
  supplierId: p.supplierId,
  status: p.status,
  expectedDate: p.expectedDate,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
});

/** Most a line may receive in total: the ordered quantity plus the order's tolerance, to 3 decimals (rounded down). */
export function maxReceivable(ordered: string, tolerancePercent: string): Qty {
  return new Qty(ordered).times(new Qty(100).plus(tolerancePercent)).div(100).toDecimalPlaces(3, Qty.ROUND_DOWN);
}

/** Compared by value: "5" and "5.00" are the same tolerance, quantity or cost. */
const PO_DECIMALS = ['overReceiptTolerancePercent', 'lines'];

@Injectable()
export class PurchaseOrdersService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly ledger: StockLedgerService,
  ) {}

  private get orders() {
    return this.db.getRepository(PurchaseOrder);
  }

  private get lines() {
    return this.db.getRepository(PurchaseOrderLine);
  }

  async create(input: CreatePurchaseOrderDto): Promise<PurchaseOrderDto> {
    return this.db.withTransaction(async () => {
      const supplier = await this.db.getRepository(Supplier).findOneBy({ id: input.supplierId });
      if (!supplier) throw new PlatformException(PlatformErrorCode.InvalidReference, `Supplier ${input.supplierId} does not exist.`, { field: 'supplierId' }, [{ field: 'supplierId', message: 'The supplier does not exist.' }]);
      const now = new Date();
      const id = newId();
      await this.orders.insert({
        id,
        supplierId: supplier.id,
        status: 'draft',
        currency: supplier.currency,
        overReceiptTolerancePercent: input.overReceiptTolerancePercent ?? '0',
        expectedDate: input.expectedDate ?? null,
        note: input.note ?? null,
        orderedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.insertLines(id, input.lines);
      const view = await this.get(id);
      await this.audit.record({ action: 'inventory.purchase_order.created', entityType: 'purchase_order', entityId: id, before: null, after: this.snapshot(view) });
      await this.events.publish('inventory.purchase_order.created', { type: 'purchase_order', id }, purchaseOrderPayload(view));
      return view;
    });
  }

  async get(id: string): Promise<PurchaseOrderDto> {
    return this.view(await this.findOrThrow(id));
  }

  async list(query: ListPurchaseOrdersQuery): Promise<Page<PurchaseOrderSummaryDto>> {
    const qb = this.orders.createQueryBuilder('p');
    if (query.supplierId) qb.andWhere('p.supplier_id = :supplierId', { supplierId: query.supplierId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: summary });
  }

  async update(id: string, input: UpdatePurchaseOrderDto, expectedVersion: number | undefined): Promise<PurchaseOrderDto> {
    const nulls = ['lines', 'overReceiptTolerancePercent'].filter((f) => (input as Record<string, unknown>)[f] === null);
    if (nulls.length) throw new PlatformException(PlatformErrorCode.ValidationFailed, `Fields cannot be null: ${nulls.join(', ')}.`, {}, nulls.map((field) => ({ field, message: `${field} cannot be null` })));
    return this.db.withTransaction(async () => {
      const p = await this.findOrThrow(id, true);
      assertVersion('purchase order', expectedVersion, p.version);
      PURCHASE_ORDER_TRANSITIONS.next(p.status, 'edit');
      const before = this.snapshot(await this.view(p));
      const proposed = { ...withPatch(before, input, ['overReceiptTolerancePercent', 'expectedDate', 'note']), lines: input.lines ? input.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, unitCost: l.unitCost })) : before.lines };
      if (!changedKeys(before, proposed, { decimals: PO_DECIMALS }).length) return this.view(p);
      if (input.lines) {
        await this.lines.delete({ purchaseOrderId: id });
        await this.insertLines(id, input.lines);
      }
      await this.orders.update({ id }, {
        ...(input.overReceiptTolerancePercent !== undefined ? { overReceiptTolerancePercent: input.overReceiptTolerancePercent } : {}),
        ...(input.expectedDate !== undefined ? { expectedDate: input.expectedDate ?? null } : {}),
        ...(input.note !== undefined ? { note: input.note ?? null } : {}),
        version: p.version + 1,
        updatedAt: new Date(),
      });
      const view = await this.get(id);
      const after = this.snapshot(view);
      await this.audit.record({ action: 'inventory.purchase_order.updated', entityType: 'purchase_order', entityId: id, before, after });
      await this.events.publish('inventory.purchase_order.updated', { type: 'purchase_order', id }, purchaseOrderPayload(view, changedKeys(before, after, { decimals: PO_DECIMALS })));
      return view;
    });
  }

  async order(id: string, expectedVersion: number | undefined): Promise<PurchaseOrderDto> {
    return this.transition(id, 'order', expectedVersion, 'inventory.purchase_order.ordered');
  }

  async cancel(id: string, expectedVersion: number | undefined): Promise<PurchaseOrderDto> {
    return this.transition(id, 'cancel', expectedVersion, 'inventory.purchase_order.cancelled');
  }

  /**
   * Receives some or all of the open quantity at a location: one receipt move per line (per lot
   * or serial) at the line's unit cost. A line may not receive more in total than ordered plus
   * the order's tolerance (409 `over_receipt`).
   */
  async receive(id: string, input: ReceivePurchaseOrderDto, expectedVersion: number | undefined): Promise<{ purchaseOrder: PurchaseOrderDto; moves: StockMoveView[] }> {
    return this.db.withTransaction(async () => {
      const p = await this.findOrThrow(id, true);
      assertVersion('purchase order', expectedVersion, p.version);
      PURCHASE_ORDER_TRANSITIONS.next(p.status, 'receive_part');
      const lines = await this.lines.find({ where: { purchaseOrderId: id }, order: { lineNo: 'ASC' } });
      const byId = new Map(lines.map((l) => [l.id, l]));
      const moves: StockMoveView[] = [];
      for (const [n, r] of input.lines.entries()) {
        const line = byId.get(r.lineId);
        if (!line) throw new PlatformException(PlatformErrorCode.InvalidReference, `Line ${r.lineId} is not on purchase order ${p.number}.`, { field: `lines[${n}].lineId` }, [{ field: `lines[${n}].lineId`, message: 'is not a line of this purchase order' }]);
        const received = new Qty(line.receivedQuantity).plus(r.quantity);
        const max = maxReceivable(line.quantity, p.overReceiptTolerancePercent);
        if (received.gt(max)) {
          throw new InventoryException(
            InventoryErrorCode.OverReceipt,
            `Line ${line.lineNo} ordered ${new Qty(line.quantity).toFixed(3)}, ${new Qty(line.receivedQuantity).toFixed(3)} already received; at most ${max.minus(line.receivedQuantity).toFixed(3)} more may be received (tolerance ${p.overReceiptTolerancePercent}%).`,
            { lineId: line.id, ordered: new Qty(line.quantity).toFixed(3), alreadyReceived: new Qty(line.receivedQuantity).toFixed(3), requested: new Qty(r.quantity).toFixed(3), maxReceivable: max.toFixed(3) },
            `lines[${n}].quantity`,
          );
        }
        moves.push(
          ...(await this.ledger.post({
            kind: 'receipt',
            itemId: line.itemId,
            quantity: r.quantity,
            toLocationId: input.locationId,
            lotNumber: r.lotNumber,
            expiryDate: r.expiryDate,
            serialNumbers: r.serialNumbers,
            unitCost: line.unitCost,
            referenceType: 'purchase_order',
            referenceId: p.id,
          })),
        );
        line.receivedQuantity = received.toFixed(3);
        await this.lines.update({ id: line.id }, { receivedQuantity: line.receivedQuantity });
      }
      const complete = lines.every((l) => new Qty(l.receivedQuantity).gte(l.quantity));
      const status = PURCHASE_ORDER_TRANSITIONS.next(p.status, complete ? 'receive_all' : 'receive_part');
      await this.orders.update({ id }, { status, version: p.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.purchase_order.received', entityType: 'purchase_order', entityId: id, before: { status: p.status }, after: { status, received: input.lines } });
      await this.events.publish(complete ? 'inventory.purchase_order.received' : 'inventory.purchase_order.partially_received', { type: 'purchase_order', id }, { purchaseOrderId: id, number: p.number, supplierId: p.supplierId, status });
      return { purchaseOrder: await this.get(id), moves };
    });
  }

  private async transition(id: string, action: 'order' | 'cancel', expectedVersion: number | undefined, topic: 'inventory.purchase_order.ordered' | 'inventory.purchase_order.cancelled'): Promise<PurchaseOrderDto> {
    return this.db.withTransaction(async () => {
      const p = await this.findOrThrow(id, true);
      assertVersion('purchase order', expectedVersion, p.version);
      const status = PURCHASE_ORDER_TRANSITIONS.next(p.status, action);
      const now = new Date();
      await this.orders.update({ id }, { status, ...(action === 'order' ? { orderedAt: now } : {}), version: p.version + 1, updatedAt: now });
      await this.audit.record({ action: `inventory.purchase_order.${status}`, entityType: 'purchase_order', entityId: id, before: { status: p.status }, after: { status } });
      await this.events.publish(topic, { type: 'purchase_order', id }, { purchaseOrderId: id, number: p.number, supplierId: p.supplierId, status });
      return this.get(id);
    });
  }

  private async insertLines(purchaseOrderId: string, lines: PurchaseOrderLineInputDto[]): Promise<void> {
    await this.lines.insert(lines.map((l, i) => ({ id: newId(), purchaseOrderId, lineNo: i + 1, itemId: l.itemId, quantity: l.quantity, unitCost: l.unitCost, receivedQuantity: '0' })));
  }

  private snapshot(v: PurchaseOrderDto): Record<string, unknown> {
    return { supplierId: v.supplierId, status: v.status, overReceiptTolerancePercent: v.overReceiptTolerancePercent, expectedDate: v.expectedDate, note: v.note, lines: v.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, unitCost: l.unitCost })) };
  }

  private async view(p: PurchaseOrder): Promise<PurchaseOrderDto> {
    const lines = await this.lines.find({ where: { purchaseOrderId: p.id }, order: { lineNo: 'ASC' } });
    const total = lines.reduce((sum, l) => sum.plus(new Qty(l.quantity).times(l.unitCost)), new Qty(0));
    return {
      id: p.id,
      number: p.number,
      supplierId: p.supplierId,
      status: p.status,
      currency: p.currency,
      overReceiptTolerancePercent: new Qty(p.overReceiptTolerancePercent).toFixed(2),
      expectedDate: p.expectedDate,
      note: p.note,
      orderedAt: p.orderedAt ? p.orderedAt.toISOString() : null,
      total: total.toDecimalPlaces(2, Qty.ROUND_HALF_EVEN).toFixed(2),
      lines: lines.map((l) => ({ id: l.id, lineNo: l.lineNo, itemId: l.itemId, quantity: new Qty(l.quantity).toFixed(3), unitCost: new Qty(l.unitCost).toFixed(4), receivedQuantity: new Qty(l.receivedQuantity).toFixed(3) })),
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  async findOrThrow(id: string, lock = false): Promise<PurchaseOrder> {
    const p = await this.orders.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!p) throw new NotFoundProblem('Purchase order', id);
    return p;
  }
}

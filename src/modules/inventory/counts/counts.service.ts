import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { InventoryErrorCode, InventoryException } from '../inventory.errors';
import { Item } from '../items/item.entity';
import { Qty } from '../stock/costing';
import { StockLedgerService } from '../stock/stock-ledger.service';
import { CountStatus, StockCount, StockCountLine } from './count.entity';
import { CountDto, CountSummaryDto, ListCountsQuery, MAX_COUNT_LINES, OpenCountDto, RecordCountLinesDto } from './dto/count.dto';

type CountAction = 'record' | 'post' | 'cancel';
export const COUNT_TRANSITIONS = new StateMachine<CountStatus, CountAction>('stock count', {
  open: { record: 'open', post: 'posted', cancel: 'cancelled' },
  posted: {},
  cancelled: {},
});

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'c.created_at', type: 'timestamp', value: (c: StockCount) => c.createdAt.toISOString() },
};

const summary = (c: StockCount): CountSummaryDto => ({
  id: c.id,
  locationId: c.locationId,
  status: c.status,
  note: c.note,
  postedAt: c.postedAt ? c.postedAt.toISOString() : null,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
});

/** Stock counts: open for a location, record counted quantities, post → count corrections for the differences. */
@Injectable()
export class CountsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly ledger: StockLedgerService,
  ) {}

  private get counts() {
    return this.db.getRepository(StockCount);
  }

  private get lines() {
    return this.db.getRepository(StockCountLine);
  }

  async open(input: OpenCountDto): Promise<CountDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const c: StockCount = { id: newId(), locationId: input.locationId, status: 'open', note: input.note ?? null, postedAt: null, version: 1, createdAt: now, updatedAt: now };
      await this.counts.insert(c);
      await this.audit.record({ action: 'inventory.count.opened', entityType: 'count', entityId: c.id, before: null, after: { locationId: c.locationId, status: c.status, note: c.note } });
      await this.events.publish('inventory.count.opened', { type: 'count', id: c.id }, { countId: c.id, locationId: c.locationId, status: c.status });
      return this.view(c);
    });
  }

  async get(id: string): Promise<CountDto> {
    return this.view(await this.findOrThrow(id));
  }

  async list(query: ListCountsQuery): Promise<Page<CountSummaryDto>> {
    const qb = this.counts.createQueryBuilder('c');
    if (query.locationId) qb.andWhere('c.location_id = :locationId', { locationId: query.locationId });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'c.id', map: summary });
  }

  async record(id: string, input: RecordCountLinesDto, expectedVersion: number | undefined): Promise<CountDto> {
    return this.db.withTransaction(async (m) => {
      const c = await this.findOrThrow(id, true);
      assertVersion('stock count', expectedVersion, c.version);
      COUNT_TRANSITIONS.next(c.status, 'record');
      const items = await m.getRepository(Item).createQueryBuilder('i').where('i.id = ANY(:ids)', { ids: [...new Set(input.lines.map((l) => l.itemId))] }).getMany();
      const byId = new Map(items.map((i) => [i.id, i]));
      input.lines.forEach((line, n) => {
        const item = byId.get(line.itemId);
        const field = `lines[${n}]`;
        if (!item) throw new PlatformException(PlatformErrorCode.InvalidReference, `Item ${line.itemId} does not exist.`, { field: `${field}.itemId` }, [{ field: `${field}.itemId`, message: 'The item does not exist.' }]);
        const mismatch = (message: string) => new InventoryException(InventoryErrorCode.TrackingMismatch, message, { itemId: item.id, tracking: item.tracking }, `${field}.lotNumber`);
        if (item.tracking === 'serial') throw mismatch(`Item ${item.sku} is serial-tracked; serials are corrected by adjustments, not counts.`);
        if (item.tracking === 'lot' && !line.lotNumber) throw mismatch(`Item ${item.sku} is lot-tracked; count it per lot.`);
        if (item.tracking !== 'lot' && line.lotNumber !== undefined) throw mismatch(`Item ${item.sku} is not lot-tracked; send no lotNumber.`);
      });
      for (const line of input.lines) {
        await m.query(
          `INSERT INTO inv_count_lines (id, count_id, item_id, lot_number, counted_quantity, updated_at) VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (count_id, item_id, COALESCE(lot_number, '')) DO UPDATE SET counted_quantity = EXCLUDED.counted_quantity, updated_at = now()`,
          [newId(), id, line.itemId, line.lotNumber ?? null, line.countedQuantity],
        );
      }
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM inv_count_lines WHERE count_id = $1`, [id]);
      if (n > MAX_COUNT_LINES) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `A count holds at most ${MAX_COUNT_LINES} lines; this request would make ${n}. Split the location into several counts.`, {}, [
          { field: 'lines', message: `would exceed ${MAX_COUNT_LINES} lines in the count` },
        ]);
      }
      await this.counts.update({ id }, { version: c.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.count.recorded', entityType: 'count', entityId: id, before: null, after: { lines: input.lines } });
      const lines = input.lines.map((l) => ({ itemId: l.itemId, lotNumber: l.lotNumber ?? null, countedQuantity: new Qty(l.countedQuantity).toFixed(3) }));
      await this.events.publish('inventory.count.recorded', { type: 'count', id }, { countId: id, locationId: c.locationId, lines });
      return this.view(await this.findOrThrow(id));
    });
  }

  /**
   * Compares each counted line with what is on hand now (per lot for lot-tracked items) and
   * posts a count correction for every difference. Items not counted are left as they are.
   */
  async post(id: string, expectedVersion: number | undefined): Promise<CountDto> {
    return this.db.withTransaction(async (m) => {
      const c = await this.findOrThrow(id, true);
      assertVersion('stock count', expectedVersion, c.version);
      const status = COUNT_TRANSITIONS.next(c.status, 'post');
      // Item order keeps two counts posting at once from deadlocking on the item locks.
      const lines = await this.lines.find({ where: { countId: id }, order: { itemId: 'ASC', lotNumber: 'ASC' } });
      const differences: Array<{ itemId: string; lotNumber: string | null; expected: string; counted: string; difference: string }> = [];
      for (const line of lines) {
        await this.ledger.lockItem(line.itemId);
        const [row] = line.lotNumber
          ? await m.query(
              `SELECT ll.on_hand FROM inv_lot_levels ll JOIN inv_lots l ON l.id = ll.lot_id WHERE ll.item_id = $1 AND ll.location_id = $2 AND l.lot_number = $3`,
              [line.itemId, c.locationId, line.lotNumber],
            )
          : await m.query(`SELECT on_hand FROM inv_stock_levels WHERE item_id = $1 AND location_id = $2`, [line.itemId, c.locationId]);
        const expected = new Qty(row?.on_hand ?? 0);
        const diff = new Qty(line.countedQuantity).minus(expected);
        if (!diff.isZero()) {
          await this.ledger.post({
            kind: 'count_correction',
            itemId: line.itemId,
            quantity: diff.abs().toFixed(3),
            ...(diff.isPositive() ? { toLocationId: c.locationId } : { fromLocationId: c.locationId }),
            lotNumber: line.lotNumber ?? undefined,
            reason: `Stock count ${c.id}`,
            referenceType: 'count',
            referenceId: c.id,
            ignoreReserved: true,
          });
        }
        await this.lines.update({ id: line.id }, { expectedQuantity: expected.toFixed(3) });
        differences.push({ itemId: line.itemId, lotNumber: line.lotNumber, expected: expected.toFixed(3), counted: new Qty(line.countedQuantity).toFixed(3), difference: diff.toFixed(3) });
      }
      const postedAt = new Date();
      await this.counts.update({ id }, { status, postedAt, version: c.version + 1, updatedAt: postedAt });
      await this.audit.record({ action: 'inventory.count.posted', entityType: 'count', entityId: id, before: { status: c.status }, after: { status, postedAt } });
      await this.events.publish('inventory.count.posted', { type: 'count', id }, { countId: id, locationId: c.locationId, postedAt: postedAt.toISOString(), lines: differences });
      return this.view(await this.findOrThrow(id));
    });
  }

  async cancel(id: string, expectedVersion: number | undefined): Promise<CountDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('stock count', expectedVersion, c.version);
      const status = COUNT_TRANSITIONS.next(c.status, 'cancel');
      await this.counts.update({ id }, { status, version: c.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.count.cancelled', entityType: 'count', entityId: id, before: { status: c.status }, after: { status } });
      await this.events.publish('inventory.count.cancelled', { type: 'count', id }, { countId: id, locationId: c.locationId, status });
      return this.view(await this.findOrThrow(id));
    });
  }

  private async view(c: StockCount): Promise<CountDto> {
    const lines = await this.lines.find({ where: { countId: c.id }, order: { itemId: 'ASC', lotNumber: 'ASC' } });
    return {
      ...summary(c),
      updatedAt: c.updatedAt.toISOString(),
      lines: lines.map((l) => ({
        itemId: l.itemId,
        lotNumber: l.lotNumber,
        countedQuantity: l.countedQuantity,
        expectedQuantity: l.expectedQuantity,
        difference: l.expectedQuantity === null ? null : new Qty(l.countedQuantity).minus(l.expectedQuantity).toFixed(3),
      })),
    };
  }

  async findOrThrow(id: string, lock = false): Promise<StockCount> {
    const c = await this.counts.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c) throw new NotFoundProblem('Stock count', id);
    return c;
  }
}

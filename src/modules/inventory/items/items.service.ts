import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { EventBus } from '../../../platform/events/event-bus';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { itemPayload } from '../inventory-changes.events';
import { StockLedgerService } from '../stock/stock-ledger.service';
import { CreateItemDto, ItemDto, ListItemsQuery, UpdateItemDto } from './dto/item.dto';
import { Item } from './item.entity';

const SORTS: Record<string, SortField> = {
  sku: { column: 'i.sku', type: 'text', value: (i: Item) => i.sku },
  name: { column: 'i.name', type: 'text', value: (i: Item) => i.name },
  createdAt: { column: 'i.created_at', type: 'timestamp', value: (i: Item) => i.createdAt.toISOString() },
};

export function toItemDto(i: Item): ItemDto {
  return {
    id: i.id,
    sku: i.sku,
    name: i.name,
    description: i.description,
    unitOfMeasure: i.unitOfMeasure,
    category: i.category,
    tracking: i.tracking,
    valuationMethod: i.valuationMethod,
    reorderPoint: i.reorderPoint,
    reorderQuantity: i.reorderQuantity,
    preferredSupplierId: i.preferredSupplierId,
    active: i.active,
    belowReorderPoint: i.belowReorderPoint,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

const ITEM_DECIMALS = ['reorderPoint', 'reorderQuantity'];
const snapshot = (i: Item) => {
  const { version: _v, createdAt: _c, updatedAt: _u, belowReorderPoint: _b, ...rest } = i;
  return rest as unknown as Record<string, unknown>;
};

@Injectable()
export class ItemsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly ledger: StockLedgerService,
  ) {}

  private get repo() {
    return this.db.getRepository(Item);
  }

  async create(input: CreateItemDto): Promise<ItemDto> {
    return this.db.withTransaction(async (m) => {
      const now = new Date();
      const item: Item = {
        id: newId(),
        sku: input.sku,
        name: input.name.trim(),
        description: input.description ?? null,
        unitOfMeasure: input.unitOfMeasure,
        category: input.category ?? null,
        tracking: input.tracking,
        valuationMethod: input.valuationMethod,
        reorderPoint: input.reorderPoint ?? null,
        reorderQuantity: input.reorderQuantity ?? null,
        preferredSupplierId: input.preferredSupplierId ?? null,
        active: input.active ?? true,
        belowReorderPoint: false,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(item);
      await m.query(`INSERT INTO inv_item_valuations (item_id) VALUES ($1)`, [item.id]);
      await this.audit.record({ action: 'inventory.item.created', entityType: 'item', entityId: item.id, before: null, after: snapshot(item) });
      const saved = await this.findOrThrow(item.id);
      await this.events.publish('inventory.item.created', { type: 'item', id: item.id }, itemPayload(saved));
      return toItemDto(saved);
    });
  }

  async get(id: string): Promise<ItemDto> {
    return toItemDto(await this.findOrThrow(id));
  }

  async list(query: ListItemsQuery): Promise<Page<ItemDto>> {
    const qb = this.repo.createQueryBuilder('i');
    if (query.category) qb.andWhere('i.category = :category', { category: query.category });
    if (query.active) qb.andWhere('i.active = :active', { active: query.active === 'true' });
    return paginate(qb, { sort: query.sort ?? 'sku', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'i.id', map: toItemDto });
  }

  async update(id: string, input: UpdateItemDto, expectedVersion: number | undefined): Promise<ItemDto> {
    const required = ['sku', 'name', 'unitOfMeasure', 'active'].filter((f) => (input as Record<string, unknown>)[f] === null);
    if (required.length) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, `${required.length} field(s) failed validation: ${required.join(', ')}.`, {}, required.map((field) => ({ field, message: `${field} cannot be null` })));
    }
    return this.db.withTransaction(async () => {
      await this.findOrThrow(id);
      await this.ledger.lockItem(id);
      const item = await this.findOrThrow(id);
      assertVersion('item', expectedVersion, item.version);
      const before = snapshot(item);
      Object.assign(item, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = snapshot(item);
      if (!changedKeys(before, after, { decimals: ITEM_DECIMALS }).length) return toItemDto(await this.findOrThrow(id));
      const { id: _id, createdAt: _c, belowReorderPoint: _b, ...columns } = item;
      await this.repo.update({ id }, { ...columns, version: item.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.item.updated', entityType: 'item', entityId: id, before, after });
      // Published from the stored row: decimals as the API returns them, and only what really changed.
      const saved = await this.findOrThrow(id);
      await this.events.publish('inventory.item.updated', { type: 'item', id }, itemPayload(saved, changedKeys(before, snapshot(saved), { decimals: ITEM_DECIMALS })));
      // A changed reorder point may put the item below it (or lift it above) right away.
      await this.ledger.checkReorderPoint(id);
      return toItemDto(await this.findOrThrow(id));
    });
  }

  async findOrThrow(id: string): Promise<Item> {
    const item = await this.repo.findOneBy({ id });
    if (!item) throw new NotFoundProblem('Item', id);
    return item;
  }
}

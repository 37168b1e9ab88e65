import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { changedFields } from '../../../platform/changes/changed-fields';
import { PRODUCT_FIELDS, productPayload } from '../change.events';
import { CreateProductDto, ListProductsQuery, ProductDto, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';

const SORTS: Record<string, SortField> = { code: { column: 'p.code', type: 'text', value: (p: Product) => p.code } };

export const toProductDto = (p: Product): ProductDto => ({
  id: p.id,
  code: p.code,
  name: p.name,
  unitCode: p.unitCode,
  unitPrice: new Decimal(p.unitPrice).toFixed(4),
  taxCategoryId: p.taxCategoryId,
  inventoryItemId: p.inventoryItemId,
  stockLocationId: p.stockLocationId,
  active: p.active,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const snapshot = (p: Product) => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = toProductDto(p);
  return rest;
};

@Injectable()
export class ProductsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get products() {
    return this.db.getRepository(Product);
  }

  async create(input: CreateProductDto): Promise<ProductDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const p: Product = {
        id: newId(),
        code: input.code,
        name: input.name.trim(),
        unitCode: input.unitCode,
        unitPrice: input.unitPrice,
        taxCategoryId: input.taxCategoryId,
        inventoryItemId: input.inventoryItemId ?? null,
        stockLocationId: input.stockLocationId ?? null,
        active: input.active ?? true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.products.insert(p);
      await this.audit.record({ action: 'invoicing.product.created', entityType: 'product', entityId: p.id, before: null, after: snapshot(p) });
      await this.events.publish('invoicing.product.created', { type: 'product', id: p.id }, productPayload(toProductDto(p)));
      return toProductDto(p);
    });
  }

  async get(id: string): Promise<ProductDto> {
    return toProductDto(await this.findOrThrow(id));
  }

  async list(query: ListProductsQuery): Promise<Page<ProductDto>> {
    return paginate(this.products.createQueryBuilder('p'), { sort: query.sort ?? 'code', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: toProductDto });
  }

  async update(id: string, input: UpdateProductDto, expectedVersion: number | undefined): Promise<ProductDto> {
    return this.db.withTransaction(async () => {
      const p = await this.findOrThrow(id, true);
      assertVersion('product', expectedVersion, p.version);
      const before = snapshot(p);
      const next: Product = { ...p, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      if (input.name !== undefined) next.name = input.name.trim();
      const after = snapshot(next);
      const changed = changedFields(PRODUCT_FIELDS, before, after, { decimals: ['unitPrice'] });
      if (!changed.length) return toProductDto(p);
      await this.products.update({ id }, {
        name: next.name,
        unitCode: next.unitCode,
        unitPrice: next.unitPrice,
        taxCategoryId: next.taxCategoryId,
        inventoryItemId: next.inventoryItemId,
        stockLocationId: next.stockLocationId,
        active: next.active,
        version: p.version + 1,
        updatedAt: new Date(),
      });
      await this.audit.record({ action: 'invoicing.product.updated', entityType: 'product', entityId: id, before, after });
      const saved = toProductDto(await this.findOrThrow(id));
      await this.events.publish('invoicing.product.updated', { type: 'product', id }, productPayload(saved, changed));
      return saved;
    });
  }

  async findOrThrow(id: string, lock = false): Promise<Product> {
    const p = await this.db.findById(Product, id, { lock });
    if (!p) throw new NotFoundProblem('Product', id);
    return p;
  }
}

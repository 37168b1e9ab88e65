import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { EventBus } from '../../../platform/events/event-bus';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { supplierPayload } from '../inventory-changes.events';
import { CreateSupplierDto, ListSuppliersQuery, SupplierDto, UpdateSupplierDto } from './dto/supplier.dto';
import { Supplier } from './supplier.entity';

const SORTS: Record<string, SortField> = {
  name: { column: 's.name', type: 'text', value: (s: Supplier) => s.name },
};

export const toSupplierDto = (s: Supplier): SupplierDto => ({
  id: s.id,
  name: s.name,
  contactName: s.contactName,
  contactEmail: s.contactEmail,
  phone: s.phone,
  taxId: s.taxId,
  currency: s.currency,
  leadTimeDays: s.leadTimeDays,
  version: s.version,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const snapshot = (s: Supplier) => ({ name: s.name, contactName: s.contactName, contactEmail: s.contactEmail, phone: s.phone, taxId: s.taxId, currency: s.currency, leadTimeDays: s.leadTimeDays });

@Injectable()
export class SuppliersService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(Supplier);
  }

  async create(input: CreateSupplierDto): Promise<SupplierDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const s: Supplier = {
        id: newId(),
        name: input.name.trim(),
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        phone: input.phone ?? null,
        taxId: input.taxId ?? null,
        currency: input.currency,
        leadTimeDays: input.leadTimeDays ?? 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(s);
      await this.audit.record({ action: 'inventory.supplier.created', entityType: 'supplier', entityId: s.id, before: null, after: snapshot(s) });
      await this.events.publish('inventory.supplier.created', { type: 'supplier', id: s.id }, supplierPayload(s));
      return toSupplierDto(s);
    });
  }

  async get(id: string): Promise<SupplierDto> {
    return toSupplierDto(await this.findOrThrow(id));
  }

  async list(query: ListSuppliersQuery): Promise<Page<SupplierDto>> {
    const qb = this.repo.createQueryBuilder('s');
    return paginate(qb, { sort: query.sort ?? 'name', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: toSupplierDto });
  }

  async update(id: string, input: UpdateSupplierDto, expectedVersion: number | undefined): Promise<SupplierDto> {
    const nulls = ['name', 'currency', 'leadTimeDays'].filter((f) => (input as Record<string, unknown>)[f] === null);
    if (nulls.length) throw new PlatformException(PlatformErrorCode.ValidationFailed, `Fields cannot be null: ${nulls.join(', ')}.`, {}, nulls.map((field) => ({ field, message: `${field} cannot be null` })));
    return this.db.withTransaction(async () => {
      const s = await this.repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw new NotFoundProblem('Supplier', id);
      assertVersion('supplier', expectedVersion, s.version);
      const before = snapshot(s);
      Object.assign(s, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = snapshot(s);
      const changed = changedKeys(before, after);
      if (!changed.length) return toSupplierDto(s);
      await this.repo.update({ id }, { ...after, version: s.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'inventory.supplier.updated', entityType: 'supplier', entityId: id, before, after });
      const saved = await this.findOrThrow(id);
      await this.events.publish('inventory.supplier.updated', { type: 'supplier', id }, supplierPayload(saved, changed));
      return toSupplierDto(saved);
    });
  }

  async findOrThrow(id: string): Promise<Supplier> {
    const s = await this.repo.findOneBy({ id });
    if (!s) throw new NotFoundProblem('Supplier', id);
    return s;
  }
}

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
import { toAddress } from '../address.dto';
import { CUSTOMER_FIELDS, customerPayload } from '../change.events';
import { Customer } from './customer.entity';
import { CreateCustomerDto, CustomerDto, ListCustomersQuery, UpdateCustomerDto } from './dto/customer.dto';

const SORTS: Record<string, SortField> = {
  legalName: { column: 'c.legal_name', type: 'text', value: (c: Customer) => c.legalName },
  createdAt: { column: 'c.created_at', type: 'timestamp', value: (c: Customer) => c.createdAt.toISOString() },
};

export const toCustomerDto = (c: Customer): CustomerDto => ({
  id: c.id,
  legalName: c.legalName,
  tradingName: c.tradingName,
  vatId: c.vatId,
  taxId: c.taxId,
  companyId: c.companyId,
  billingAddress: c.billingAddress,
  email: c.email,
  electronicAddress: c.electronicAddressScheme && c.electronicAddressId ? { scheme: c.electronicAddressScheme, id: c.electronicAddressId } : null,
  currency: c.currency,
  paymentTermsDays: c.paymentTermsDays,
  creditLimit: c.creditLimit === null ? null : new Decimal(c.creditLimit).toFixed(2),
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const snapshot = (c: Customer) => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = toCustomerDto(c);
  return rest;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

@Injectable()
export class CustomersService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get customers() {
    return this.db.getRepository(Customer);
  }

  async create(input: CreateCustomerDto): Promise<CustomerDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const c: Customer = {
        id: newId(),
        legalName: input.legalName.trim(),
        tradingName: input.tradingName ?? null,
        vatId: input.vatId ?? null,
        taxId: input.taxId ?? null,
        companyId: input.companyId ?? null,
        billingAddress: toAddress(input.billingAddress),
        email: input.email ?? null,
        electronicAddressScheme: input.electronicAddress?.scheme ?? null,
        electronicAddressId: input.electronicAddress?.id ?? null,
        currency: input.currency,
        paymentTermsDays: input.paymentTermsDays ?? 30,
        creditLimit: input.creditLimit ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.customers.insert(c);
      await this.audit.record({ action: 'invoicing.customer.created', entityType: 'customer', entityId: c.id, before: null, after: snapshot(c) });
      await this.events.publish('invoicing.customer.created', { type: 'customer', id: c.id }, customerPayload(toCustomerDto(c)));
      return toCustomerDto(c);
    });
  }

  async get(id: string): Promise<CustomerDto> {
    return toCustomerDto(await this.findOrThrow(id));
  }

  async list(query: ListCustomersQuery): Promise<Page<CustomerDto>> {
    const qb = this.customers.createQueryBuilder('c');
    if (query.q) {
      qb.andWhere("(lower(c.legal_name) LIKE :q ESCAPE '\\' OR lower(c.trading_name) LIKE :q ESCAPE '\\')", { q: `${escapeLike(query.q.toLowerCase())}%` });
    }
    return paginate(qb, { sort: query.sort ?? 'legalName', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'c.id', map: toCustomerDto });
  }

  async update(id: string, input: UpdateCustomerDto, expectedVersion: number | undefined): Promise<CustomerDto> {
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('customer', expectedVersion, c.version);
      const before = snapshot(c);
      const next: Customer = {
        ...c,
        ...(input.legalName !== undefined ? { legalName: input.legalName.trim() } : {}),
        ...(input.tradingName !== undefined ? { tradingName: input.tradingName } : {}),
        ...(input.vatId !== undefined ? { vatId: input.vatId } : {}),
        ...(input.taxId !== undefined ? { taxId: input.taxId } : {}),
        ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
        ...(input.billingAddress !== undefined ? { billingAddress: toAddress(input.billingAddress) } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.electronicAddress !== undefined ? { electronicAddressScheme: input.electronicAddress?.scheme ?? null, electronicAddressId: input.electronicAddress?.id ?? null } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.paymentTermsDays !== undefined ? { paymentTermsDays: input.paymentTermsDays } : {}),
        ...(input.creditLimit !== undefined ? { creditLimit: input.creditLimit } : {}),
      };
      const after = snapshot(next);
      const changed = changedFields(CUSTOMER_FIELDS, before, after, { decimals: ['creditLimit'] });
      if (!changed.length) return toCustomerDto(c);
      const { id: _id, createdAt: _c, ...fields } = next;
      await this.customers.update({ id }, { ...fields, version: c.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'invoicing.customer.updated', entityType: 'customer', entityId: id, before, after });
      const saved = toCustomerDto(await this.findOrThrow(id));
      await this.events.publish('invoicing.customer.updated', { type: 'customer', id }, customerPayload(saved, changed));
      return saved;
    });
  }

  /** Refused with 409 `still_referenced` while an invoice names the customer. */
  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('customer', expectedVersion, c.version);
      await this.customers.delete({ id });
      await this.audit.record({ action: 'invoicing.customer.deleted', entityType: 'customer', entityId: id, before: snapshot(c), after: null });
      await this.events.publish('invoicing.customer.deleted', { type: 'customer', id }, customerPayload(toCustomerDto(c)));
    });
  }

  async findOrThrow(id: string, lock = false): Promise<Customer> {
    const c = await this.db.findById(Customer, id, { lock });
    if (!c) throw new NotFoundProblem('Customer', id);
    return c;
  }
}

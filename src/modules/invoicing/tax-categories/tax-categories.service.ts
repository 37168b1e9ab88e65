import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { taxCategoryPayload } from '../change.events';
import { CreateTaxCategoryDto, ListTaxCategoriesQuery, TaxCategoryDto } from './dto/tax-category.dto';
import { TaxCategory } from './tax-category.entity';

const SORTS: Record<string, SortField> = { code: { column: 't.code', type: 'text', value: (t: TaxCategory) => t.code } };

export const toTaxCategoryDto = (t: TaxCategory): TaxCategoryDto => ({
  id: t.id,
  code: t.code,
  rate: new Decimal(t.rate).toFixed(2),
  name: t.name,
  exemptionReason: t.exemptionReason,
  exemptionReasonCode: t.exemptionReasonCode,
  validFrom: t.validFrom,
  createdAt: t.createdAt.toISOString(),
});

@Injectable()
export class TaxCategoriesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get categories() {
    return this.db.getRepository(TaxCategory);
  }

  /** Rate rules per category (S above 0; Z, E, AE, K, G, O at 0 with a reason where exempt) are check constraints: 422 `constraint_violation`. */
  async create(input: CreateTaxCategoryDto): Promise<TaxCategoryDto> {
    return this.db.withTransaction(async () => {
      const t: TaxCategory = {
        id: newId(),
        code: input.code,
        rate: input.rate,
        name: input.name.trim(),
        exemptionReason: input.exemptionReason ?? null,
        exemptionReasonCode: input.exemptionReasonCode ?? null,
        validFrom: input.validFrom,
        createdAt: new Date(),
      };
      await this.categories.insert(t);
      const { id: _id, createdAt: _c, ...after } = toTaxCategoryDto(t);
      await this.audit.record({ action: 'invoicing.tax_category.created', entityType: 'tax_category', entityId: t.id, before: null, after });
      await this.events.publish('invoicing.tax_category.created', { type: 'tax_category', id: t.id }, taxCategoryPayload(toTaxCategoryDto(t)));
      return toTaxCategoryDto(t);
    });
  }

  async get(id: string): Promise<TaxCategoryDto> {
    return toTaxCategoryDto(await this.findOrThrow(id));
  }

  async list(query: ListTaxCategoriesQuery): Promise<Page<TaxCategoryDto>> {
    const qb = this.categories.createQueryBuilder('t');
    if (query.code) qb.andWhere('t.code = :code', { code: query.code });
    return paginate(qb, { sort: 'code', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 't.id', map: toTaxCategoryDto });
  }

  async findOrThrow(id: string): Promise<TaxCategory> {
    const t = await this.db.findById(TaxCategory, id);
    if (!t) throw new NotFoundProblem('Tax category', id);
    return t;
  }
}

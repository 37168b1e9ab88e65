import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { seriesPayload } from '../change.events';
import { CreateSeriesDto, ListSeriesQuery, SeriesDto } from './dto/series.dto';
import { formatNumber, patternProblem } from './number-pattern';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.errors';
import { InvoiceSeries, SeriesDocumentType } from './series.entity';

const SORTS: Record<string, SortField> = { code: { column: 's.code', type: 'text', value: (s: InvoiceSeries) => s.code } };

export const toSeriesDto = (s: InvoiceSeries): SeriesDto => ({ id: s.id, code: s.code, name: s.name, pattern: s.pattern, yearlyReset: s.yearlyReset, documentType: s.documentType, createdAt: s.createdAt.toISOString() });

@Injectable()
export class SeriesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get series() {
    return this.db.getRepository(InvoiceSeries);
  }

  async create(input: CreateSeriesDto): Promise<SeriesDto> {
    const yearlyReset = input.yearlyReset ?? true;
    const problem = patternProblem(input.pattern, yearlyReset);
    if (problem) throw new PlatformException(PlatformErrorCode.ValidationFailed, `1 field failed validation: pattern (${problem}).`, {}, [{ field: 'pattern', message: problem }]);
    return this.db.withTransaction(async () => {
      const s: InvoiceSeries = { id: newId(), code: input.code, name: input.name.trim(), pattern: input.pattern, yearlyReset, documentType: input.documentType ?? 'invoice', createdAt: new Date() };
      await this.series.insert(s);
      const { id: _id, createdAt: _c, ...after } = toSeriesDto(s);
      await this.audit.record({ action: 'invoicing.series.created', entityType: 'invoice_series', entityId: s.id, before: null, after });
      await this.events.publish('invoicing.series.created', { type: 'invoice_series', id: s.id }, seriesPayload(toSeriesDto(s)));
      return toSeriesDto(s);
    });
  }

  async get(id: string): Promise<SeriesDto> {
    return toSeriesDto(await this.findOrThrow(id));
  }

  async list(query: ListSeriesQuery): Promise<Page<SeriesDto>> {
    return paginate(this.series.createQueryBuilder('s'), { sort: 'code', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: toSeriesDto });
  }

  /**
   * Takes the next number of the series inside the caller's transaction. The counter row stays
   * locked until commit (other issuers of the series wait); a rollback returns the number, so
   * numbers have no gaps.
   */
  async takeNumber(seriesId: string, issueDate: string, documentType: SeriesDocumentType = 'invoice'): Promise<string> {
    const s = await this.findOrThrow(seriesId);
    if (s.documentType !== documentType) {
      throw new InvoicingException(InvoicingErrorCode.WrongSeries, `Series ${s.code} numbers ${s.documentType.replace('_', ' ')}s, not ${documentType.replace('_', ' ')}s.`, { seriesId, documentType: s.documentType }, 'seriesId');
    }
    const year = Number(issueDate.slice(0, 4));
    const rows: Array<{ taken: string }> = await this.db.manager.query(
      `INSERT INTO invc_series_counters AS c (series_id, year, next_value) VALUES ($1, $2, 2)
       ON CONFLICT (series_id, year) DO UPDATE SET next_value = c.next_value + 1
       RETURNING c.next_value - 1 AS taken`,
      [s.id, s.yearlyReset ? year : 0],
    );
    return formatNumber(s.pattern, year, Number(rows[0].taken));
  }

  async findOrThrow(id: string): Promise<InvoiceSeries> {
    const s = await this.db.findById(InvoiceSeries, id);
    if (!s) throw new NotFoundProblem('Invoice series', id);
    return s;
  }
}

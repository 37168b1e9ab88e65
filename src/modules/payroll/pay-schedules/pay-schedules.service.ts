import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { daysBetweenInclusive } from '../calendar-days';
import { payScheduleCreatedPayload } from '../change.events';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { CreatePayScheduleDto, ListPaySchedulesQuery, PayPeriodListDto, PayPeriodsQuery, PayScheduleDto } from './dto/pay-schedule.dto';
import { generatePayPeriods, PayDateRule, PayScheduleRule } from './pay-periods';
import { PaySchedule } from './pay-schedule.entity';

/** Five years: 261 weekly periods at most, well inside what one response should carry. */
export const MAX_PERIOD_RANGE_DAYS = 1827;

const SORTS: Record<string, SortField> = {
  name: { column: 's.name', type: 'text', value: (s: PaySchedule) => s.name },
  code: { column: 's.code', type: 'text', value: (s: PaySchedule) => s.code },
  createdAt: { column: 's.created_at', type: 'timestamp', value: (s: PaySchedule) => s.createdAt.toISOString() },
};

export function toPayScheduleDto(s: PaySchedule): PayScheduleDto {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    frequency: s.frequency,
    anchorDate: s.anchorDate,
    payDateRule: s.payDateRule,
    payDay: s.payDay,
    payDateOffsetDays: s.payDateOffsetDays,
    prorationMethod: s.prorationMethod,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The calculator's view of a stored schedule. */
export function toScheduleRule(s: PaySchedule): PayScheduleRule {
  const payDateRule: PayDateRule =
    s.payDateRule === 'fixed_day' ? { kind: 'fixed_day', day: s.payDay! } : s.payDateRule === 'days_after_period_end' ? { kind: 'days_after_period_end', days: s.payDateOffsetDays! } : { kind: 'last_working_day' };
  return { frequency: s.frequency, anchorDate: s.anchorDate, payDateRule };
}

const snapshot = (s: PaySchedule) => ({ code: s.code, name: s.name, frequency: s.frequency, anchorDate: s.anchorDate, payDateRule: s.payDateRule, payDay: s.payDay, payDateOffsetDays: s.payDateOffsetDays, prorationMethod: s.prorationMethod });

@Injectable()
export class PaySchedulesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(PaySchedule);
  }

  async create(input: CreatePayScheduleDto): Promise<PayScheduleDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const s = this.repo.create({
        id: newId(),
        code: input.code,
        name: input.name,
        frequency: input.frequency,
        anchorDate: input.anchorDate ?? null,
        payDateRule: input.payDateRule,
        payDay: input.payDay ?? null,
        payDateOffsetDays: input.payDateOffsetDays ?? null,
        prorationMethod: input.prorationMethod ?? 'calendar_days',
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insert(s);
      await this.audit.record({ action: 'payroll.pay_schedule.created', entityType: 'pay_schedule', entityId: s.id, before: null, after: snapshot(s) });
      await this.events.publish('payroll.pay_schedule.created', { type: 'pay_schedule', id: s.id }, payScheduleCreatedPayload(s));
      return toPayScheduleDto(s);
    });
  }

  async get(id: string): Promise<PayScheduleDto> {
    return toPayScheduleDto(await this.findOrThrow(id));
  }

  async list(query: ListPaySchedulesQuery): Promise<Page<PayScheduleDto>> {
    const qb = this.repo.createQueryBuilder('s');
    if (query.frequency) qb.andWhere('s.frequency = :frequency', { frequency: query.frequency });
    return paginate(qb, { sort: query.sort ?? 'name', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: toPayScheduleDto });
  }

  async periods(id: string, query: PayPeriodsQuery): Promise<PayPeriodListDto> {
    const s = await this.findOrThrow(id);
    if (query.to < query.from) throw new PayrollException(PayrollErrorCode.InvalidDateRange, '`to` is before `from`.', {}, 'to');
    if (daysBetweenInclusive(query.from, query.to) > MAX_PERIOD_RANGE_DAYS) {
      throw new PayrollException(PayrollErrorCode.TooManyPeriods, `Ask for at most ${MAX_PERIOD_RANGE_DAYS} days at a time.`, { maxDays: MAX_PERIOD_RANGE_DAYS }, 'to');
    }
    return { data: generatePayPeriods(toScheduleRule(s), query.from, query.to) };
  }

  private async findOrThrow(id: string): Promise<PaySchedule> {
    const s = await this.db.findById(PaySchedule, id);
    if (!s) throw new NotFoundProblem('Pay schedule', id);
    return s;
  }
}

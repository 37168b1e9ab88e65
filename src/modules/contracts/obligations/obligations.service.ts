import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { todayIn } from '../../../platform/time/calendar';
import type { ObligationEventPayload } from '../contracts.events';
import { addMonthsKeepingMonthEnd, RECURRENCE_MONTHS } from '../contracts/contract-dates';
import { ContractsService } from '../contracts/contracts.service';
import { CreateObligationDto, ListObligationsQuery, ObligationDto } from './obligation.dto';
import { Obligation, ObligationStatus } from './obligation.entity';

export const OBLIGATION_TRANSITIONS = new StateMachine<ObligationStatus, 'complete' | 'miss'>('obligation', {
  open: { complete: 'done', miss: 'missed' },
  done: {},
  missed: {},
});

const SORTS: Record<string, SortField> = {
  dueDate: { column: 'o.due_date', type: 'date', value: (o: Obligation) => o.dueDate },
};

const payload = (o: Obligation): ObligationEventPayload => ({
  obligationId: o.id,
  contractId: o.contractId,
  kind: o.kind,
  description: o.description,
  responsibleParty: o.responsibleParty,
  dueDate: o.dueDate,
  status: o.status,
  amount: o.amount,
  currency: o.currency,
});

@Injectable()
export class ObligationsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly contracts: ContractsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get obligations() {
    return this.db.getRepository(Obligation);
  }

  private view(o: Obligation, today = todayIn(this.config.COMPANY_TIME_ZONE)): ObligationDto {
    return {
      id: o.id,
      contractId: o.contractId,
      kind: o.kind,
      description: o.description,
      responsibleParty: o.responsibleParty,
      dueDate: o.dueDate,
      recurrence: o.recurrence,
      status: o.status,
      overdue: o.status === 'open' && o.dueDate < today,
      amount: o.amount,
      currency: o.currency,
      completedAt: o.completedAt ? o.completedAt.toISOString() : null,
      version: o.version,
      createdAt: o.createdAt.toISOString(),
    };
  }

  async create(contractId: string, input: CreateObligationDto): Promise<ObligationDto> {
    return this.db.withTransaction(async () => {
      const c = await this.contracts.findOrThrow(contractId);
      if (c.status === 'expired' || c.status === 'terminated') {
        throw new PlatformException(PlatformErrorCode.InvalidStateTransition, `Contract ${c.number} is ${c.status}; it takes no new obligations.`, { currentState: c.status, action: 'add_obligation', allowedActions: [] });
      }
      if ((input.amount === undefined) !== (input.currency === undefined)) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, '1 field failed validation: currency.', {}, [{ field: input.amount === undefined ? 'amount' : 'currency', message: 'amount and currency go together' }]);
      }
      const now = new Date();
      const o: Obligation = { id: newId(), contractId, kind: input.kind ?? 'obligation', description: input.description, responsibleParty: input.responsibleParty, dueDate: input.dueDate, recurrence: input.recurrence ?? 'none', status: 'open', amount: input.amount ?? null, currency: input.currency ?? null, completedAt: null, version: 1, createdAt: now, updatedAt: now };
      await this.obligations.insert(o);
      await this.audit.record({ action: 'contracts.obligation.created', entityType: 'contract_obligation', entityId: o.id, before: null, after: payload(o) as never });
      await this.events.publish('contracts.obligation.created', { type: 'contract_obligation', id: o.id }, payload(o));
      return this.view(o);
    });
  }

  async list(query: ListObligationsQuery, contractId?: string): Promise<Page<ObligationDto>> {
    if (contractId) await this.contracts.findOrThrow(contractId);
    const today = todayIn(this.config.COMPANY_TIME_ZONE);
    const qb = this.obligations.createQueryBuilder('o');
    if (contractId) qb.andWhere('o.contract_id = :contractId', { contractId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.overdue === 'true') qb.andWhere(`o.status = 'open' AND o.due_date < :today`, { today });
    if (query.overdue === 'false') qb.andWhere(`NOT (o.status = 'open' AND o.due_date < :today)`, { today });
    if (query.dueBefore) qb.andWhere('o.due_date <= :dueBefore', { dueBefore: query.dueBefore });
    return paginate(qb, { sort: query.sort ?? 'dueDate', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'o.id', map: (o: Obligation) => this.view(o, today) });
  }

  /** Done (or missed); a recurring obligation records it and moves on to its next due date, staying open. */
  async settle(id: string, action: 'complete' | 'miss', expectedVersion: number | undefined): Promise<ObligationDto> {
    return this.db.withTransaction(async () => {
      const o = await this.obligations.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!o) throw new NotFoundProblem('Obligation', id);
      assertVersion('obligation', expectedVersion, o.version);
      const settled = OBLIGATION_TRANSITIONS.next(o.status, action);
      const now = new Date();
      const recurring = o.recurrence !== 'none';
      const next: Obligation = {
        ...o,
        status: recurring ? 'open' : settled,
        dueDate: recurring ? addMonthsKeepingMonthEnd(o.dueDate, RECURRENCE_MONTHS[o.recurrence as 'monthly']) : o.dueDate,
        completedAt: action === 'complete' ? now : o.completedAt,
        version: o.version + 1,
        updatedAt: now,
      };
      await this.obligations.update({ id }, { status: next.status, dueDate: next.dueDate, completedAt: next.completedAt, version: next.version, updatedAt: now });
      await this.audit.record({ action: `contracts.obligation.${action === 'complete' ? 'completed' : 'missed'}`, entityType: 'contract_obligation', entityId: id, before: { status: o.status, dueDate: o.dueDate }, after: { status: next.status, dueDate: next.dueDate, settled: o.dueDate } });
      await this.events.publish(action === 'complete' ? 'contracts.obligation.completed' : 'contracts.obligation.missed', { type: 'contract_obligation', id }, { ...payload(o), status: settled });
      return this.view(next);
    });
  }
}

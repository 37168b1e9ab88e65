import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { MoneyDecimal } from '../../../platform/money/money';
import { InvoicingFacade } from '../../invoicing';
import { ContractsErrorCode, ContractsException } from '../contracts.errors';
import { plusDays, RECURRENCE_MONTHS, termEndDate } from '../contracts/contract-dates';
import { ContractsService } from '../contracts/contracts.service';
import { BillingPeriodDto, BillingScheduleDto, CreateBillingScheduleDto, ListBillingQuery } from './billing.dto';
import { BillingPeriod, BillingSchedule } from './billing.entity';

const SCHEDULE_SORTS: Record<string, SortField> = { createdAt: { column: 's.created_at', type: 'timestamp', value: (s: BillingSchedule) => s.createdAt.toISOString() } };
const PERIOD_SORTS: Record<string, SortField> = { periodStart: { column: 'p.period_start', type: 'date', value: (p: BillingPeriod) => p.periodStart } };
/** Most periods one run catches up per schedule (the next run goes on). */
const MAX_PERIODS_PER_RUN = 24;
const MAX_SCHEDULES_PER_RUN = 200;

const view = (s: BillingSchedule): BillingScheduleDto => ({
  id: s.id,
  contractId: s.contractId,
  amount: s.amount,
  currency: s.currency,
  period: s.period,
  seriesId: s.seriesId,
  taxCategoryId: s.taxCategoryId,
  description: s.description,
  startDate: s.startDate,
  endDate: s.endDate,
  nextPeriodStart: s.nextPeriodStart,
  active: s.active,
  version: s.version,
  createdAt: s.createdAt.toISOString(),
});

@Injectable()
export class BillingService {
  private readonly logger = new Logger('ContractBilling');

  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly contracts: ContractsService,
    private readonly invoicing: InvoicingFacade,
  ) {}

  async create(contractId: string, input: CreateBillingScheduleDto): Promise<BillingScheduleDto> {
    return this.db.withTransaction(async () => {
      const c = await this.contracts.findOrThrow(contractId);
      if (!['customer', 'service'].includes(c.type) || c.counterpartyKind !== 'customer' || !c.counterpartyCustomerId) {
        throw new ContractsException(ContractsErrorCode.BillingNotAllowed, `Contract ${c.number} is a ${c.type} contract with a ${c.counterpartyKind}; billing schedules need a customer or service contract with an invoicing customer.`);
      }
      if (c.status === 'expired' || c.status === 'terminated') {
        throw new PlatformException(PlatformErrorCode.InvalidStateTransition, `Contract ${c.number} is ${c.status}; it takes no billing schedule.`, { currentState: c.status, action: 'add_billing_schedule', allowedActions: [] });
      }
      const customer = await this.invoicing.findCustomer(c.counterpartyCustomerId);
      if (!customer) throw new NotFoundProblem('Customer', c.counterpartyCustomerId);
      const startDate = input.startDate ?? c.startDate;
      if (input.endDate && input.endDate < startDate) throw new PlatformException(PlatformErrorCode.ValidationFailed, '1 field failed validation: endDate.', {}, [{ field: 'endDate', message: `must not be before the start date ${startDate}` }]);
      const now = new Date();
      const s: BillingSchedule = {
        id: newId(),
        contractId,
        amount: input.amount,
        currency: c.currency ?? customer.currency,
        period: input.period,
        seriesId: input.seriesId,
        taxCategoryId: input.taxCategoryId,
        description: input.description ?? c.title,
        startDate,
        endDate: input.endDate ?? null,
        nextPeriodStart: startDate,
        active: true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.db.getRepository(BillingSchedule).insert(s);
      await this.audit.record({ action: 'contracts.billing_schedule.created', entityType: 'contract_billing_schedule', entityId: s.id, before: null, after: view(s) as never });
      await this.events.publish('contracts.billing_schedule.created', { type: 'contract_billing_schedule', id: s.id }, {
        scheduleId: s.id,
        contractId,
        amount: new MoneyDecimal(s.amount).toFixed(2),
        currency: s.currency,
        period: s.period,
        seriesId: s.seriesId,
        taxCategoryId: s.taxCategoryId,
        startDate: s.startDate,
        endDate: s.endDate,
        nextPeriodStart: s.nextPeriodStart,
        active: s.active,
      });
      return view(s);
    });
  }

  async list(contractId: string, query: ListBillingQuery): Promise<Page<BillingScheduleDto>> {
    await this.contracts.findOrThrow(contractId);
    const qb = this.db.getRepository(BillingSchedule).createQueryBuilder('s').where('s.contract_id = :contractId', { contractId });
    return paginate(qb, { sort: 'createdAt', fields: SCHEDULE_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: view });
  }

  async periods(scheduleId: string, query: ListBillingQuery): Promise<Page<BillingPeriodDto>> {
    if (!(await this.db.getRepository(BillingSchedule).existsBy({ id: scheduleId }))) throw new NotFoundProblem('Billing schedule', scheduleId);
    const qb = this.db.getRepository(BillingPeriod).createQueryBuilder('p').where('p.schedule_id = :scheduleId', { scheduleId });
    return paginate(qb, {
      sort: 'periodStart',
      fields: PERIOD_SORTS,
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'p.id',
      map: (p: BillingPeriod) => ({ scheduleId: p.scheduleId, periodStart: p.periodStart, periodEnd: p.periodEnd, invoiceId: p.invoiceId, createdAt: p.createdAt.toISOString() }),
    });
  }

  /**
   * Invoices every period that has started by `asOf` for running contracts: one draft invoice per
   * period through the invoicing facade, in the same transaction as the `(schedule, period)` row.
   * The schedule row is claimed with FOR UPDATE SKIP LOCKED, so parallel runs split the work and
   * the primary key refuses a second invoice for a period even so.
   */
  async runDue(asOf: string): Promise<{ invoiced: number; failed: number }> {
    const due: { id: string }[] = await this.db.manager.query(
      `SELECT s.id FROM ctr_billing_schedules s JOIN ctr_contracts c ON c.id = s.contract_id
        WHERE s.active AND s.next_period_start <= $1 AND (s.end_date IS NULL OR s.next_period_start <= s.end_date)
          AND c.status IN ('active', 'expiring')
        ORDER BY s.next_period_start, s.id LIMIT $2`,
      [asOf, MAX_SCHEDULES_PER_RUN],
    );
    let invoiced = 0;
    let failed = 0;
    for (const { id } of due) {
      const nested = this.db.inTransaction;
      if (nested) await this.db.manager.query('SAVEPOINT ctr_billing_schedule');
      try {
        invoiced += await this.db.withTransaction(() => this.invoiceSchedule(id, asOf));
        if (nested) await this.db.manager.query('RELEASE SAVEPOINT ctr_billing_schedule');
      } catch (err) {
        if (nested) await this.db.manager.query('ROLLBACK TO SAVEPOINT ctr_billing_schedule');
        failed++;
        this.logger.warn(`billing schedule ${id} not invoiced: ${String(err)}`);
      }
    }
    return { invoiced, failed };
  }

  private async invoiceSchedule(id: string, asOf: string): Promise<number> {
    const rows: { id: string }[] = await this.db.manager.query(
      `SELECT id FROM ctr_billing_schedules WHERE id = $1 AND active AND next_period_start <= $2 FOR UPDATE SKIP LOCKED`,
      [id, asOf],
    );
    if (!rows.length) return 0;
    const schedule = (await this.db.getRepository(BillingSchedule).findOneBy({ id }))!;
    const contract = await this.contracts.findOrThrow(schedule.contractId);
    let start = schedule.nextPeriodStart;
    let count = 0;
    while (start <= asOf && (!schedule.endDate || start <= schedule.endDate) && count < MAX_PERIODS_PER_RUN) {
      const fullEnd = termEndDate(start, RECURRENCE_MONTHS[schedule.period]);
      const end = schedule.endDate && schedule.endDate < fullEnd ? schedule.endDate : fullEnd;
      const invoice = await this.invoicing.createDraftInvoice({
        customerId: contract.counterpartyCustomerId!,
        seriesId: schedule.seriesId,
        currency: schedule.currency,
        orderReference: contract.number,
        note: `Contract ${contract.number}, period ${start} to ${end}`,
        lines: [{ description: `${schedule.description} (${start} – ${end})`.slice(0, 500), quantity: '1', unitPrice: schedule.amount, taxCategoryId: schedule.taxCategoryId }],
      });
      await this.db.getRepository(BillingPeriod).insert({ id: newId(), scheduleId: id, periodStart: start, periodEnd: end, contractId: contract.id, invoiceId: invoice.id, createdAt: new Date() });
      await this.events.publish('contracts.billing_period.invoiced', { type: 'contract_billing_schedule', id }, { scheduleId: id, contractId: contract.id, contractNumber: contract.number, periodStart: start, periodEnd: end, invoiceId: invoice.id, amount: schedule.amount, currency: schedule.currency });
      start = plusDays(end, 1);
      count++;
    }
    await this.db.getRepository(BillingSchedule).update({ id }, { nextPeriodStart: start, version: schedule.version + 1, updatedAt: new Date() });
    await this.audit.record({ action: 'contracts.billing_schedule.invoiced', entityType: 'contract_billing_schedule', entityId: id, before: { nextPeriodStart: schedule.nextPeriodStart }, after: { nextPeriodStart: start, periods: count } });
    return count;
  }
}

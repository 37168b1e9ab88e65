import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { RequestContext } from '../../../platform/context/request-context';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { MoneyDecimal } from '../../../platform/money/money';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { changedFields } from '../../../platform/changes/changed-fields';
import { HrFacade } from '../../hr';
import { periodContaining } from '../pay-schedules/pay-periods';
import { PaySchedule } from '../pay-schedules/pay-schedule.entity';
import { toScheduleRule } from '../pay-schedules/pay-schedules.service';
import { ScheduleAssignment } from '../pay-schedules/schedule-assignment.entity';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { PayRunEventPayload } from '../payroll.events';
import { PAY_RUN_INPUT_DECIMALS, PAY_RUN_INPUT_FIELDS } from '../change.events';
import { CreatePayRunDto, ListPayRunsQuery, PayRunDto, PayRunInputDto, PayRunInputViewDto } from './dto/pay-run.dto';
import { PayRunCalculationService } from './pay-run-calculation.service';
import { PayRun, PayRunInput, PayRunStatus } from './pay-run.entity';

export type PayRunAction = 'edit_inputs' | 'calculate' | 'approve' | 'mark_paid' | 'cancel';

/** Pay run states as data. Editing inputs of a calculated run makes it a draft again. */
export const PAY_RUN_TRANSITIONS = new StateMachine<PayRunStatus, PayRunAction>('pay run', {
  draft: { edit_inputs: 'draft', calculate: 'calculated', cancel: 'cancelled' },
  calculated: { edit_inputs: 'draft', calculate: 'calculated', approve: 'approved', cancel: 'cancelled' },
  approved: { mark_paid: 'paid' },
  paid: {},
  cancelled: {},
});

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'r.created_at', type: 'timestamp', value: (r: PayRun) => r.createdAt.toISOString() },
  periodStart: { column: 'r.period_start', type: 'date', value: (r: PayRun) => r.periodStart },
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPayRunDto(r: PayRun): PayRunDto {
  return {
    id: r.id,
    payScheduleId: r.payScheduleId,
    type: r.type,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    payDate: r.payDate,
    status: r.status,
    allowedActions: PAY_RUN_TRANSITIONS.allowedActions(r.status),
    ruleSetCode: r.ruleSetCode,
    reason: r.reason,
    employeeCount: r.employeeCount,
    totals: r.currency && r.gross !== null && r.net !== null && r.employerContributions !== null ? { currency: r.currency, gross: r.gross, net: r.net, employerContributions: r.employerContributions } : null,
    calculatedAt: iso(r.calculatedAt),
    calculatedBy: r.calculatedBy,
    approvedAt: iso(r.approvedAt),
    approvedBy: r.approvedBy,
    paidAt: iso(r.paidAt),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const payload = (r: PayRun): PayRunEventPayload => ({
  payRunId: r.id,
  payScheduleId: r.payScheduleId,
  type: r.type,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  payDate: r.payDate,
  status: r.status,
  employeeCount: r.employeeCount,
  currency: r.currency,
  gross: r.gross,
  net: r.net,
  employerContributions: r.employerContributions,
});

const money = (v: string) => new MoneyDecimal(v).toFixed(2);

/** An employee's inputs before any were set: what the first `PUT .../inputs/{employeeId}` is compared with. */
const NO_INPUT: PayRunInput = { payRunId: '', employeeId: '', bonus: '0', commission: '0', reimbursement: '0', correction: '0', hours: [], unpaidDays: [], componentHours: {}, version: 0, updatedAt: new Date(0) };

const toInputView = (i: PayRunInput): PayRunInputViewDto => ({
  payRunId: i.payRunId,
  employeeId: i.employeeId,
  bonus: money(i.bonus),
  commission: money(i.commission),
  reimbursement: money(i.reimbursement),
  correction: money(i.correction),
  hours: i.hours,
  unpaidDays: i.unpaidDays,
  componentHours: Object.entries(i.componentHours).map(([code, hours]) => ({ code, hours })),
  version: i.version,
});

@Injectable()
export class PayRunsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
    private readonly calculation: PayRunCalculationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get runs() {
    return this.db.getRepository(PayRun);
  }

  async create(input: CreatePayRunDto): Promise<PayRunDto> {
    const type = input.type ?? 'regular';
    const invalid = (field: string, detail: string) => new PlatformException(PlatformErrorCode.ValidationFailed, detail, {}, [{ field, message: detail }]);
    if (type === 'regular' && (input.periodEnd !== undefined || input.payDate !== undefined)) throw invalid('periodEnd', 'A regular run takes its period and pay date from the schedule; leave out periodEnd and payDate.');
    if (type === 'off_cycle') {
      if (!input.periodEnd) throw invalid('periodEnd', 'An off-cycle run needs periodEnd.');
      if (!input.payDate) throw invalid('payDate', 'An off-cycle run needs payDate.');
      if (!input.reason) throw invalid('reason', 'An off-cycle run needs a reason.');
      if (input.periodEnd < input.periodStart) throw new PayrollException(PayrollErrorCode.InvalidDateRange, '`periodEnd` is before `periodStart`.', {}, 'periodEnd');
    }
    return this.db.withTransaction(async () => {
      const schedule = await this.db.findById(PaySchedule, input.payScheduleId);
      if (!schedule) throw new NotFoundProblem('Pay schedule', input.payScheduleId);
      const period = type === 'regular' ? periodContaining(toScheduleRule(schedule), input.periodStart) : { start: input.periodStart, end: input.periodEnd!, payDate: input.payDate! };
      const now = new Date();
      const run: PayRun = {
        id: newId(),
        payScheduleId: schedule.id,
        type,
        periodStart: period.start,
        periodEnd: period.end,
        payDate: period.payDate,
        status: 'draft',
        ruleSetCode: input.ruleSetCode ?? null,
        reason: input.reason ?? null,
        employeeCount: 0,
        currency: null,
        gross: null,
        net: null,
        employerContributions: null,
        calculatedAt: null,
        calculatedByKeyId: null,
        calculatedBy: null,
        approvedAt: null,
        approvedByKeyId: null,
        approvedBy: null,
        paidAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.runs.insert(run);
      const saved = await this.findOrThrow(run.id);
      await this.audit.record({ action: 'payroll.pay_run.created', entityType: 'pay_run', entityId: run.id, before: null, after: { payScheduleId: run.payScheduleId, type, periodStart: run.periodStart, periodEnd: run.periodEnd, payDate: run.payDate, ruleSetCode: run.ruleSetCode, reason: run.reason } });
      await this.events.publish('payroll.pay_run.created', { type: 'pay_run', id: run.id }, payload(saved));
      return toPayRunDto(saved);
    });
  }

  async get(id: string): Promise<PayRunDto> {
    return toPayRunDto(await this.findOrThrow(id));
  }

  async list(query: ListPayRunsQuery): Promise<Page<PayRunDto>> {
    const qb = this.runs.createQueryBuilder('r');
    if (query.payScheduleId) qb.andWhere('r.pay_schedule_id = :s', { s: query.payScheduleId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'r.id', map: toPayRunDto });
  }

  /** Sets one employee's one-off inputs (replacing earlier ones); a calculated run becomes a draft again. */
  async setInput(id: string, employeeId: string, input: PayRunInputDto, expectedVersion: number | undefined): Promise<PayRunInputViewDto> {
    return this.db.withTransaction(async () => {
      const run = await this.findOrThrow(id, true);
      assertVersion('pay run', expectedVersion, run.version);
      const status = PAY_RUN_TRANSITIONS.next(run.status, 'edit_inputs');
      if (!(await this.hr.findEmployee(employeeId))) throw new NotFoundProblem('Employee', employeeId);
      const assignment = await this.db.getRepository(ScheduleAssignment).findOneBy({ employeeId });
      if (assignment?.payScheduleId !== run.payScheduleId) {
        throw new PayrollException(PayrollErrorCode.EmployeeNotOnSchedule, 'The employee is not paid on this pay run\'s schedule.', { employeeId, payScheduleId: run.payScheduleId }, 'employeeId');
      }
      const outside = [...(input.hours ?? []).map((h) => h.date), ...(input.unpaidDays ?? [])].find((d) => d < run.periodStart || d > run.periodEnd);
      if (outside) throw new PayrollException(PayrollErrorCode.InvalidDateRange, `${outside} is outside the period ${run.periodStart}–${run.periodEnd}.`, {}, input.unpaidDays?.includes(outside) ? 'unpaidDays' : 'hours');
      const repo = this.db.getRepository(PayRunInput);
      const before = await repo.findOneBy({ payRunId: id, employeeId });
      const row: PayRunInput = {
        payRunId: id,
        employeeId,
        bonus: input.bonus ?? '0',
        commission: input.commission ?? '0',
        reimbursement: input.reimbursement ?? '0',
        correction: input.correction ?? '0',
        hours: (input.hours ?? []).map((h) => ({ date: h.date, kind: h.kind, hours: h.hours })).sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind)),
        unpaidDays: [...new Set(input.unpaidDays ?? [])].sort(),
        componentHours: Object.fromEntries((input.componentHours ?? []).map((c) => [c.code, c.hours]).sort(([a], [b]) => a.localeCompare(b))),
        version: (before?.version ?? 0) + 1,
        updatedAt: new Date(),
      };
      // re-sending the inputs already set changes nothing: the run keeps its version and status
      if (before && !changedFields(PAY_RUN_INPUT_FIELDS, toInputView(before), toInputView(row), { decimals: PAY_RUN_INPUT_DECIMALS }).length) return toInputView(before);
      await repo.upsert(row, ['payRunId', 'employeeId']);
      await this.runs.update({ id }, { status, version: run.version + 1, updatedAt: new Date() });
      const saved = (await repo.findOneBy({ payRunId: id, employeeId }))!;
      await this.audit.record({ action: 'payroll.pay_run_input.set', entityType: 'pay_run', entityId: id, before: before ? { [employeeId]: toInputView(before) } : null, after: { [employeeId]: toInputView(saved) } });
      // Pay inputs are sensitive: the event names the inputs that changed, never their values.
      await this.events.publish('payroll.pay_run_input.set', { type: 'pay_run', id }, {
        payRunId: id,
        employeeId,
        version: saved.version,
        changedFields: changedFields(PAY_RUN_INPUT_FIELDS, toInputView(before ?? NO_INPUT), toInputView(saved), { decimals: PAY_RUN_INPUT_DECIMALS }),
      });
      if (status !== run.status) await this.events.publish('payroll.pay_run.reopened', { type: 'pay_run', id }, payload(await this.findOrThrow(id)));
      return toInputView(saved);
    });
  }

  /** Computes every payslip and replaces the previous calculation, in one transaction holding the run's lock. */
  async calculate(id: string, expectedVersion: number | undefined): Promise<PayRunDto> {
    return this.db.withTransaction(async () => {
      const run = await this.findOrThrow(id, true);
      assertVersion('pay run', expectedVersion, run.version);
      const status = PAY_RUN_TRANSITIONS.next(run.status, 'calculate');
      const schedule = (await this.db.findById(PaySchedule, run.payScheduleId))!;
      const totals = await this.calculation.calculate(run, schedule);
      const actor = RequestContext.actor();
      const now = new Date();
      await this.runs.update({ id }, { status, ...totals, calculatedAt: now, calculatedByKeyId: actor.keyId, calculatedBy: actor.actingUser ?? actor.keyName, version: run.version + 1, updatedAt: now });
      const saved = await this.findOrThrow(id);
      await this.audit.record({ action: 'payroll.pay_run.calculated', entityType: 'pay_run', entityId: id, before: { status: run.status, ...pick(run) }, after: { status, ...pick(saved) } });
      await this.events.publish('payroll.pay_run.calculated', { type: 'pay_run', id }, payload(saved));
      return toPayRunDto(saved);
    });
  }

  /** Locks the run for good. With four-eyes on, the key that calculated it cannot approve it. */
  async approve(id: string, expectedVersion: number | undefined): Promise<PayRunDto> {
    return this.db.withTransaction(async () => {
      const run = await this.findOrThrow(id, true);
      assertVersion('pay run', expectedVersion, run.version);
      if (run.status === 'draft') {
        throw new PayrollException(PayrollErrorCode.PayRunNotCalculated, 'Calculate the pay run (again) before approving it.', { currentState: run.status, allowedActions: PAY_RUN_TRANSITIONS.allowedActions(run.status) });
      }
      const status = PAY_RUN_TRANSITIONS.next(run.status, 'approve');
      const actor = RequestContext.actor();
      if (this.config.PAYROLL_FOUR_EYES && run.calculatedByKeyId !== null && run.calculatedByKeyId === actor.keyId) {
        throw new PayrollException(PayrollErrorCode.FourEyesRequired, 'Four-eyes rule: the API key that calculated this pay run cannot approve it; approve with another key.', { calculatedBy: run.calculatedBy });
      }
      const now = new Date();
      await this.runs.update({ id }, { status, approvedAt: now, approvedByKeyId: actor.keyId, approvedBy: actor.actingUser ?? actor.keyName, version: run.version + 1, updatedAt: now });
      const saved = await this.findOrThrow(id);
      await this.audit.record({ action: 'payroll.pay_run.approved', entityType: 'pay_run', entityId: id, before: { status: run.status }, after: { status } });
      await this.events.publish('payroll.pay_run.approved', { type: 'pay_run', id }, payload(saved));
      return toPayRunDto(saved);
    });
  }

  async markPaid(id: string, expectedVersion: number | undefined): Promise<PayRunDto> {
    return this.simpleTransition(id, 'mark_paid', expectedVersion, 'payroll.pay_run.paid', (now) => ({ paidAt: now }));
  }

  async cancel(id: string, expectedVersion: number | undefined): Promise<PayRunDto> {
    return this.simpleTransition(id, 'cancel', expectedVersion, 'payroll.pay_run.cancelled', () => ({}));
  }

  private async simpleTransition(
    id: string,
    action: 'mark_paid' | 'cancel',
    expectedVersion: number | undefined,
    topic: 'payroll.pay_run.paid' | 'payroll.pay_run.cancelled',
    extra: (now: Date) => Partial<PayRun>,
  ): Promise<PayRunDto> {
    return this.db.withTransaction(async () => {
      const run = await this.findOrThrow(id, true);
      assertVersion('pay run', expectedVersion, run.version);
      const status = PAY_RUN_TRANSITIONS.next(run.status, action);
      const now = new Date();
      await this.runs.update({ id }, { status, ...extra(now), version: run.version + 1, updatedAt: now });
      const saved = await this.findOrThrow(id);
      await this.audit.record({ action: `payroll.pay_run.${status}`, entityType: 'pay_run', entityId: id, before: { status: run.status }, after: { status } });
      await this.events.publish(topic, { type: 'pay_run', id }, payload(saved));
      return toPayRunDto(saved);
    });
  }

  async findOrThrow(id: string, lock = false): Promise<PayRun> {
    const r = await this.db.findById(PayRun, id, { lock });
    if (!r) throw new NotFoundProblem('Pay run', id);
    return r;
  }
}

function pick(r: PayRun) {
  return { employeeCount: r.employeeCount, currency: r.currency, gross: r.gross, net: r.net, employerContributions: r.employerContributions };
}

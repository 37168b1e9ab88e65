import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { assertDateRange, CalendarsService } from '../calendars/calendars.service';
import { leaveAmount, LeaveSpan } from '../calendars/working-days';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import type { LeaveRequestEventPayload } from '../hr.events';
import { CancelLeaveRequestDto, CreateLeaveRequestDto, LeaveDecisionDto, LeaveRequestDto, ListLeaveRequestsQuery } from './dto/leave.dto';
import { LeaveLedgerService, lockEmployeeLeave } from './leave-ledger.service';
import { spansOverlap } from './leave-math';
import { LeaveTypesService } from './leave-types.service';
import { LeaveLedgerEntry, LeaveRequest, LeaveRequestStatus, LeaveType } from './leave.entities';

type LeaveAction = 'submit' | 'approve' | 'reject' | 'cancel';
export const LEAVE_REQUEST_TRANSITIONS = new StateMachine<LeaveRequestStatus, LeaveAction>('leave request', {
  draft: { submit: 'submitted', cancel: 'cancelled' },
  submitted: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: { cancel: 'cancelled' },
  rejected: {},
  cancelled: {},
});

const SORTS: Record<string, SortField> = {
  startDate: { column: 'r.start_date', type: 'date', value: (r: LeaveRequest) => r.startDate },
  createdAt: { column: 'r.created_at', type: 'timestamp', value: (r: LeaveRequest) => r.createdAt.toISOString() },
};

export function toLeaveRequestDto(r: LeaveRequest): LeaveRequestDto {
  return {
    id: r.id,
    employeeId: r.employeeId,
    leaveTypeId: r.leaveTypeId,
    startDate: r.startDate,
    endDate: r.endDate,
    halfDayStart: r.halfDayStart,
    halfDayEnd: r.halfDayEnd,
    amount: r.amount,
    unit: r.unit,
    status: r.status,
    allowedActions: LEAVE_REQUEST_TRANSITIONS.allowedActions(r.status),
    reason: r.reason,
    decidedByEmployeeId: r.decidedByEmployeeId,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decisionNote: r.decisionNote,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshot = (r: LeaveRequest) => {
  const { allowedActions: _a, version: _v, createdAt: _c, updatedAt: _u, ...rest } = toLeaveRequestDto(r);
  return rest as Record<string, unknown>;
};

@Injectable()
export class LeaveRequestsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly calendars: CalendarsService,
    private readonly types: LeaveTypesService,
    private readonly ledger: LeaveLedgerService,
  ) {}

  private get repo() {
    return this.db.getRepository(LeaveRequest);
  }

  private async employee(id: string): Promise<Employee> {
    const e = await this.db.getRepository(Employee).findOneBy({ id });
    if (!e) throw new NotFoundProblem('Employee', id);
    return e;
  }

  /** Working days (or hours) of the employee's calendar the span costs. */
  private async amountFor(employee: Employee, type: LeaveType, span: LeaveSpan): Promise<string> {
    const rules = await this.calendars.rules(await this.calendars.calendarIdFor(employee), span.startDate, span.endDate);
    return leaveAmount(span, rules, type.unit, rules.calendar.dailyHours);
  }

  private async assertNoOverlap(r: LeaveRequest): Promise<void> {
    const others = await this.repo
      .createQueryBuilder('r')
      .where('r.employee_id = :employeeId AND r.id <> :id', { employeeId: r.employeeId, id: r.id })
      .andWhere(`r.status IN ('submitted', 'approved')`)
      .andWhere('r.start_date <= :end AND r.end_date >= :start', { start: r.startDate, end: r.endDate })
      .getMany();
    const clash = others.filter((o) => spansOverlap(o, r));
    if (clash.length) {
      throw new HrException(HrErrorCode.LeaveOverlap, `The request overlaps ${clash.length === 1 ? 'another request' : `${clash.length} other requests`} of this employee (${clash.map((c) => `${c.startDate}..${c.endDate} ${c.status}`).join(', ')}).`, {
        conflictingRequestIds: clash.map((c) => c.id),
      });
    }
  }

  private async assertBalance(r: LeaveRequest, type: LeaveType): Promise<void> {
    if (type.allowNegative) return;
    const balance = await this.ledger.totalBalance(r.employeeId, r.leaveTypeId);
    const [{ pending }] = await this.db.manager.query(
      `SELECT coalesce(sum(amount), 0)::numeric(12,2)::text AS pending FROM hr_leave_requests
        WHERE employee_id = $1 AND leave_type_id = $2 AND status = 'submitted' AND id <> $3`,
      [r.employeeId, r.leaveTypeId, r.id],
    );
    const available = new Decimal(balance).minus(pending as string);
    if (new Decimal(r.amount).gt(available)) {
      throw new HrException(HrErrorCode.InsufficientLeaveBalance, `The request needs ${r.amount} ${r.unit}; ${available.toFixed(2)} available (balance ${balance}, pending ${pending}).`, {
        requested: r.amount,
        available: available.toFixed(2),
        balance,
        pending,
      });
    }
  }

  private async assertApprover(r: LeaveRequest, type: LeaveType, approverEmployeeId: string): Promise<void> {
    const employee = await this.employee(r.employeeId);
    const expected = type.approver === 'manager' ? employee.managerId : type.approverEmployeeId;
    if (!expected || expected !== approverEmployeeId || approverEmployeeId === r.employeeId) {
      throw new HrException(
        HrErrorCode.NotTheApprover,
        type.approver === 'manager'
          ? expected ? 'Only the employee\'s manager may decide this request.' : 'The employee has no manager to decide this request; set a manager or use a leave type with a named approver.'
          : 'Only the named approver of this leave type may decide this request.',
        { approver: type.approver },
        'approverEmployeeId',
      );
    }
  }

  private async publish(topic: 'hr.leave_request.created' | 'hr.leave_request.submitted' | 'hr.leave_request.approved' | 'hr.leave_request.rejected' | 'hr.leave_request.cancelled', r: LeaveRequest, type: LeaveType, extra: Partial<LeaveRequestEventPayload> = {}) {
    await this.events.publish(topic, { type: 'leave_request', id: r.id }, {
      leaveRequestId: r.id,
      employeeId: r.employeeId,
      leaveTypeId: r.leaveTypeId,
      leaveTypeCode: type.code,
      paid: type.paid,
      startDate: r.startDate,
      endDate: r.endDate,
      halfDayStart: r.halfDayStart,
      halfDayEnd: r.halfDayEnd,
      amount: r.amount,
      unit: r.unit,
      status: r.status,
      decidedByEmployeeId: r.decidedByEmployeeId,
      ...extra,
    });
  }

  async create(input: CreateLeaveRequestDto): Promise<LeaveRequestDto> {
    return this.db.withTransaction(async () => {
      assertDateRange(input.startDate, input.endDate);
      const employee = await this.employee(input.employeeId);
      const type = await this.types.findOrThrow(input.leaveTypeId);
      const span = { startDate: input.startDate, endDate: input.endDate, halfDayStart: input.halfDayStart ?? false, halfDayEnd: input.halfDayEnd ?? false };
      if ((span.halfDayStart || span.halfDayEnd) && !type.halfDaysAllowed) {
        throw new HrException(HrErrorCode.HalfDaysNotAllowed, `Leave type ${type.code} is taken in whole days.`, {}, span.halfDayStart ? 'halfDayStart' : 'halfDayEnd');
      }
      if (span.startDate === span.endDate && span.halfDayStart && span.halfDayEnd) {
        throw new HrException(HrErrorCode.InvalidDateRange, 'A one-day request is either a morning (halfDayEnd) or an afternoon (halfDayStart), not both.', {}, 'halfDayEnd');
      }
      if (span.startDate < employee.hireDate || (employee.terminationDate && span.endDate > employee.terminationDate)) {
        throw new HrException(HrErrorCode.OutsideEmployment, `Leave must fall between the hire date ${employee.hireDate}${employee.terminationDate ? ` and the termination date ${employee.terminationDate}` : ''}.`, {}, 'startDate');
      }
      const amount = await this.amountFor(employee, type, span);
      if (new Decimal(amount).isZero()) {
        throw new HrException(HrErrorCode.InvalidDateRange, 'The request contains no working day of the employee\'s calendar.', {}, 'endDate');
      }
      await lockEmployeeLeave(this.db, employee.id);
      const now = new Date();
      const r = this.repo.create({
        id: newId(),
        employeeId: employee.id,
        leaveTypeId: type.id,
        ...span,
        amount,
        unit: type.unit,
        status: 'draft',
        reason: input.reason ?? null,
        decidedByEmployeeId: null,
        decidedAt: null,
        decisionNote: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.assertNoOverlap(r);
      await this.repo.insert(r);
      await this.audit.record({ action: 'hr.leave_request.created', entityType: 'leave_request', entityId: r.id, before: null, after: snapshot(r) });
      await this.publish('hr.leave_request.created', r, type);
      return toLeaveRequestDto(r);
    });
  }

  async get(id: string): Promise<LeaveRequestDto> {
    return toLeaveRequestDto(await this.findOrThrow(id));
  }

  async list(query: ListLeaveRequestsQuery): Promise<Page<LeaveRequestDto>> {
    const qb = this.repo.createQueryBuilder('r');
    if (query.employeeId) qb.andWhere('r.employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.from) qb.andWhere('r.end_date >= :from', { from: query.from });
    if (query.to) qb.andWhere('r.start_date <= :to', { to: query.to });
    return paginate(qb, { sort: query.sort ?? 'startDate', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'r.id', map: toLeaveRequestDto });
  }

  /** Locks the employee's leave first, then the request: the same order everywhere. */
  private async loadForAction(id: string, expectedVersion: number | undefined, action: LeaveAction) {
    const peek = await this.findOrThrow(id);
    await lockEmployeeLeave(this.db, peek.employeeId);
    const r = await this.findOrThrow(id, true);
    assertVersion('leave request', expectedVersion, r.version);
    const next = LEAVE_REQUEST_TRANSITIONS.next(r.status, action);
    const type = await this.types.findOrThrow(r.leaveTypeId);
    return { r, next, type, before: snapshot(r) };
  }

  private async save(r: LeaveRequest, before: Record<string, unknown>, action: string): Promise<void> {
    const { id, createdAt: _c, ...columns } = r;
    r.version += 1;
    r.updatedAt = new Date();
    await this.repo.update({ id }, { ...columns, version: r.version, updatedAt: r.updatedAt });
    await this.audit.record({ action: `hr.leave_request.${action}`, entityType: 'leave_request', entityId: id, before, after: snapshot(r) });
  }

  async submit(id: string, expectedVersion: number | undefined): Promise<LeaveRequestDto> {
    return this.db.withTransaction(async () => {
      const { r, next, type, before } = await this.loadForAction(id, expectedVersion, 'submit');
      // The calendar may have changed since the draft (a new closure): price it again.
      r.amount = await this.amountFor(await this.employee(r.employeeId), type, r);
      await this.assertNoOverlap(r);
      await this.assertBalance(r, type);
      r.status = next;
      await this.save(r, before, 'submitted');
      await this.publish('hr.leave_request.submitted', r, type);
      return toLeaveRequestDto(r);
    });
  }

  async approve(id: string, input: LeaveDecisionDto, expectedVersion: number | undefined): Promise<LeaveRequestDto> {
    return this.db.withTransaction(async () => {
      const { r, next, type, before } = await this.loadForAction(id, expectedVersion, 'approve');
      await this.assertApprover(r, type, input.approverEmployeeId);
      await this.assertBalance(r, type);
      Object.assign(r, { status: next, decidedByEmployeeId: input.approverEmployeeId, decidedAt: new Date(), decisionNote: input.note ?? null });
      await this.save(r, before, 'approved');
      await this.ledger.append({ employeeId: r.employeeId, leaveTypeId: r.leaveTypeId, kind: 'usage', amount: new Decimal(r.amount).negated().toFixed(2), effectiveDate: r.startDate, leaveRequestId: r.id, reason: `Leave ${r.startDate}..${r.endDate}` });
      await this.publish('hr.leave_request.approved', r, type);
      return toLeaveRequestDto(r);
    });
  }

  async reject(id: string, input: LeaveDecisionDto, expectedVersion: number | undefined): Promise<LeaveRequestDto> {
    return this.db.withTransaction(async () => {
      const { r, next, type, before } = await this.loadForAction(id, expectedVersion, 'reject');
      await this.assertApprover(r, type, input.approverEmployeeId);
      Object.assign(r, { status: next, decidedByEmployeeId: input.approverEmployeeId, decidedAt: new Date(), decisionNote: input.note ?? null });
      await this.save(r, before, 'rejected');
      await this.publish('hr.leave_request.rejected', r, type);
      return toLeaveRequestDto(r);
    });
  }

  /** Cancelling an approved request reverses its usage entry, which returns the balance. */
  async cancel(id: string, input: CancelLeaveRequestDto, expectedVersion: number | undefined): Promise<LeaveRequestDto> {
    return this.db.withTransaction(async () => {
      const { r, next, type, before } = await this.loadForAction(id, expectedVersion, 'cancel');
      const wasApproved = r.status === 'approved';
      r.status = next;
      if (input.note) r.decisionNote = input.note;
      await this.save(r, before, 'cancelled');
      if (wasApproved) {
        const usage = await this.db.getRepository(LeaveLedgerEntry).findOneBy({ leaveRequestId: r.id, kind: 'usage' });
        if (usage && !usage.reversesEntryId) await this.ledger.reverse(usage.id, `Leave request ${r.id} cancelled`, true);
      }
      await this.publish('hr.leave_request.cancelled', r, type, { wasApproved });
      return toLeaveRequestDto(r);
    });
  }

  /** Approved unpaid leave inside a period, per leave type (for payroll, through the facade). */
  async unpaidLeave(employeeId: string, periodStart: string, periodEnd: string): Promise<Array<{ leaveTypeId: string; code: string; unit: string; amount: string }>> {
    const employee = await this.employee(employeeId);
    const rows: Array<LeaveRequest & { code: string }> = (await this.repo
      .createQueryBuilder('r')
      .innerJoin(LeaveType, 't', 't.id = r.leave_type_id')
      .addSelect('t.code', 'code')
      .where('r.employee_id = :employeeId AND r.status = :status AND NOT t.paid', { employeeId, status: 'approved' })
      .andWhere('r.start_date <= :end AND r.end_date >= :start', { start: periodStart, end: periodEnd })
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((e, i) => Object.assign(e, { code: (raw[i] as { code: string }).code }))));
    const totals = new Map<string, { leaveTypeId: string; code: string; unit: string; amount: Decimal }>();
    for (const r of rows) {
      const span = {
        startDate: r.startDate < periodStart ? periodStart : r.startDate,
        endDate: r.endDate > periodEnd ? periodEnd : r.endDate,
        halfDayStart: r.startDate >= periodStart && r.halfDayStart,
        halfDayEnd: r.endDate <= periodEnd && r.halfDayEnd,
      };
      const type = await this.types.findOrThrow(r.leaveTypeId);
      const amount = await this.amountFor(employee, type, span);
      const t = totals.get(r.leaveTypeId) ?? { leaveTypeId: r.leaveTypeId, code: r.code, unit: r.unit, amount: new Decimal(0) };
      t.amount = t.amount.plus(amount);
      totals.set(r.leaveTypeId, t);
    }
    return [...totals.values()].map((t) => ({ ...t, amount: t.amount.toFixed(2) }));
  }

  async findOrThrow(id: string, lock = false): Promise<LeaveRequest> {
    const r = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!r) throw new NotFoundProblem('Leave request', id);
    return r;
  }
}

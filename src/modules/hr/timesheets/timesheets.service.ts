import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { assertDateRange, CalendarsService } from '../calendars/calendars.service';
import { addDays } from '../calendars/working-days';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import { zonedToInstant } from '../shifts/shift-rules';
import { WorkingTimeRulesService } from '../shifts/working-time-rules.service';
import { CreateTimesheetDto, ListTimesheetsQuery, TimesheetDecisionDto, TimesheetDto } from './dto/timesheet.dto';
import { splitTime, TimeTotals } from './timesheet-math';
import { TimeEntry, Timesheet, TimesheetStatus } from './timesheet.entities';

type TimesheetAction = 'submit' | 'approve' | 'reopen' | 'lock';
export const TIMESHEET_TRANSITIONS = new StateMachine<TimesheetStatus, TimesheetAction>('timesheet', {
  open: { submit: 'submitted' },
  submitted: { approve: 'approved', reopen: 'open' },
  approved: { lock: 'locked' },
  locked: {},
});

const SORTS: Record<string, SortField> = {
  periodStart: { column: 't.period_start', type: 'date', value: (t: Timesheet) => t.periodStart },
};
const MAX_PERIOD_DAYS = 32;

const storedTotals = (t: Timesheet) =>
  t.regularMinutes === null || t.overtimeMinutes === null || t.nightMinutes === null || t.holidayMinutes === null
    ? null
    : { workedMinutes: t.regularMinutes + t.overtimeMinutes, regularMinutes: t.regularMinutes, overtimeMinutes: t.overtimeMinutes, nightMinutes: t.nightMinutes, holidayMinutes: t.holidayMinutes };

function toDto(t: Timesheet, live?: TimeTotals): TimesheetDto {
  const frozen = storedTotals(t);
  return {
    id: t.id,
    employeeId: t.employeeId,
    periodStart: t.periodStart,
    periodEnd: t.periodEnd,
    status: t.status,
    allowedActions: TIMESHEET_TRANSITIONS.allowedActions(t.status),
    totals: frozen ?? (live ? { workedMinutes: live.workedMinutes, regularMinutes: live.regularMinutes, overtimeMinutes: live.overtimeMinutes, nightMinutes: live.nightMinutes, holidayMinutes: live.holidayMinutes } : null),
    ...(live ? { days: live.days } : {}),
    approvedByEmployeeId: t.approvedByEmployeeId,
    approvedAt: t.approvedAt ? t.approvedAt.toISOString() : null,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

const snapshot = (t: Timesheet) => ({ status: t.status, regularMinutes: t.regularMinutes, overtimeMinutes: t.overtimeMinutes, nightMinutes: t.nightMinutes, holidayMinutes: t.holidayMinutes, approvedByEmployeeId: t.approvedByEmployeeId });

/** What payroll reads: approved (or locked) time of an employee. */
export interface ApprovedTimesheet {
  timesheetId: string;
  periodStart: string;
  periodEnd: string;
  status: 'approved' | 'locked';
  regularMinutes: number;
  overtimeMinutes: number;
  nightMinutes: number;
  holidayMinutes: number;
}

@Injectable()
export class TimesheetsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly calendars: CalendarsService,
    private readonly rules: WorkingTimeRulesService,
  ) {}

  private get repo() {
    return this.db.getRepository(Timesheet);
  }

  private async employee(id: string): Promise<Employee> {
    const e = await this.db.getRepository(Employee).findOneBy({ id });
    if (!e) throw new NotFoundProblem('Employee', id);
    return e;
  }

  /** Regular, overtime, night and holiday minutes of the period, from the time entries. */
  async compute(t: Timesheet): Promise<TimeTotals & { openEntries: number }> {
    const employee = await this.employee(t.employeeId);
    const calendar = await this.calendars.rules(await this.calendars.calendarIdFor(employee), t.periodStart, t.periodEnd);
    const rule = await this.rules.rule(employee.employmentType);
    const timeZone = calendar.calendar.timeZone;
    const entries = await this.db.getRepository(TimeEntry).createQueryBuilder('e')
      .where('e.employee_id = :employeeId AND e.clock_in_at >= :from AND e.clock_in_at < :to', {
        employeeId: t.employeeId,
        from: zonedToInstant(t.periodStart, '00:00', timeZone),
        to: zonedToInstant(addDays(t.periodEnd, 1), '00:00', timeZone),
      })
      .getMany();
    const closed = entries.filter((e): e is TimeEntry & { clockOutAt: Date } => e.clockOutAt !== null);
    const totals = splitTime(closed.map((e) => ({ start: e.clockInAt, end: e.clockOutAt, breakMinutes: e.breakMinutes })), {
      timeZone,
      holidays: new Set(calendar.holidays.keys()),
      dailyOvertimeAfterMinutes: rule.dailyOvertimeAfterMinutes,
      weeklyOvertimeAfterMinutes: rule.weeklyOvertimeAfterMinutes,
    });
    return { ...totals, openEntries: entries.length - closed.length };
  }

  async create(input: CreateTimesheetDto): Promise<TimesheetDto> {
    assertDateRange(input.periodStart, input.periodEnd, MAX_PERIOD_DAYS);
    return this.db.withTransaction(async (manager) => {
      const employee = await this.employee(input.employeeId);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('hr.timesheet:' || $1, 0))`, [employee.id]);
      const clash = await this.repo.createQueryBuilder('t')
        .where('t.employee_id = :employeeId AND t.period_start <= :end AND t.period_end >= :start', { employeeId: employee.id, start: input.periodStart, end: input.periodEnd })
        .getOne();
      if (clash) throw new HrException(HrErrorCode.TimesheetOverlap, `The employee already has a timesheet for ${clash.periodStart}..${clash.periodEnd}.`, { timesheetId: clash.id }, 'periodStart');
      const now = new Date();
      const t = this.repo.create({ id: newId(), employeeId: employee.id, periodStart: input.periodStart, periodEnd: input.periodEnd, status: 'open', regularMinutes: null, overtimeMinutes: null, nightMinutes: null, holidayMinutes: null, approvedByEmployeeId: null, approvedAt: null, version: 1, createdAt: now, updatedAt: now });
      await this.repo.insert(t);
      await this.audit.record({ action: 'hr.timesheet.created', entityType: 'timesheet', entityId: t.id, before: null, after: { employeeId: t.employeeId, periodStart: t.periodStart, periodEnd: t.periodEnd, status: t.status } });
      await this.events.publish('hr.timesheet.created', { type: 'timesheet', id: t.id }, { timesheetId: t.id, employeeId: t.employeeId, periodStart: t.periodStart, periodEnd: t.periodEnd, status: t.status, totals: null });
      return toDto(t, await this.compute(t));
    });
  }

  async get(id: string): Promise<TimesheetDto> {
    const t = await this.findOrThrow(id);
    return toDto(t, await this.compute(t));
  }

  async list(query: ListTimesheetsQuery): Promise<Page<TimesheetDto>> {
    const qb = this.repo.createQueryBuilder('t');
    if (query.periodStart) qb.andWhere('t.period_start >= :periodStart', { periodStart: query.periodStart });
    if (query.periodEnd) qb.andWhere('t.period_end <= :periodEnd', { periodEnd: query.periodEnd });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.employeeId) qb.andWhere('t.employee_id = :employeeId', { employeeId: query.employeeId });
    return paginate(qb, { sort: query.sort ?? 'periodStart', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 't.id', map: (t) => toDto(t) });
  }

  private async act(id: string, action: TimesheetAction, expectedVersion: number | undefined, work: (t: Timesheet) => Promise<void>): Promise<TimesheetDto> {
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      assertVersion('timesheet', expectedVersion, t.version);
      const next = TIMESHEET_TRANSITIONS.next(t.status, action);
      const before = snapshot(t);
      await work(t);
      t.status = next;
      t.version += 1;
      t.updatedAt = new Date();
      const { id: _id, createdAt: _c, ...columns } = t;
      await this.repo.update({ id }, columns);
      await this.audit.record({ action: `hr.timesheet.${action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : action === 'reopen' ? 'reopened' : 'locked'}`, entityType: 'timesheet', entityId: id, before, after: snapshot(t) });
      const topic = action === 'submit' ? 'hr.timesheet.submitted' : action === 'approve' ? 'hr.timesheet.approved' : action === 'reopen' ? 'hr.timesheet.reopened' : 'hr.timesheet.locked';
      await this.events.publish(topic, { type: 'timesheet', id }, { timesheetId: id, employeeId: t.employeeId, periodStart: t.periodStart, periodEnd: t.periodEnd, status: t.status, totals: storedTotals(t) });
      return toDto(t, await this.compute(t));
    });
  }

  private async assertManager(t: Timesheet, approverEmployeeId: string): Promise<void> {
    const employee = await this.employee(t.employeeId);
    if (!employee.managerId || employee.managerId !== approverEmployeeId) {
      throw new HrException(HrErrorCode.NotTheApprover, employee.managerId ? 'Only the employee\'s manager may decide this timesheet.' : 'The employee has no manager to decide this timesheet.', {}, 'approverEmployeeId');
    }
  }

  submit(id: string, expectedVersion: number | undefined): Promise<TimesheetDto> {
    return this.act(id, 'submit', expectedVersion, async (t) => {
      const totals = await this.compute(t);
      if (totals.openEntries) throw new HrException(HrErrorCode.OpenTimeEntry, `${totals.openEntries} time entr${totals.openEntries === 1 ? 'y is' : 'ies are'} still clocked in; clock out first.`, { openEntries: totals.openEntries });
    });
  }

  /** Freezes the figures payroll will read. */
  approve(id: string, input: TimesheetDecisionDto, expectedVersion: number | undefined): Promise<TimesheetDto> {
    return this.act(id, 'approve', expectedVersion, async (t) => {
      await this.assertManager(t, input.approverEmployeeId);
      const totals = await this.compute(t);
      Object.assign(t, { regularMinutes: totals.regularMinutes, overtimeMinutes: totals.overtimeMinutes, nightMinutes: totals.nightMinutes, holidayMinutes: totals.holidayMinutes, approvedByEmployeeId: input.approverEmployeeId, approvedAt: new Date() });
    });
  }

  reopen(id: string, input: TimesheetDecisionDto, expectedVersion: number | undefined): Promise<TimesheetDto> {
    return this.act(id, 'reopen', expectedVersion, (t) => this.assertManager(t, input.approverEmployeeId));
  }

  lock(id: string, expectedVersion: number | undefined): Promise<TimesheetDto> {
    return this.act(id, 'lock', expectedVersion, async () => undefined);
  }

  async approvedTime(employeeId: string, periodStart: string, periodEnd: string): Promise<ApprovedTimesheet[]> {
    const rows = await this.repo.createQueryBuilder('t')
      .where(`t.employee_id = :employeeId AND t.status IN ('approved', 'locked') AND t.period_start >= :periodStart AND t.period_end <= :periodEnd`, { employeeId, periodStart, periodEnd })
      .orderBy('t.period_start').getMany();
    return rows.map((t) => ({
      timesheetId: t.id,
      periodStart: t.periodStart,
      periodEnd: t.periodEnd,
      status: t.status as 'approved' | 'locked',
      regularMinutes: t.regularMinutes!,
      overtimeMinutes: t.overtimeMinutes!,
      nightMinutes: t.nightMinutes!,
      holidayMinutes: t.holidayMinutes!,
    }));
  }

  async findOrThrow(id: string, lock = false): Promise<Timesheet> {
    const t = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!t) throw new NotFoundProblem('Timesheet', id);
    return t;
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { CalendarsService } from '../calendars/calendars.service';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import { localDate } from '../shifts/shift-rules';
import { Shift } from '../shifts/shift.entities';
import { ClockInDto, CreateTimeEntryDto, ListTimeEntriesQuery, TimeEntryDto, UpdateTimeEntryDto } from './dto/timesheet.dto';
import { timeEntryPayload } from '../time.events';
import { workedMinutesOf } from './timesheet-math';
import { TimeEntry } from './timesheet.entities';

const SORTS: Record<string, SortField> = {
  clockInAt: { column: 'e.clock_in_at', type: 'timestamp', value: (e: TimeEntry) => e.clockInAt.toISOString() },
};
/** A clock-in up to this long before a shift starts belongs to it. */
const EARLY_CLOCK_IN_MS = 2 * 3600_000;

export function toTimeEntryDto(e: TimeEntry): TimeEntryDto {
  return {
    id: e.id,
    employeeId: e.employeeId,
    shiftId: e.shiftId,
    clockInAt: e.clockInAt.toISOString(),
    clockOutAt: e.clockOutAt ? e.clockOutAt.toISOString() : null,
    breakMinutes: e.breakMinutes,
    workedMinutes: e.clockOutAt ? workedMinutesOf({ start: e.clockInAt, end: e.clockOutAt, breakMinutes: e.breakMinutes }) : null,
    source: e.source,
    reason: e.reason,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

const snapshot = (e: TimeEntry) => ({ clockInAt: e.clockInAt.toISOString(), clockOutAt: e.clockOutAt?.toISOString() ?? null, breakMinutes: e.breakMinutes, shiftId: e.shiftId, source: e.source, reason: e.reason });

@Injectable()
export class TimeEntriesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly calendars: CalendarsService,
  ) {}

  private get repo() {
    return this.db.getRepository(TimeEntry);
  }

  private async employee(id: string): Promise<Employee> {
    const e = await this.db.getRepository(Employee).findOneBy({ id });
    if (!e) throw new NotFoundProblem('Employee', id);
    return e;
  }

  async timeZoneOf(employee: Employee): Promise<string> {
    return (await this.calendars.findOrThrow(await this.calendars.calendarIdFor(employee))).timeZone;
  }

  /** Time in a submitted, approved or locked timesheet cannot change (409 `timesheet_locked`). */
  private async assertEditable(employee: Employee, instants: Date[]): Promise<void> {
    const timeZone = await this.timeZoneOf(employee);
    const dates = [...new Set(instants.map((i) => localDate(i, timeZone)))];
    // FOR SHARE on every covering timesheet, open ones too: a submit waits for this edit to commit.
    const covering: Array<{ id: string; status: string; period_start: string; period_end: string }> = await this.db.manager.query(
      `SELECT id, status, period_start::text, period_end::text FROM hr_timesheets
        WHERE employee_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::date[]) d WHERE d BETWEEN period_start AND period_end)
        FOR SHARE`,
      [employee.id, dates],
    );
    const locked = covering.find((t) => t.status !== 'open');
    if (locked) {
      throw new HrException(HrErrorCode.TimesheetLocked, `The timesheet ${locked.period_start}..${locked.period_end} is ${locked.status}; its time cannot change.`, { timesheetId: locked.id, status: locked.status });
    }
  }

  /** The employee's shift this time belongs to: started at most 2 h later, not yet over. */
  private async matchShift(employeeId: string, at: Date): Promise<Shift | null> {
    return this.db.getRepository(Shift).createQueryBuilder('s')
      .where('s.employee_id = :employeeId AND s.starts_at <= :latest AND s.ends_at > :at', { employeeId, at, latest: new Date(at.getTime() + EARLY_CLOCK_IN_MS) })
      .orderBy('s.starts_at').limit(1).getOne();
  }

  private async insert(e: Omit<TimeEntry, 'id' | 'version' | 'createdAt' | 'updatedAt'>, action: 'hr.time_entry.clocked_in' | 'hr.time_entry.entered'): Promise<TimeEntry> {
    const now = new Date();
    const entry = this.repo.create({ id: newId(), ...e, version: 1, createdAt: now, updatedAt: now });
    await this.repo.insert(entry);
    await this.audit.record({ action, entityType: 'time_entry', entityId: entry.id, before: null, after: snapshot(entry) });
    await this.events.publish(action, { type: 'time_entry', id: entry.id }, timeEntryPayload(entry));
    return entry;
  }

  async clockIn(input: ClockInDto): Promise<TimeEntryDto> {
    return this.db.withTransaction(async () => {
      const employee = await this.employee(input.employeeId);
      const at = input.at ? new Date(input.at) : new Date();
      await this.assertEditable(employee, [at]);
      const shift = await this.matchShift(employee.id, at);
      return toTimeEntryDto(await this.insert({ employeeId: employee.id, shiftId: shift?.id ?? null, clockInAt: at, clockOutAt: null, breakMinutes: 0, source: 'clock', reason: null }, 'hr.time_entry.clocked_in'));
    });
  }

  async clockOut(id: string, at: string | undefined, expectedVersion: number | undefined): Promise<TimeEntryDto> {
    return this.db.withTransaction(async () => {
      const e = await this.findOrThrow(id, true);
      assertVersion('time entry', expectedVersion, e.version);
      if (e.clockOutAt) throw new HrException(HrErrorCode.TimeEntryClosed, `Clocked out at ${e.clockOutAt.toISOString()} already.`, { timeEntryId: id });
      const before = snapshot(e);
      e.clockOutAt = at ? new Date(at) : new Date();
      await this.assertEditable(await this.employee(e.employeeId), [e.clockInAt, e.clockOutAt]);
      if (e.shiftId) e.breakMinutes = (await this.db.getRepository(Shift).findOneBy({ id: e.shiftId }))?.breakMinutes ?? 0;
      e.version += 1;
      e.updatedAt = new Date();
      await this.repo.update({ id }, { clockOutAt: e.clockOutAt, breakMinutes: e.breakMinutes, version: e.version, updatedAt: e.updatedAt });
      const after = snapshot(e);
      await this.audit.record({ action: 'hr.time_entry.clocked_out', entityType: 'time_entry', entityId: id, before, after });
      await this.events.publish('hr.time_entry.clocked_out', { type: 'time_entry', id }, timeEntryPayload(e, changedKeys(before, after)));
      return toTimeEntryDto(e);
    });
  }

  async createManual(input: CreateTimeEntryDto): Promise<TimeEntryDto> {
    return this.db.withTransaction(async () => {
      const employee = await this.employee(input.employeeId);
      const clockInAt = new Date(input.clockInAt);
      const clockOutAt = new Date(input.clockOutAt);
      await this.assertEditable(employee, [clockInAt, clockOutAt]);
      const shift = await this.matchShift(employee.id, clockInAt);
      return toTimeEntryDto(await this.insert({ employeeId: employee.id, shiftId: shift?.id ?? null, clockInAt, clockOutAt, breakMinutes: input.breakMinutes ?? shift?.breakMinutes ?? 0, source: 'manual', reason: input.reason }, 'hr.time_entry.entered'));
    });
  }

  async update(id: string, input: UpdateTimeEntryDto, expectedVersion: number | undefined): Promise<TimeEntryDto> {
    return this.db.withTransaction(async () => {
      const e = await this.findOrThrow(id, true);
      assertVersion('time entry', expectedVersion, e.version);
      const employee = await this.employee(e.employeeId);
      const before = snapshot(e);
      const oldInstants = [e.clockInAt, ...(e.clockOutAt ? [e.clockOutAt] : [])];
      if (input.clockInAt) e.clockInAt = new Date(input.clockInAt);
      if (input.clockOutAt) e.clockOutAt = new Date(input.clockOutAt);
      if (input.breakMinutes !== undefined) e.breakMinutes = input.breakMinutes;
      e.reason = input.reason;
      const after = snapshot(e);
      const changed = changedKeys(before, after);
      if (!changed.length) return toTimeEntryDto(e);
      await this.assertEditable(employee, [...oldInstants, e.clockInAt, ...(e.clockOutAt ? [e.clockOutAt] : [])]);
      e.version += 1;
      e.updatedAt = new Date();
      await this.repo.update({ id }, { clockInAt: e.clockInAt, clockOutAt: e.clockOutAt, breakMinutes: e.breakMinutes, reason: e.reason, version: e.version, updatedAt: e.updatedAt });
      await this.audit.record({ action: 'hr.time_entry.corrected', entityType: 'time_entry', entityId: id, before, after });
      await this.events.publish('hr.time_entry.corrected', { type: 'time_entry', id }, timeEntryPayload(e, changed));
      return toTimeEntryDto(e);
    });
  }

  async get(id: string): Promise<TimeEntryDto> {
    return toTimeEntryDto(await this.findOrThrow(id));
  }

  async list(query: ListTimeEntriesQuery): Promise<Page<TimeEntryDto>> {
    const qb = this.repo.createQueryBuilder('e');
    if (query.employeeId) qb.andWhere('e.employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.from) qb.andWhere('e.clock_in_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.clock_in_at < :to', { to: new Date(query.to) });
    return paginate(qb, { sort: query.sort ?? 'clockInAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'e.id', map: toTimeEntryDto });
  }

  async findOrThrow(id: string, lock = false): Promise<TimeEntry> {
    const e = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!e) throw new NotFoundProblem('Time entry', id);
    return e;
  }
}

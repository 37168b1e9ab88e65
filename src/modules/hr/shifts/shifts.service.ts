import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { assertDateRange } from '../calendars/calendars.service';
import { WorkCalendar } from '../calendars/work-calendar.entity';
import { addDays, eachDate, isoWeekday } from '../calendars/working-days';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import type { ShiftChange } from '../hr.events';
import { rejectNulls } from '../hr.validation';
import { shiftPayload } from '../time.events';
import { BulkCreateShiftsDto, CopyWeekDto, CreateShiftDto, ListPublicationsQuery, ListShiftsQuery, MAX_SHIFTS_PER_BATCH, PublishScheduleDto, SchedulePublicationDto, ShiftBatchDto, ShiftDto, ShiftValidationDto, UpdateShiftDto, ValidateShiftDto } from './dto/shift.dto';
import { AssignmentConflict, assignmentConflicts, localParts, ShiftSlot, workedMinutes, zonedToInstant } from './shift-rules';
import { SchedulePublication, Shift } from './shift.entities';
import { ShiftTemplatesService } from './shift-templates.service';
import { WorkingTimeRulesService } from './working-time-rules.service';

const SORTS: Record<string, SortField> = {
  startsAt: { column: 's.starts_at', type: 'timestamp', value: (s: Shift) => s.startsAt.toISOString() },
};
const PUBLICATION_SORTS: Record<string, SortField> = {
  createdAt: { column: 'p.created_at', type: 'timestamp', value: (p: SchedulePublication) => p.createdAt.toISOString() },
};
const MAX_BATCH_DAYS = 62;

function tooManyShifts(field: string): never {
  throw new PlatformException(PlatformErrorCode.ValidationFailed, `The batch would hold more than ${MAX_SHIFTS_PER_BATCH} shifts; split it into shorter ranges.`, {}, [
    { field, message: `covers more than ${MAX_SHIFTS_PER_BATCH} shifts` },
  ]);
}

export function toShiftDto(s: Shift): ShiftDto {
  return {
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    breakMinutes: s.breakMinutes,
    workedMinutes: workedMinutes(s),
    location: s.location,
    positionId: s.positionId,
    employeeId: s.employeeId,
    open: s.employeeId === null,
    templateId: s.templateId,
    publishedAt: s.publishedAt ? s.publishedAt.toISOString() : null,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const snapshot = (s: Shift) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), breakMinutes: s.breakMinutes, location: s.location, positionId: s.positionId, employeeId: s.employeeId, publishedAt: s.publishedAt?.toISOString() ?? null });
const toPublicationDto = (p: SchedulePublication): SchedulePublicationDto => ({ id: p.id, location: p.location, startDate: p.startDate, endDate: p.endDate, shiftCount: p.shiftCount, employeeIds: p.employeeIds, createdAt: p.createdAt.toISOString() });

@Injectable()
export class ShiftsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly templates: ShiftTemplatesService,
    private readonly rules: WorkingTimeRulesService,
  ) {}

  private get repo() {
    return this.db.getRepository(Shift);
  }

  /** The time zone of a location (the work calendar that names it). */
  async timeZoneOf(location: string): Promise<string> {
    const calendar = await this.db.getRepository(WorkCalendar).findOneBy({ location });
    if (!calendar) throw new HrException(HrErrorCode.UnknownLocation, `No work calendar has the location "${location}".`, { location }, 'location');
    return calendar.timeZone;
  }

  /** Serialises assignments of one employee, so two parallel ones cannot both pass the checks. */
  private async lockEmployee(employeeId: string): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('hr.shift:' || $1, 0))`, [employeeId]);
  }

  /** Every reason the employee cannot work the slot. */
  async conflicts(employeeId: string, slot: ShiftSlot, timeZone: string): Promise<AssignmentConflict[]> {
    const employee = await this.db.getRepository(Employee).findOneBy({ id: employeeId });
    if (!employee) throw new HrException(HrErrorCode.NotEligibleForShift, `Employee ${employeeId} does not exist.`, {}, 'employeeId');
    const rule = await this.rules.rule(employee.employmentType);
    const windowStart = new Date(slot.startsAt.getTime() - 8 * 86_400_000);
    const windowEnd = new Date(slot.endsAt.getTime() + 8 * 86_400_000);
    const others = await this.repo.createQueryBuilder('s')
      .where('s.employee_id = :employeeId AND s.starts_at < :windowEnd AND s.ends_at > :windowStart', { employeeId, windowStart, windowEnd })
      .getMany();
    const first = localParts(slot.startsAt, timeZone).date;
    const last = localParts(new Date(slot.endsAt.getTime() - 1), timeZone).date;
    const leave: Array<{ id: string; start_date: string; end_date: string }> = await this.db.manager.query(
      `SELECT id, start_date::text, end_date::text FROM hr_leave_requests WHERE employee_id = $1 AND status = 'approved' AND start_date <= $3 AND end_date >= $2`,
      [employeeId, first, last],
    );
    return assignmentConflicts({
      candidate: slot,
      timeZone,
      otherShifts: others,
      approvedLeave: leave.map((l) => ({ id: l.id, startDate: l.start_date, endDate: l.end_date })),
      maxWeeklyMinutes: rule.maxWeeklyMinutes,
      hireDate: employee.hireDate,
      terminationDate: employee.terminationDate,
    });
  }

  private async assertAssignable(employeeId: string, slot: ShiftSlot, timeZone: string): Promise<void> {
    const reasons = await this.conflicts(employeeId, slot, timeZone);
    if (reasons.length) {
      throw new HrException(HrErrorCode.ShiftConflict, `The employee cannot work this shift: ${reasons.map((r) => r.code).join(', ')}.`, { employeeId, reasons });
    }
  }

  private async isPublished(location: string, startsAt: Date, timeZone: string): Promise<boolean> {
    const date = localParts(startsAt, timeZone).date;
    const [row] = await this.db.manager.query(`SELECT 1 FROM hr_schedule_publications WHERE location = $1 AND start_date <= $2 AND end_date >= $2 LIMIT 1`, [location, date]);
    return Boolean(row);
  }

  private async changed(s: Shift, change: ShiftChange, previousEmployeeId: string | null): Promise<void> {
    if (!s.publishedAt) return;
    await this.events.publish('hr.shift.changed', { type: 'shift', id: s.id }, {
      shiftId: s.id,
      change,
      location: s.location,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      employeeId: s.employeeId,
      previousEmployeeId,
      affectedEmployeeIds: [...new Set([s.employeeId, previousEmployeeId].filter((x): x is string => Boolean(x)))],
    });
  }

  /** A new shift; `copiedFrom` when copy-week made it (announced as `hr.shift.copied`). */
  private async insertShift(fields: Omit<Shift, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'publishedAt'>, timeZone: string, copiedFrom?: string): Promise<Shift> {
    const now = new Date();
    const s = this.repo.create({ id: newId(), ...fields, publishedAt: null, version: 1, createdAt: now, updatedAt: now });
    // A shift added inside a published period is published at once (and announced as a change).
    if (await this.isPublished(s.location, s.startsAt, timeZone)) s.publishedAt = now;
    await this.repo.insert(s);
    const action = copiedFrom ? 'hr.shift.copied' : 'hr.shift.created';
    await this.audit.record({ action, entityType: 'shift', entityId: s.id, before: null, after: snapshot(s) });
    await this.events.publish(action, { type: 'shift', id: s.id }, shiftPayload(s, [], copiedFrom));
    await this.changed(s, 'created', null);
    return s;
  }

  async create(input: CreateShiftDto): Promise<ShiftDto> {
    return this.db.withTransaction(async () => {
      const timeZone = await this.timeZoneOf(input.location);
      const slot = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), breakMinutes: input.breakMinutes };
      if (input.employeeId) {
        await this.lockEmployee(input.employeeId);
        await this.assertAssignable(input.employeeId, slot, timeZone);
      }
      const s = await this.insertShift({ ...slot, location: input.location, positionId: input.positionId ?? null, employeeId: input.employeeId ?? null, templateId: null }, timeZone);
      return toShiftDto(s);
    });
  }

  async validate(input: ValidateShiftDto): Promise<ShiftValidationDto> {
    const timeZone = await this.timeZoneOf(input.location);
    const reasons = await this.conflicts(input.employeeId, { id: input.shiftId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), breakMinutes: input.breakMinutes }, timeZone);
    return { valid: reasons.length === 0, reasons };
  }

  async get(id: string): Promise<ShiftDto> {
    return toShiftDto(await this.findOrThrow(id));
  }

  async list(query: ListShiftsQuery): Promise<Page<ShiftDto>> {
    const qb = this.repo.createQueryBuilder('s');
    if (query.location) qb.andWhere('s.location = :location', { location: query.location });
    if (query.employeeId) qb.andWhere('s.employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.open) qb.andWhere(query.open === 'true' ? 's.employee_id IS NULL' : 's.employee_id IS NOT NULL');
    if (query.published) qb.andWhere(query.published === 'true' ? 's.published_at IS NOT NULL' : 's.published_at IS NULL');
    if (query.from) qb.andWhere('s.starts_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('s.starts_at < :to', { to: new Date(query.to) });
    return paginate(qb, { sort: query.sort ?? 'startsAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: toShiftDto });
  }

  async update(id: string, input: UpdateShiftDto, expectedVersion: number | undefined): Promise<ShiftDto> {
    rejectNulls(input, ['startsAt', 'endsAt', 'breakMinutes', 'location']);
    return this.db.withTransaction(async () => {
      const peek = await this.findOrThrow(id);
      const employeeId = input.employeeId !== undefined ? input.employeeId : peek.employeeId;
      if (employeeId) await this.lockEmployee(employeeId);
      const s = await this.findOrThrow(id, true);
      assertVersion('shift', expectedVersion, s.version);
      const before = snapshot(s);
      const previousEmployeeId = s.employeeId;
      if (input.startsAt) s.startsAt = new Date(input.startsAt);
      if (input.endsAt) s.endsAt = new Date(input.endsAt);
      if (input.breakMinutes !== undefined) s.breakMinutes = input.breakMinutes;
      if (input.location) s.location = input.location;
      if (input.positionId !== undefined) s.positionId = input.positionId;
      if (input.employeeId !== undefined) s.employeeId = input.employeeId;
      const after = snapshot(s);
      const changed = changedKeys(before, after);
      if (!changed.length) return toShiftDto(s);
      const timeZone = await this.timeZoneOf(s.location);
      if (s.employeeId) await this.assertAssignable(s.employeeId, s, timeZone);
      s.version += 1;
      s.updatedAt = new Date();
      await this.repo.update({ id }, { startsAt: s.startsAt, endsAt: s.endsAt, breakMinutes: s.breakMinutes, location: s.location, positionId: s.positionId, employeeId: s.employeeId, version: s.version, updatedAt: s.updatedAt });
      await this.audit.record({ action: 'hr.shift.updated', entityType: 'shift', entityId: id, before, after });
      await this.events.publish('hr.shift.updated', { type: 'shift', id }, shiftPayload(s, changed));
      const change: ShiftChange = previousEmployeeId === s.employeeId ? 'updated' : s.employeeId ? 'assigned' : 'unassigned';
      await this.changed(s, change, previousEmployeeId);
      return toShiftDto(s);
    });
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const s = await this.findOrThrow(id, true);
      assertVersion('shift', expectedVersion, s.version);
      await this.repo.delete({ id });
      await this.audit.record({ action: 'hr.shift.deleted', entityType: 'shift', entityId: id, before: snapshot(s), after: null });
      await this.events.publish('hr.shift.deleted', { type: 'shift', id }, shiftPayload(s));
      await this.changed(s, 'deleted', s.employeeId);
    });
  }

  /** Open shifts from a template on the chosen weekdays of a date range (local times at the location). */
  async bulkCreate(input: BulkCreateShiftsDto): Promise<ShiftBatchDto> {
    assertDateRange(input.from, input.to, MAX_BATCH_DAYS);
    return this.db.withTransaction(async () => {
      const t = await this.templates.findOrThrow(input.templateId);
      const timeZone = await this.timeZoneOf(t.location);
      const start = t.startTime.slice(0, 5);
      const end = t.endTime.slice(0, 5);
      const shifts: Shift[] = [];
      for (const date of eachDate(input.from, input.to)) {
        if (!input.weekdays.includes(isoWeekday(date))) continue;
        const startsAt = zonedToInstant(date, start, timeZone);
        const endsAt = zonedToInstant(end <= start ? addDays(date, 1) : date, end, timeZone);
        shifts.push(await this.insertShift({ startsAt, endsAt, breakMinutes: t.unpaidBreakMinutes, location: t.location, positionId: t.positionId, employeeId: null, templateId: t.id }, timeZone));
      }
      return { shifts: shifts.map(toShiftDto), leftOpen: [] };
    });
  }

  /** Copies a location's week, keeping wall-clock times; employees are kept when the checks pass. */
  async copyWeek(input: CopyWeekDto): Promise<ShiftBatchDto> {
    for (const [field, value] of [['fromWeek', input.fromWeek], ['toWeek', input.toWeek]] as const) {
      if (isoWeekday(value) !== 1) throw new HrException(HrErrorCode.InvalidDateRange, `${field} must be a Monday.`, {}, field);
    }
    if (input.fromWeek === input.toWeek) throw new HrException(HrErrorCode.InvalidDateRange, 'A week cannot be copied onto itself.', {}, 'toWeek');
    return this.db.withTransaction(async () => {
      const timeZone = await this.timeZoneOf(input.location);
      const from = zonedToInstant(input.fromWeek, '00:00', timeZone);
      const to = zonedToInstant(addDays(input.fromWeek, 7), '00:00', timeZone);
      const source = await this.repo.createQueryBuilder('s')
        .where('s.location = :location AND s.starts_at >= :from AND s.starts_at < :to', { location: input.location, from, to })
        .orderBy('s.starts_at').addOrderBy('s.id').take(MAX_SHIFTS_PER_BATCH + 1).getMany();
      if (source.length > MAX_SHIFTS_PER_BATCH) tooManyShifts('fromWeek');
      const days = Math.round((Date.parse(input.toWeek) - Date.parse(input.fromWeek)) / 86_400_000);
      const keep = input.includeAssignments ?? true;
      const shifts: Shift[] = [];
      const leftOpen: ShiftBatchDto['leftOpen'] = [];
      for (const src of source) {
        const a = localParts(src.startsAt, timeZone);
        const b = localParts(src.endsAt, timeZone);
        const slot = { startsAt: zonedToInstant(addDays(a.date, days), a.time, timeZone), endsAt: zonedToInstant(addDays(b.date, days), b.time, timeZone), breakMinutes: src.breakMinutes };
        let employeeId: string | null = null;
        let reasons: AssignmentConflict[] = [];
        if (keep && src.employeeId) {
          await this.lockEmployee(src.employeeId);
          reasons = await this.conflicts(src.employeeId, slot, timeZone);
          if (!reasons.length) employeeId = src.employeeId;
        }
        const s = await this.insertShift({ ...slot, location: src.location, positionId: src.positionId, employeeId, templateId: src.templateId }, timeZone, src.id);
        shifts.push(s);
        if (reasons.length) leftOpen.push({ shiftId: s.id, sourceShiftId: src.id, employeeId: src.employeeId!, reasons });
      }
      return { shifts: shifts.map(toShiftDto), leftOpen };
    });
  }

  /** Publishes a location's shifts in a date range and announces who is affected. */
  async publish(input: PublishScheduleDto): Promise<SchedulePublicationDto> {
    assertDateRange(input.startDate, input.endDate, MAX_BATCH_DAYS);
    return this.db.withTransaction(async () => {
      const timeZone = await this.timeZoneOf(input.location);
      const from = zonedToInstant(input.startDate, '00:00', timeZone);
      const to = zonedToInstant(addDays(input.endDate, 1), '00:00', timeZone);
      const now = new Date();
      const shifts = await this.repo.createQueryBuilder('s')
        .where('s.location = :location AND s.starts_at >= :from AND s.starts_at < :to', { location: input.location, from, to })
        .setLock('pessimistic_write').getMany();
      if (shifts.length > MAX_SHIFTS_PER_BATCH) tooManyShifts('endDate');
      const unpublished = shifts.filter((s) => !s.publishedAt).map((s) => s.id);
      if (unpublished.length) await this.repo.createQueryBuilder().update().set({ publishedAt: now }).where('id = ANY(:ids)', { ids: unpublished }).execute();
      const employeeIds = [...new Set(shifts.map((s) => s.employeeId).filter((x): x is string => Boolean(x)))].sort();
      const p = this.db.getRepository(SchedulePublication).create({ id: newId(), location: input.location, startDate: input.startDate, endDate: input.endDate, shiftCount: shifts.length, employeeIds, createdAt: now });
      await this.db.getRepository(SchedulePublication).insert(p);
      await this.audit.record({ action: 'hr.schedule.published', entityType: 'schedule_publication', entityId: p.id, before: null, after: { location: p.location, startDate: p.startDate, endDate: p.endDate, shiftCount: p.shiftCount, newlyPublished: unpublished.length, employeeIds } });
      await this.events.publish('hr.schedule.published', { type: 'schedule_publication', id: p.id }, {
        publicationId: p.id,
        location: p.location,
        startDate: p.startDate,
        endDate: p.endDate,
        shiftCount: p.shiftCount,
        employeeIds,
      });
      return toPublicationDto(p);
    });
  }

  async publications(query: ListPublicationsQuery): Promise<Page<SchedulePublicationDto>> {
    const qb = this.db.getRepository(SchedulePublication).createQueryBuilder('p');
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: PUBLICATION_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: toPublicationDto });
  }

  /**
   * An eligible employee (same position) takes a published open shift. The shift row is locked,
   * so of two parallel claims the first wins and the second sees the shift taken.
   */
  async claim(id: string, employeeId: string, expectedVersion: number | undefined): Promise<ShiftDto> {
    return this.db.withTransaction(async () => {
      await this.lockEmployee(employeeId);
      const s = await this.findOrThrow(id, true);
      assertVersion('shift', expectedVersion, s.version);
      if (s.employeeId) throw new HrException(HrErrorCode.ShiftAlreadyTaken, 'Someone else has this shift.', { shiftId: id });
      if (!s.publishedAt) throw new HrException(HrErrorCode.ShiftNotPublished, 'Only published open shifts can be claimed.', { shiftId: id });
      const employee = await this.db.getRepository(Employee).findOneBy({ id: employeeId });
      if (!employee) throw new HrException(HrErrorCode.NotEligibleForShift, `Employee ${employeeId} does not exist.`, {}, 'employeeId');
      if (s.positionId && employee.positionId !== s.positionId) {
        throw new HrException(HrErrorCode.NotEligibleForShift, 'Only employees holding the shift\'s position can claim it.', { positionId: s.positionId }, 'employeeId');
      }
      await this.assertAssignable(employeeId, s, await this.timeZoneOf(s.location));
      const before = snapshot(s);
      s.employeeId = employeeId;
      s.version += 1;
      s.updatedAt = new Date();
      await this.repo.update({ id }, { employeeId, version: s.version, updatedAt: s.updatedAt });
      await this.audit.record({ action: 'hr.shift.claimed', entityType: 'shift', entityId: id, before, after: snapshot(s) });
      await this.events.publish('hr.shift.claimed', { type: 'shift', id }, shiftPayload(s, ['employeeId']));
      await this.changed(s, 'claimed', null);
      return toShiftDto(s);
    });
  }

  async findOrThrow(id: string, lock = false): Promise<Shift> {
    const s = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!s) throw new NotFoundProblem('Shift', id);
    return s;
  }
}

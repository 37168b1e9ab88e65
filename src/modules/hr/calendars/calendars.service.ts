import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import { rejectNulls } from '../hr.validation';
import { calendarPayload } from '../time.events';
import { CalendarDto, ClosureDto, CreateCalendarDto, ListCalendarsQuery, UpdateCalendarDto, WorkingDaysDto } from './dto/calendar.dto';
import { isKnownHolidayRegion, publicHolidays } from './public-holidays';
import { CalendarClosure, WorkCalendar } from './work-calendar.entity';
import { CalendarRules, classifyDays, daysBetweenInclusive } from './working-days';

const SORTS: Record<string, SortField> = {
  name: { column: 'c.name', type: 'text', value: (c: WorkCalendar) => c.name },
  createdAt: { column: 'c.created_at', type: 'timestamp', value: (c: WorkCalendar) => c.createdAt.toISOString() },
};
const MAX_RANGE_DAYS = 366;

const snapshot = (c: WorkCalendar, closures: ClosureDto[]) => ({
  name: c.name,
  timeZone: c.timeZone,
  country: c.country,
  region: c.region,
  workingWeekdays: c.workingWeekdays,
  dailyHours: c.dailyHours,
  location: c.location,
  closures,
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function assertDateRange(from: string, to: string, maxDays = MAX_RANGE_DAYS): void {
  if (to < from) throw new HrException(HrErrorCode.InvalidDateRange, `"to" (${to}) is before "from" (${from}).`, {}, 'to');
  if (daysBetweenInclusive(from, to) > maxDays) throw new HrException(HrErrorCode.InvalidDateRange, `The range may span at most ${maxDays} days.`, { maxDays }, 'to');
}

@Injectable()
export class CalendarsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(WorkCalendar);
  }

  private get closureRepo() {
    return this.db.getRepository(CalendarClosure);
  }

  private validate(c: Pick<WorkCalendar, 'timeZone' | 'country' | 'region'>): void {
    if (!isTimeZone(c.timeZone)) throw new HrException(HrErrorCode.InvalidTimeZone, `"${c.timeZone}" is not an IANA time zone.`, {}, 'timeZone');
    if (c.country && !isKnownHolidayRegion(c.country, c.region)) {
      throw new HrException(HrErrorCode.UnknownHolidayRegion, `No public-holiday data for ${c.country}${c.region ? `-${c.region}` : ''}.`, {}, c.region ? 'region' : 'country');
    }
  }

  private async closuresOf(ids: string[]): Promise<Map<string, ClosureDto[]>> {
    const rows = ids.length ? await this.closureRepo.createQueryBuilder('x').where('x.calendar_id = ANY(:ids)', { ids }).orderBy('x.date').getMany() : [];
    const out = new Map<string, ClosureDto[]>();
    for (const r of rows) out.set(r.calendarId, [...(out.get(r.calendarId) ?? []), { date: r.date, name: r.name }]);
    return out;
  }

  private toDto(c: WorkCalendar, closures: ClosureDto[]): CalendarDto {
    return {
      id: c.id,
      name: c.name,
      timeZone: c.timeZone,
      country: c.country,
      region: c.region,
      workingWeekdays: [...c.workingWeekdays].sort(),
      dailyHours: c.dailyHours,
      location: c.location,
      closures,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  private async replaceClosures(calendarId: string, closures: ClosureDto[]): Promise<void> {
    await this.closureRepo.delete({ calendarId });
    const unique = new Map(closures.map((x) => [x.date, x.name]));
    if (unique.size) await this.closureRepo.insert([...unique].map(([date, name]) => ({ calendarId, date, name })));
  }

  async create(input: CreateCalendarDto): Promise<CalendarDto> {
    return this.db.withTransaction(() => this.insert(input));
  }

  private async insert(input: CreateCalendarDto): Promise<CalendarDto> {
    const now = new Date();
    const c = this.repo.create({
      id: newId(),
      name: input.name.trim(),
      timeZone: input.timeZone,
      country: input.country ?? null,
      region: input.region ?? null,
      workingWeekdays: input.workingWeekdays,
      dailyHours: input.dailyHours,
      location: input.location ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    this.validate(c);
    await this.repo.insert(c);
    await this.replaceClosures(c.id, input.closures ?? []);
    return this.get(c.id, 'hr.calendar.created');
  }

  async get(id: string, change?: 'hr.calendar.created' | 'hr.calendar.updated', before?: Record<string, unknown>): Promise<CalendarDto> {
    const c = await this.findOrThrow(id);
    const closures = (await this.closuresOf([id])).get(id) ?? [];
    if (change) {
      const after = snapshot(c, closures);
      await this.audit.record({ action: change, entityType: 'work_calendar', entityId: id, before: before ?? null, after });
      await this.events.publish(change, { type: 'work_calendar', id }, calendarPayload(c, closures, before ? changedKeys(before, after, { decimals: ['dailyHours'] }) : []));
    }
    return this.toDto(c, closures);
  }

  async list(query: ListCalendarsQuery): Promise<Page<CalendarDto>> {
    const page = await paginate(this.repo.createQueryBuilder('c'), { sort: query.sort ?? 'name', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'c.id', map: (c) => c });
    const closures = await this.closuresOf(page.data.map((c) => c.id));
    return { data: page.data.map((c) => this.toDto(c, closures.get(c.id) ?? [])), nextCursor: page.nextCursor };
  }

  async update(id: string, input: UpdateCalendarDto, expectedVersion: number | undefined): Promise<CalendarDto> {
    rejectNulls(input, ['name', 'timeZone', 'workingWeekdays', 'dailyHours', 'closures']);
    return this.db.withTransaction(() => this.change(id, input, expectedVersion));
  }

  private async change(id: string, input: UpdateCalendarDto, expectedVersion: number | undefined): Promise<CalendarDto> {
    const c = await this.findOrThrow(id, true);
    assertVersion('work calendar', expectedVersion, c.version);
    const before = snapshot(c, (await this.closuresOf([id])).get(id) ?? []);
    const { closures, ...fields } = input;
    Object.assign(c, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    if (input.country === null) c.region = null;
    // closures are listed by date whatever order they were sent in
    const proposed = snapshot(c, closures ? [...closures].sort((a, b) => a.date.localeCompare(b.date)).map((x) => ({ date: x.date, name: x.name })) : (before.closures as ClosureDto[]));
    if (!changedKeys(before, proposed, { decimals: ['dailyHours'] }).length) return this.toDto(await this.findOrThrow(id), before.closures);
    this.validate(c);
    await this.repo.update({ id }, { name: c.name, timeZone: c.timeZone, country: c.country, region: c.region, workingWeekdays: c.workingWeekdays, dailyHours: c.dailyHours, location: c.location, version: c.version + 1, updatedAt: new Date() });
    if (closures) await this.replaceClosures(id, closures);
    return this.get(id, 'hr.calendar.updated', before);
  }

  /** Weekdays, public holidays and closures of a calendar over a range. */
  async rules(calendarId: string, from: string, to: string): Promise<CalendarRules & { calendar: WorkCalendar }> {
    const calendar = await this.findOrThrow(calendarId);
    const rows = await this.closureRepo.createQueryBuilder('x').where('x.calendar_id = :calendarId AND x.date BETWEEN :from AND :to', { calendarId, from, to }).getMany();
    return {
      calendar,
      workingWeekdays: calendar.workingWeekdays.map(Number),
      holidays: calendar.country ? publicHolidays(calendar.country, calendar.region, from, to) : new Map(),
      closures: new Map(rows.map((r) => [r.date, r.name])),
    };
  }

  async workingDays(id: string, from: string, to: string): Promise<WorkingDaysDto> {
    assertDateRange(from, to);
    const days = classifyDays(from, to, await this.rules(id, from, to));
    return { calendarId: id, from, to, workingDays: days.filter((d) => d.kind === 'working').length, days };
  }

  /** The employee's calendar: the one assigned, else the one of their work location. */
  async calendarIdFor(employee: Employee): Promise<string> {
    if (employee.workCalendarId) return employee.workCalendarId;
    if (employee.workLocation) {
      const byLocation = await this.repo.findOneBy({ location: employee.workLocation });
      if (byLocation) return byLocation.id;
    }
    throw new HrException(HrErrorCode.NoWorkCalendar, `Employee ${employee.employeeNumber} has no work calendar: assign one (workCalendarId) or create a calendar for the work location${employee.workLocation ? ` "${employee.workLocation}"` : ''}.`, { employeeId: employee.id }, 'employeeId');
  }

  async findOrThrow(id: string, lock = false): Promise<WorkCalendar> {
    const c = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c) throw new NotFoundProblem('Work calendar', id);
    return c;
  }
}

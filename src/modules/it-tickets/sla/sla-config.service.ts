import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService } from '../../../platform/audit/audit.service';
import { changedFields } from '../../../platform/changes/changed-fields';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { ItSettings } from '../desk/desk.entities';
import { businessCalendarPayload, IT_SETTINGS_FIELDS, IT_SETTINGS_ID, PRIORITY_MATRIX_ID, settingsPayload, SLA_POLICY_FIELDS, slaPolicyPayload } from '../it-config.events';
import { ItErrorCode, ItException } from '../it-tickets.errors';
import { BusinessCalendar } from './business-clock';
import { holidaysFor, knownHolidayRegion } from './holidays';
import {
  BusinessCalendarDto,
  CreateBusinessCalendarDto,
  CreateSlaPolicyDto,
  ItSettingsDto,
  ListConfigQuery,
  PriorityMatrixDto,
  SlaPolicyDto,
  UpdateItSettingsDto,
  UpdateSlaPolicyDto,
} from './dto/sla-config.dto';
import { BusinessCalendarRow, SlaPolicy } from './sla-config.entities';

const DEFAULT_PAUSING = ['waiting_on_requester', 'waiting_on_third_party'];
const created: Record<string, SortField> = {
  createdAt: { column: 'x.created_at', type: 'timestamp', value: (r: { createdAt: Date }) => r.createdAt.toISOString() },
};

export const toCalendarDto = (c: BusinessCalendarRow): BusinessCalendarDto => ({
  id: c.id,
  name: c.name,
  timeZone: c.timeZone,
  workingDays: c.workingDays.map(Number),
  startTime: c.startTime,
  endTime: c.endTime,
  holidayCountry: c.holidayCountry,
  holidayRegion: c.holidayRegion,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toPolicyDto = (p: SlaPolicy): SlaPolicyDto => ({
  id: p.id,
  name: p.name,
  ticketType: p.ticketType,
  priority: p.priority,
  category: p.category,
  firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  calendarId: p.calendarId,
  pausingStates: p.pausingStates,
  active: p.active,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** What a ticket's clocks need: the policy and its calendar with holidays loaded for the years in play. */
export interface ResolvedPolicy {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
}

/** SLA configuration: business calendars, policies, the priority matrix and desk settings. */
@Injectable()
export class SlaConfigService {
  /** Holidays per country/region/year: date-holidays computes them; they do not change at run time. */
  private readonly holidayCache = new Map<string, Set<string>>();

  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  // --- calendars ---------------------------------------------------------------------------

  async createCalendar(input: CreateBusinessCalendarDto): Promise<BusinessCalendarDto> {
    if (!DateTime.local().setZone(input.timeZone).isValid) throw new ItException(ItErrorCode.UnknownTimeZone, `${input.timeZone} is not an IANA time zone.`, {}, 'timeZone');
    const country = input.holidayCountry ?? null;
    const region = input.holidayRegion ?? null;
    if (country && !knownHolidayRegion(country, region)) throw new ItException(ItErrorCode.UnknownHolidayRegion, `date-holidays knows no ${region ? `region ${region} in ` : ''}${country}.`, {}, region ? 'holidayRegion' : 'holidayCountry');
    return this.db.withTransaction(async () => {
      const now = new Date();
      const row: BusinessCalendarRow = {
        id: newId(),
        name: input.name,
        timeZone: input.timeZone,
        workingDays: [...input.workingDays].sort(),
        startTime: input.startTime,
        endTime: input.endTime,
        holidayCountry: country,
        holidayRegion: region,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.db.getRepository(BusinessCalendarRow).insert(row);
      await this.audit.record({ action: 'it.business_calendar.created', entityType: 'it_business_calendar', entityId: row.id, before: null, after: { ...toCalendarDto(row) } });
      await this.events.publish('it.business_calendar.created', { type: 'it_business_calendar', id: row.id }, businessCalendarPayload(row));
      return toCalendarDto(row);
    });
  }

  async getCalendar(id: string): Promise<BusinessCalendarDto> {
    const row = await this.db.findById(BusinessCalendarRow, id);
    if (!row) throw new NotFoundProblem('Business calendar', id);
    return toCalendarDto(row);
  }

  listCalendars(query: ListConfigQuery): Promise<Page<BusinessCalendarDto>> {
    const qb = this.db.getRepository(BusinessCalendarRow).createQueryBuilder('x');
    return paginate(qb, { sort: query.sort ?? 'createdAt', fields: created, limit: query.limit, cursor: query.cursor, idColumn: 'x.id', map: toCalendarDto });
  }

  /** The calendar as the clock calculator takes it, holidays for the given years. */
  async businessCalendar(calendarId: string, years: number[]): Promise<BusinessCalendar> {
    const row = await this.db.findById(BusinessCalendarRow, calendarId);
    if (!row) throw new NotFoundProblem('Business calendar', calendarId);
    return this.toBusinessCalendar(row, years);
  }

  toBusinessCalendar(row: BusinessCalendarRow, years: number[]): BusinessCalendar {
    const holidays = new Set<string>();
    for (const year of years) {
      const key = `${row.holidayCountry}|${row.holidayRegion}|${year}`;
      let set = this.holidayCache.get(key);
      if (!set) this.holidayCache.set(key, (set = holidaysFor(row.holidayCountry, row.holidayRegion, [year])));
      set.forEach((d) => holidays.add(d));
    }
    return { timeZone: row.timeZone, workingDays: row.workingDays.map(Number), start: row.startTime, end: row.endTime, holidays };
  }

  // --- policies ----------------------------------------------------------------------------

  async createPolicy(input: CreateSlaPolicyDto): Promise<SlaPolicyDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const p: SlaPolicy = {
        id: newId(),
        name: input.name,
        ticketType: input.ticketType ?? null,
        priority: input.priority ?? null,
        category: input.category ?? null,
        firstResponseMinutes: input.firstResponseMinutes,
        resolutionMinutes: input.resolutionMinutes,
        calendarId: input.calendarId,
        pausingStates: input.pausingStates ?? DEFAULT_PAUSING,
        active: input.active ?? true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.db.getRepository(SlaPolicy).insert(p);
      await this.audit.record({ action: 'it.sla_policy.created', entityType: 'it_sla_policy', entityId: p.id, before: null, after: { ...toPolicyDto(p) } });
      await this.events.publish('it.sla_policy.created', { type: 'it_sla_policy', id: p.id }, slaPolicyPayload(p));
      return toPolicyDto(p);
    });
  }

  async updatePolicy(id: string, input: UpdateSlaPolicyDto, expectedVersion: number | undefined): Promise<SlaPolicyDto> {
    return this.db.withTransaction(async () => {
      const p = await this.findPolicy(id, true);
      assertVersion('SLA policy', expectedVersion, p.version);
      const before = toPolicyDto(p);
      const next: SlaPolicy = { ...p, version: p.version + 1, updatedAt: new Date() };
      for (const key of SLA_POLICY_FIELDS) {
        if (input[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = input[key];
      }
      const changed = changedFields(SLA_POLICY_FIELDS, before, next);
      if (!changed.length) return before;
      await this.db.getRepository(SlaPolicy).save(next);
      const after = toPolicyDto(next);
      await this.audit.record({ action: 'it.sla_policy.updated', entityType: 'it_sla_policy', entityId: id, before: { ...before }, after: { ...after } });
      await this.events.publish('it.sla_policy.updated', { type: 'it_sla_policy', id }, slaPolicyPayload(next, changed));
      return toPolicyDto(next);
    });
  }

  async getPolicy(id: string): Promise<SlaPolicyDto> {
    return toPolicyDto(await this.findPolicy(id));
  }

  listPolicies(query: ListConfigQuery): Promise<Page<SlaPolicyDto>> {
    const qb = this.db.getRepository(SlaPolicy).createQueryBuilder('x');
    return paginate(qb, { sort: query.sort ?? 'createdAt', fields: created, limit: query.limit, cursor: query.cursor, idColumn: 'x.id', map: toPolicyDto });
  }

  async findPolicy(id: string, lock = false): Promise<SlaPolicy> {
    const p = await this.db.findById(SlaPolicy, id, { lock });
    if (!p) throw new NotFoundProblem('SLA policy', id);
    return p;
  }

  /** The most specific active policy for the ticket (each matching criterion counts; oldest wins a tie). */
  async matchPolicy(type: string, priority: string, category: string): Promise<SlaPolicy | null> {
    return this.db
      .getRepository(SlaPolicy)
      .createQueryBuilder('p')
      .where('p.active')
      .andWhere('(p.ticket_type IS NULL OR p.ticket_type = :type)', { type })
      .andWhere('(p.priority IS NULL OR p.priority = :priority)', { priority })
      .andWhere('(p.category IS NULL OR p.category = :category)', { category })
      .orderBy('(p.ticket_type IS NOT NULL)::int + (p.priority IS NOT NULL)::int + (p.category IS NOT NULL)::int', 'DESC')
      .addOrderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getOne();
  }

  // --- priority matrix -----------------------------------------------------------------------

  async priorityMatrix(): Promise<PriorityMatrixDto> {
    const rows: Array<{ impact: number; urgency: number; priority: string }> = await this.db.manager.query(`SELECT impact, urgency, priority FROM it_priority_matrix ORDER BY impact, urgency`);
    return { cells: rows.map((r) => ({ impact: Number(r.impact), urgency: Number(r.urgency), priority: r.priority })) };
  }

  async priorityFor(impact: number, urgency: number): Promise<string> {
    const [row] = await this.db.manager.query(`SELECT priority FROM it_priority_matrix WHERE impact = $1 AND urgency = $2`, [impact, urgency]);
    return (row as { priority: string }).priority;
  }

  /** Replaces the matrix (all nine cells). Existing tickets keep their priority until edited. */
  async replacePriorityMatrix(input: PriorityMatrixDto): Promise<PriorityMatrixDto> {
    const keys = new Set(input.cells.map((c) => `${c.impact}:${c.urgency}`));
    if (keys.size !== 9) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, '1 field failed validation: cells.', {}, [{ field: 'cells', message: 'must hold each impact × urgency pair exactly once' }]);
    }
    return this.db.withTransaction(async () => {
      const before = await this.priorityMatrix();
      const unchanged = input.cells.every((c) => before.cells.find((b) => b.impact === c.impact && b.urgency === c.urgency)?.priority === c.priority);
      if (unchanged) return before;
      await this.db.manager.query(
        `UPDATE it_priority_matrix m SET priority = c.priority FROM jsonb_to_recordset($1::jsonb) AS c(impact smallint, urgency smallint, priority text)
          WHERE m.impact = c.impact AND m.urgency = c.urgency`,
        [JSON.stringify(input.cells)],
      );
      const after = await this.priorityMatrix();
      await this.audit.record({ action: 'it.priority_matrix.replaced', entityType: 'it_priority_matrix', entityId: PRIORITY_MATRIX_ID, before: { cells: before.cells }, after: { cells: after.cells } });
      const changedCells = after.cells
        .filter((c) => before.cells.find((b) => b.impact === c.impact && b.urgency === c.urgency)?.priority !== c.priority)
        .map((c) => ({ impact: c.impact, urgency: c.urgency }));
      await this.events.publish('it.priority_matrix.replaced', { type: 'it_priority_matrix', id: PRIORITY_MATRIX_ID }, { cells: after.cells, changedCells });
      return after;
    });
  }

  // --- settings ------------------------------------------------------------------------------

  async settings(): Promise<ItSettings> {
    return (await this.db.getRepository(ItSettings).findOneBy({ id: 1 }))!;
  }

  async getSettings(): Promise<ItSettingsDto> {
    const s = await this.settings();
    return { reopenWindowHours: s.reopenWindowHours, attachmentMaxBytes: s.attachmentMaxBytes, version: s.version, updatedAt: s.updatedAt.toISOString() };
  }

  async updateSettings(input: UpdateItSettingsDto, expectedVersion: number | undefined): Promise<ItSettingsDto> {
    return this.db.withTransaction(async () => {
      const s = (await this.db.getRepository(ItSettings).findOne({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } }))!;
      assertVersion('IT settings', expectedVersion, s.version);
      const next: ItSettings = { ...s, reopenWindowHours: input.reopenWindowHours ?? s.reopenWindowHours, attachmentMaxBytes: input.attachmentMaxBytes ?? s.attachmentMaxBytes, version: s.version + 1, updatedAt: new Date() };
      if (!changedFields(IT_SETTINGS_FIELDS, s, next).length) return { reopenWindowHours: s.reopenWindowHours, attachmentMaxBytes: s.attachmentMaxBytes, version: s.version, updatedAt: s.updatedAt.toISOString() };
      await this.db.getRepository(ItSettings).save(next);
      await this.audit.record({ action: 'it.settings.updated', entityType: 'it_settings', entityId: IT_SETTINGS_ID, before: { reopenWindowHours: s.reopenWindowHours, attachmentMaxBytes: s.attachmentMaxBytes }, after: { reopenWindowHours: next.reopenWindowHours, attachmentMaxBytes: next.attachmentMaxBytes } });
      await this.events.publish('it.settings.updated', { type: 'it_settings', id: IT_SETTINGS_ID }, settingsPayload(s, next));
      return { reopenWindowHours: next.reopenWindowHours, attachmentMaxBytes: next.attachmentMaxBytes, version: next.version, updatedAt: next.updatedAt.toISOString() };
    });
  }
}

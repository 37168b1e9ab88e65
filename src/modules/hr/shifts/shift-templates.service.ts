import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { rejectNulls } from '../hr.validation';
import { shiftTemplatePayload } from '../time.events';
import { CreateShiftTemplateDto, ListShiftTemplatesQuery, ShiftTemplateDto, UpdateShiftTemplateDto } from './dto/shift.dto';
import { ShiftTemplate } from './shift.entities';

const SORTS: Record<string, SortField> = {
  name: { column: 't.name', type: 'text', value: (t: ShiftTemplate) => t.name },
  createdAt: { column: 't.created_at', type: 'timestamp', value: (t: ShiftTemplate) => t.createdAt.toISOString() },
};
const hhmm = (t: string) => t.slice(0, 5);
const snapshot = (t: ShiftTemplate) => ({ name: t.name, startTime: hhmm(t.startTime), endTime: hhmm(t.endTime), unpaidBreakMinutes: t.unpaidBreakMinutes, positionId: t.positionId, location: t.location });
const toDto = (t: ShiftTemplate): ShiftTemplateDto => ({ id: t.id, ...snapshot(t), version: t.version, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() });

@Injectable()
export class ShiftTemplatesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(ShiftTemplate);
  }

  async create(input: CreateShiftTemplateDto): Promise<ShiftTemplateDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const t = this.repo.create({ id: newId(), name: input.name.trim(), startTime: input.startTime, endTime: input.endTime, unpaidBreakMinutes: input.unpaidBreakMinutes, positionId: input.positionId ?? null, location: input.location, version: 1, createdAt: now, updatedAt: now });
      await this.repo.insert(t);
      await this.audit.record({ action: 'hr.shift_template.created', entityType: 'shift_template', entityId: t.id, before: null, after: snapshot(t) });
      await this.events.publish('hr.shift_template.created', { type: 'shift_template', id: t.id }, shiftTemplatePayload(t));
      return toDto(t);
    });
  }

  async get(id: string): Promise<ShiftTemplateDto> {
    return toDto(await this.findOrThrow(id));
  }

  async list(query: ListShiftTemplatesQuery): Promise<Page<ShiftTemplateDto>> {
    return paginate(this.repo.createQueryBuilder('t'), { sort: query.sort ?? 'name', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 't.id', map: toDto });
  }

  async update(id: string, input: UpdateShiftTemplateDto, expectedVersion: number | undefined): Promise<ShiftTemplateDto> {
    rejectNulls(input, ['name', 'startTime', 'endTime', 'unpaidBreakMinutes', 'location']);
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      assertVersion('shift template', expectedVersion, t.version);
      const before = snapshot(t);
      Object.assign(t, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = snapshot(t);
      const changed = changedKeys(before, after);
      if (changed.length > 0) {
        await this.repo.update({ id }, { ...after, version: t.version + 1, updatedAt: new Date() });
        await this.audit.record({ action: 'hr.shift_template.updated', entityType: 'shift_template', entityId: id, before, after });
        await this.events.publish('hr.shift_template.updated', { type: 'shift_template', id }, shiftTemplatePayload(t, changed));
      }
      return toDto(await this.findOrThrow(id));
    });
  }

  async findOrThrow(id: string, lock = false): Promise<ShiftTemplate> {
    const t = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!t) throw new NotFoundProblem('Shift template', id);
    return t;
  }
}

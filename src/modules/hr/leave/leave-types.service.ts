import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { rejectNulls } from '../hr.validation';
import { leaveTypePayload } from '../leave.events';
import { CreateLeaveTypeDto, LeaveTypeDto, ListLeaveTypesQuery, MAX_LEAVE_TYPES, UpdateLeaveTypeDto } from './dto/leave.dto';
import { LeaveType } from './leave.entities';

const SORTS: Record<string, SortField> = {
  code: { column: 't.code', type: 'text', value: (t: LeaveType) => t.code },
  createdAt: { column: 't.created_at', type: 'timestamp', value: (t: LeaveType) => t.createdAt.toISOString() },
};

const FIELDS = ['code', 'name', 'paid', 'unit', 'halfDaysAllowed', 'accrualPolicy', 'accrualAmount', 'carryOverCap', 'carryOverExpiryMonths', 'allowNegative', 'approver', 'approverEmployeeId'] as const;
const DECIMALS = ['accrualAmount', 'carryOverCap'];
const snapshot = (t: LeaveType) => Object.fromEntries(FIELDS.map((f) => [f, t[f]]));

export function toLeaveTypeDto(t: LeaveType): LeaveTypeDto {
  return { id: t.id, ...(snapshot(t) as Omit<LeaveTypeDto, 'id' | 'version' | 'createdAt' | 'updatedAt'>), version: t.version, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() };
}

@Injectable()
export class LeaveTypesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(LeaveType);
  }

  async create(input: CreateLeaveTypeDto): Promise<LeaveTypeDto> {
    return this.db.withTransaction(async () => {
      // Serialises creates so the cap holds under concurrency; balances list every type.
      await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('hr_leave_types.create'))`);
      const [{ n }] = await this.db.manager.query(`SELECT count(*)::int AS n FROM hr_leave_types`);
      if (n >= MAX_LEAVE_TYPES) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `There are already ${MAX_LEAVE_TYPES} leave types, the most the API holds.`, {}, [
          { field: 'code', message: `would exceed ${MAX_LEAVE_TYPES} leave types` },
        ]);
      }
      const now = new Date();
      const t = this.repo.create({
        id: newId(),
        code: input.code,
        name: input.name.trim(),
        paid: input.paid,
        unit: input.unit,
        halfDaysAllowed: input.halfDaysAllowed,
        accrualPolicy: input.accrualPolicy,
        accrualAmount: input.accrualAmount ?? null,
        carryOverCap: input.carryOverCap ?? null,
        carryOverExpiryMonths: input.carryOverExpiryMonths ?? null,
        allowNegative: input.allowNegative,
        approver: input.approver,
        approverEmployeeId: input.approverEmployeeId ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insert(t);
      await this.audit.record({ action: 'hr.leave_type.created', entityType: 'leave_type', entityId: t.id, before: null, after: snapshot(t) });
      const saved = await this.findOrThrow(t.id);
      await this.events.publish('hr.leave_type.created', { type: 'leave_type', id: t.id }, leaveTypePayload(saved));
      return toLeaveTypeDto(saved);
    });
  }

  async get(id: string): Promise<LeaveTypeDto> {
    return toLeaveTypeDto(await this.findOrThrow(id));
  }

  async list(query: ListLeaveTypesQuery): Promise<Page<LeaveTypeDto>> {
    return paginate(this.repo.createQueryBuilder('t'), { sort: query.sort ?? 'code', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 't.id', map: toLeaveTypeDto });
  }

  async update(id: string, input: UpdateLeaveTypeDto, expectedVersion: number | undefined): Promise<LeaveTypeDto> {
    rejectNulls(input, ['code', 'name', 'paid', 'unit', 'halfDaysAllowed', 'accrualPolicy', 'allowNegative', 'approver']);
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      assertVersion('leave type', expectedVersion, t.version);
      const before = snapshot(t);
      Object.assign(t, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = snapshot(t);
      const changed = changedKeys(before, after, { decimals: DECIMALS }).length > 0;
      if (changed) {
        await this.repo.update({ id }, { ...after, version: t.version + 1, updatedAt: new Date() });
        await this.audit.record({ action: 'hr.leave_type.updated', entityType: 'leave_type', entityId: id, before, after });
      }
      const saved = await this.findOrThrow(id);
      if (changed) await this.events.publish('hr.leave_type.updated', { type: 'leave_type', id }, leaveTypePayload(saved, changedKeys(before, snapshot(saved), { decimals: DECIMALS })));
      return toLeaveTypeDto(saved);
    });
  }

  async findOrThrow(id: string, lock = false): Promise<LeaveType> {
    const t = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!t) throw new NotFoundProblem('Leave type', id);
    return t;
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { isSelfOrAncestor } from '../../../platform/database/hierarchy';
import { newId } from '../../../platform/database/ids';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { HrErrorCode, HrException } from '../hr.errors';
import { departmentPayload } from '../org.events';
import { EventBus } from '../../../platform/events/event-bus';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { rejectNulls } from '../hr.validation';
import { Department } from './department.entity';
import { CreateDepartmentDto, DepartmentDto, ListDepartmentsQuery, UpdateDepartmentDto } from './dto/department.dto';

/** Serialises changes to the department tree, so two moves cannot build a cycle together. */
const DEPARTMENT_TREE_LOCK = 7_341_001;

const SORTS: Record<string, SortField> = {
  name: { column: 'd.name', type: 'text', value: (d: Department) => d.name },
  code: { column: 'd.code', type: 'text', value: (d: Department) => d.code },
  createdAt: { column: 'd.created_at', type: 'timestamp', value: (d: Department) => d.createdAt.toISOString() },
};

export function toDepartmentDto(d: Department): DepartmentDto {
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    costCenter: d.costCenter,
    parentId: d.parentId,
    headEmployeeId: d.headEmployeeId,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

const snapshot = (d: Department) => ({ code: d.code, name: d.name, costCenter: d.costCenter, parentId: d.parentId, headEmployeeId: d.headEmployeeId });

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(Department);
  }

  async create(input: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const d = this.repo.create({
        id: newId(),
        code: input.code,
        name: input.name,
        costCenter: input.costCenter ?? null,
        parentId: input.parentId ?? null,
        headEmployeeId: input.headEmployeeId ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insert(d);
      await this.audit.record({ action: 'hr.department.created', entityType: 'department', entityId: d.id, before: null, after: snapshot(d) });
      await this.events.publish('hr.department.created', { type: 'department', id: d.id }, departmentPayload(d));
      return toDepartmentDto(d);
    });
  }

  async get(id: string): Promise<DepartmentDto> {
    return toDepartmentDto(await this.findOrThrow(id));
  }

  async list(query: ListDepartmentsQuery): Promise<Page<DepartmentDto>> {
    const qb = this.repo.createQueryBuilder('d');
    if (query.parentId) qb.andWhere('d.parent_id = :parentId', { parentId: query.parentId });
    if (query.topLevel === 'true') qb.andWhere('d.parent_id IS NULL');
    if (query.topLevel === 'false') qb.andWhere('d.parent_id IS NOT NULL');
    return paginate(qb, { sort: query.sort ?? 'name', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'd.id', map: toDepartmentDto });
  }

  async update(id: string, input: UpdateDepartmentDto, expectedVersion: number | undefined): Promise<DepartmentDto> {
    rejectNulls(input, ['code', 'name']);
    return this.db.withTransaction(async (manager) => {
      if (input.parentId !== undefined) await manager.query('SELECT pg_advisory_xact_lock($1)', [DEPARTMENT_TREE_LOCK]);
      const d = await this.findOrThrow(id, true);
      assertVersion('department', expectedVersion, d.version);
      const before = snapshot(d);
      if (input.parentId) await this.assertNotDescendant(id, input.parentId);
      if (input.code !== undefined) d.code = input.code;
      if (input.name !== undefined) d.name = input.name;
      if (input.costCenter !== undefined) d.costCenter = input.costCenter;
      if (input.parentId !== undefined) d.parentId = input.parentId;
      if (input.headEmployeeId !== undefined) d.headEmployeeId = input.headEmployeeId;
      const after = snapshot(d);
      const changed = changedKeys(before, after);
      if (changed.length > 0) {
        d.version += 1;
        d.updatedAt = new Date();
        await this.repo.update({ id }, { ...after, version: d.version, updatedAt: d.updatedAt });
        await this.audit.record({ action: 'hr.department.updated', entityType: 'department', entityId: id, before, after });
        await this.events.publish('hr.department.updated', { type: 'department', id }, departmentPayload(d, changed));
      }
      return toDepartmentDto(d);
    });
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const d = await this.findOrThrow(id, true);
      assertVersion('department', expectedVersion, d.version);
      await this.repo.delete({ id });
      await this.audit.record({ action: 'hr.department.deleted', entityType: 'department', entityId: id, before: snapshot(d), after: null });
      await this.events.publish('hr.department.deleted', { type: 'department', id }, departmentPayload(d));
    });
  }

  /** Refuses to move a department under itself or one of its descendants. */
  private async assertNotDescendant(id: string, newParentId: string): Promise<void> {
    if (id === newParentId) {
      throw new HrException(HrErrorCode.DepartmentCycle, 'A department cannot be its own parent.', { parentId: newParentId }, 'parentId');
    }
    // Moving `id` under `newParentId` loops if `id` is newParentId or one of its ancestors.
    const loops = await isSelfOrAncestor(this.db.manager, { table: 'hr_departments', parentColumn: 'parent_id' }, newParentId, id);
    if (loops) {
      throw new HrException(HrErrorCode.DepartmentCycle, 'The new parent is a descendant of this department; the tree would loop.', { parentId: newParentId }, 'parentId');
    }
  }

  private async findOrThrow(id: string, lock = false): Promise<Department> {
    const d = await this.db.findById(Department, id, { lock });
    if (!d) throw new NotFoundProblem('Department', id);
    return d;
  }
}

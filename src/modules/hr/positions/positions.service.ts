import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { HrErrorCode, HrException } from '../hr.errors';
import { rejectNulls } from '../hr.validation';
import { violatesPositionDepartment } from './position-department';
import { positionPayload } from '../org.events';
import { EventBus } from '../../../platform/events/event-bus';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { CreatePositionDto, ListPositionsQuery, PositionDto, UpdatePositionDto } from './dto/position.dto';
import { Position } from './position.entity';

const SORTS: Record<string, SortField> = {
  title: { column: 'p.title', type: 'text', value: (p: Position) => p.title },
  createdAt: { column: 'p.created_at', type: 'timestamp', value: (p: Position) => p.createdAt.toISOString() },
};

/** Filled count: employees not terminated in the position (uses the partial index on position_id). */
const FILLED = `(SELECT count(*) FROM hr_employees e WHERE e.position_id = p.id AND e.status <> 'terminated')`;

export function toPositionDto(p: Position): PositionDto {
  const filled = p.filledCount ?? 0;
  return {
    id: p.id,
    title: p.title,
    departmentId: p.departmentId,
    grade: p.grade,
    headcountBudget: p.headcountBudget,
    filledCount: filled,
    openCount: p.headcountBudget - filled,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const snapshot = (p: Position) => ({ title: p.title, departmentId: p.departmentId, grade: p.grade, headcountBudget: p.headcountBudget });

@Injectable()
export class PositionsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(Position);
  }

  private query() {
    return this.repo.createQueryBuilder('p').addSelect(`${FILLED}::int`, 'filled_count');
  }

  private async load(id: string): Promise<Position> {
    const { entities, raw } = await this.query().where('p.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw new NotFoundProblem('Position', id);
    entities[0].filledCount = Number(raw[0].filled_count);
    return entities[0];
  }

  async create(input: CreatePositionDto): Promise<PositionDto> {
    return this.db.withTransaction(async () => {
      const now = new Date();
      const p = this.repo.create({ id: newId(), title: input.title, departmentId: input.departmentId, grade: input.grade ?? null, headcountBudget: input.headcountBudget, version: 1, createdAt: now, updatedAt: now });
      await this.repo.insert(p);
      await this.audit.record({ action: 'hr.position.created', entityType: 'position', entityId: p.id, before: null, after: snapshot(p) });
      await this.events.publish('hr.position.created', { type: 'position', id: p.id }, positionPayload(p));
      p.filledCount = 0;
      return toPositionDto(p);
    });
  }

  async get(id: string): Promise<PositionDto> {
    return toPositionDto(await this.load(id));
  }

  async list(query: ListPositionsQuery): Promise<Page<PositionDto>> {
    const qb = this.repo.createQueryBuilder('p');
    if (query.departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId: query.departmentId });
    const sort = query.sort ?? 'title';
    // Filled counts are read for the page only, after pagination picked its rows.
    const page = await paginate(qb, { sort, fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: (p) => p });
    if (page.data.length) {
      const counts: Array<{ position_id: string; n: number }> = await this.db.manager.query(
        `SELECT position_id, count(*)::int AS n FROM hr_employees WHERE position_id = ANY($1::uuid[]) AND status <> 'terminated' GROUP BY position_id`,
        [page.data.map((p) => p.id)],
      );
      const byId = new Map(counts.map((c) => [c.position_id, c.n]));
      for (const p of page.data) p.filledCount = byId.get(p.id) ?? 0;
    }
    return { data: page.data.map(toPositionDto), nextCursor: page.nextCursor };
  }

  async update(id: string, input: UpdatePositionDto, expectedVersion: number | undefined): Promise<PositionDto> {
    rejectNulls(input, ['title', 'departmentId', 'headcountBudget']);
    return this.db.withTransaction(async () => {
      const p = await this.repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundProblem('Position', id);
      assertVersion('position', expectedVersion, p.version);
      const before = snapshot(p);
      Object.assign(p, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const after = snapshot(p);
      if (after.departmentId.toLowerCase() !== before.departmentId) await this.assertNoHolders(p, before.departmentId);
      const changed = changedKeys(before, after);
      if (changed.length > 0) {
        try {
          await this.repo.update({ id }, { ...after, version: p.version + 1, updatedAt: new Date() });
        } catch (err) {
          if (violatesPositionDepartment(err)) throw positionInUse(id, before.departmentId, null);
          throw err;
        }
        await this.audit.record({ action: 'hr.position.updated', entityType: 'position', entityId: id, before, after });
        await this.events.publish('hr.position.updated', { type: 'position', id }, positionPayload(p, changed));
      }
      return toPositionDto(await this.load(id));
    });
  }

  /**
   * A position changes department only while nobody holds it: its holders (former ones too, whose
   * record keeps it) are in the old department. The row is locked FOR UPDATE, so no employee can
   * take the position between this count and the commit.
   */
  private async assertNoHolders(p: Position, fromDepartmentId: string): Promise<void> {
    const [h]: Array<{ active: number; former: number }> = await this.db.manager.query(
      `SELECT count(*) FILTER (WHERE status <> 'terminated')::int AS active, count(*) FILTER (WHERE status = 'terminated')::int AS former
         FROM hr_employees WHERE position_id = $1`,
      [p.id],
    );
    if (h.active + h.former > 0) throw positionInUse(p.id, fromDepartmentId, h);
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const p = await this.repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundProblem('Position', id);
      assertVersion('position', expectedVersion, p.version);
      await this.repo.delete({ id });
      await this.audit.record({ action: 'hr.position.deleted', entityType: 'position', entityId: id, before: snapshot(p), after: null });
      await this.events.publish('hr.position.deleted', { type: 'position', id }, positionPayload(p));
    });
  }
}

function positionInUse(id: string, departmentId: string, holders: { active: number; former: number } | null): HrException {
  const who = holders
    ? `${holders.active} active employee${holders.active === 1 ? '' : 's'}${holders.former ? ` and ${holders.former} former one${holders.former === 1 ? '' : 's'}` : ''} of department ${departmentId} hold it`
    : `employees of department ${departmentId} hold it`;
  return new HrException(
    HrErrorCode.PositionInUse,
    `The position ${id} cannot move to another department while ${who}: move them to another position (or move each with departmentId and positionId together) first.`,
    { positionId: id, departmentId, holderCount: holders?.active ?? null, formerHolderCount: holders?.former ?? null },
    'departmentId',
  );
}

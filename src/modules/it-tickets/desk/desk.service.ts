import { Injectable } from '@nestjs/common';
import { HrFacade } from '../../hr';
import { AuditService } from '../../../platform/audit/audit.service';
import { changedFields } from '../../../platform/changes/changed-fields';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { AGENT_FIELDS, agentPayload, groupPayload } from '../it-config.events';
import { ItErrorCode, ItException } from '../it-tickets.errors';
import { AgentDto, CreateAgentDto, CreateItGroupDto, ItGroupDto, ListDeskQuery, MAX_IT_GROUPS, UpdateAgentDto } from './dto/desk.dto';
import { ItAgent, ItGroup } from './desk.entities';

const toGroupDto = (g: ItGroup): ItGroupDto => ({ id: g.id, code: g.code, name: g.name, version: g.version, createdAt: g.createdAt.toISOString(), updatedAt: g.updatedAt.toISOString() });
const GROUP_SORTS: Record<string, SortField> = { createdAt: { column: 'g.created_at', type: 'timestamp', value: (g: ItGroup) => g.createdAt.toISOString() } };

/** Support groups and agents (employees with the agent role, in groups). */
@Injectable()
export class DeskService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
  ) {}

  async createGroup(input: CreateItGroupDto): Promise<ItGroupDto> {
    return this.db.withTransaction(async () => {
      // The SLA report has a row per group: the number of groups is capped, under a lock so two creations cannot both pass.
      await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('it.groups', 0))`);
      const [{ n }] = (await this.db.manager.query('SELECT count(*)::int AS n FROM it_groups')) as Array<{ n: number }>;
      if (n >= MAX_IT_GROUPS) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `At most ${MAX_IT_GROUPS} IT groups can exist.`, {}, [{ field: 'code', message: `would exceed ${MAX_IT_GROUPS} groups` }]);
      }
      const now = new Date();
      const g: ItGroup = { id: newId(), code: input.code, name: input.name, version: 1, createdAt: now, updatedAt: now };
      await this.db.getRepository(ItGroup).insert(g);
      await this.audit.record({ action: 'it.group.created', entityType: 'it_group', entityId: g.id, before: null, after: { code: g.code, name: g.name } });
      await this.events.publish('it.group.created', { type: 'it_group', id: g.id }, groupPayload(g));
      return toGroupDto(g);
    });
  }

  listGroups(query: ListDeskQuery): Promise<Page<ItGroupDto>> {
    return paginate(this.db.getRepository(ItGroup).createQueryBuilder('g'), { sort: query.sort ?? 'createdAt', fields: GROUP_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'g.id', map: toGroupDto });
  }

  async groupByCode(code: string): Promise<ItGroup | null> {
    return this.db.getRepository(ItGroup).findOneBy({ code });
  }

  async createAgent(input: CreateAgentDto): Promise<AgentDto> {
    return this.db.withTransaction(async () => {
      if (!(await this.hr.findEmployee(input.employeeId))) throw new ItException(ItErrorCode.UnknownEmployee, `Employee ${input.employeeId} does not exist.`, {}, 'employeeId');
      const now = new Date();
      const a: ItAgent = { id: input.employeeId, active: true, version: 1, createdAt: now, updatedAt: now };
      await this.db.getRepository(ItAgent).insert(a);
      await this.setGroups(a.id, input.groupIds);
      await this.audit.record({ action: 'it.agent.created', entityType: 'it_agent', entityId: a.id, before: null, after: { active: true, groupIds: input.groupIds } });
      const created = await this.getAgent(a.id);
      await this.events.publish('it.agent.created', { type: 'it_agent', id: a.id }, agentPayload({ id: a.id, active: created.active }, created.groupIds));
      return created;
    });
  }

  async updateAgent(employeeId: string, input: UpdateAgentDto, expectedVersion: number | undefined): Promise<AgentDto> {
    return this.db.withTransaction(async () => {
      const a = await this.db.getRepository(ItAgent).findOne({ where: { id: employeeId }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw new NotFoundProblem('Agent', employeeId);
      assertVersion('agent', expectedVersion, a.version);
      const before = await this.getAgent(employeeId);
      // groups are a set, listed by id: a re-sent list in another order is the same list
      const proposed = { active: input.active ?? a.active, groupIds: input.groupIds ? [...new Set(input.groupIds.map((g) => g.toLowerCase()))].sort() : before.groupIds };
      if (!changedFields(AGENT_FIELDS, before, proposed).length) return before;
      await this.db.getRepository(ItAgent).update({ id: employeeId }, { active: input.active ?? a.active, version: a.version + 1, updatedAt: new Date() });
      if (input.groupIds) await this.setGroups(employeeId, input.groupIds);
      const after = await this.getAgent(employeeId);
      await this.audit.record({ action: 'it.agent.updated', entityType: 'it_agent', entityId: employeeId, before: { active: before.active, groupIds: before.groupIds }, after: { active: after.active, groupIds: after.groupIds } });
      await this.events.publish('it.agent.updated', { type: 'it_agent', id: employeeId }, agentPayload({ id: employeeId, active: after.active }, after.groupIds, changedFields(AGENT_FIELDS, before, after)));
      return after;
    });
  }

  private async setGroups(employeeId: string, groupIds: string[]): Promise<void> {
    await this.db.manager.query(`DELETE FROM it_agent_groups WHERE employee_id = $1`, [employeeId]);
    if (groupIds.length) await this.db.manager.query(`INSERT INTO it_agent_groups (employee_id, group_id) SELECT $1, unnest($2::uuid[])`, [employeeId, groupIds]);
  }

  async getAgent(employeeId: string): Promise<AgentDto> {
    const a = await this.db.getRepository(ItAgent).findOneBy({ id: employeeId });
    if (!a) throw new NotFoundProblem('Agent', employeeId);
    return this.agentDto(a, (await this.groupsOf([a.id])).get(a.id) ?? []);
  }

  async listAgents(query: ListDeskQuery & { groupId?: string }): Promise<Page<AgentDto>> {
    const qb = this.db.getRepository(ItAgent).createQueryBuilder('a');
    if (query.groupId) qb.andWhere('a.employee_id IN (SELECT employee_id FROM it_agent_groups WHERE group_id = :groupId)', { groupId: query.groupId });
    const page = await paginate(qb, {
      sort: query.sort ?? 'createdAt',
      fields: { createdAt: { column: 'a.created_at', type: 'timestamp', value: (a: ItAgent) => a.createdAt.toISOString() } },
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'a.employee_id',
      map: (a: ItAgent) => a,
    });
    const groups = await this.groupsOf(page.data.map((a) => a.id));
    return { data: page.data.map((a) => this.agentDto(a, groups.get(a.id) ?? [])), nextCursor: page.nextCursor };
  }

  private async groupsOf(employeeIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!employeeIds.length) return map;
    const rows: Array<{ employee_id: string; group_id: string }> = await this.db.manager.query(`SELECT employee_id, group_id FROM it_agent_groups WHERE employee_id = ANY($1::uuid[]) ORDER BY group_id`, [employeeIds]);
    for (const r of rows) map.set(r.employee_id, [...(map.get(r.employee_id) ?? []), r.group_id]);
    return map;
  }

  private agentDto(a: ItAgent, groupIds: string[]): AgentDto {
    return { employeeId: a.id, groupIds, active: a.active, version: a.version, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
  }

  /** 422 unless the employee is an active agent (and in the group, when one is given). */
  async assertAgent(employeeId: string, groupId: string | null, field = 'assigneeId'): Promise<void> {
    const rows: Array<{ active: boolean; in_group: boolean }> = await this.db.manager.query(
      `SELECT a.active, EXISTS (SELECT 1 FROM it_agent_groups g WHERE g.employee_id = a.employee_id AND g.group_id = $2) AS in_group FROM it_agents a WHERE a.employee_id = $1`,
      [employeeId, groupId],
    );
    if (!rows.length || !rows[0].active) throw new ItException(ItErrorCode.NotAnAgent, `Employee ${employeeId} is not an active IT agent.`, {}, field);
    if (groupId && !rows[0].in_group) throw new ItException(ItErrorCode.AgentNotInGroup, `Agent ${employeeId} is not a member of group ${groupId}.`, {}, field);
  }

  /** Whether the employee is an active agent (first-response detection). */
  async isActiveAgent(employeeId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(`SELECT 1 FROM it_agents WHERE employee_id = $1 AND active`, [employeeId]);
    return rows.length > 0;
  }
}

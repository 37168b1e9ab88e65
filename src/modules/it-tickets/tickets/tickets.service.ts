import { Injectable } from '@nestjs/common';
import { HrFacade } from '../../hr';
import { AuditService } from '../../../platform/audit/audit.service';
import { changedFields, withPatch } from '../../../platform/changes/changed-fields';
import { RequestContext } from '../../../platform/context/request-context';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { DeskService } from '../desk/desk.service';
import { ItClock } from '../it.clock';
import { ItErrorCode, ItException } from '../it-tickets.errors';
import { TicketEventPayload } from '../it-tickets.events';
import { SlaConfigService } from '../sla/sla-config.service';
import { NO_DUE, TicketClocksService } from '../sla/ticket-clocks.service';
import { AssignTicketDto, CommentDto, CreateCommentDto, CreateTicketDto, ListTicketsQuery, SlaClockDto, TicketDto, TransitionDto, UpdateTicketDto } from './dto/ticket.dto';
import { ACTION_EVENTS, TICKET_TRANSITIONS, TicketAction } from './ticket-transitions';
import { Priority, Ticket, TicketComment, TicketStatus, TicketTransition, TicketType } from './ticket.entities';

const SORTS: Record<string, SortField> = {
  dueAt: { column: 't.sort_due_at', type: 'timestamp', value: (t: Ticket) => t.sortDueAt.toISOString() },
  createdAt: { column: 't.created_at', type: 'timestamp', value: (t: Ticket) => t.createdAt.toISOString() },
};
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const ACTIVE_EXCLUDED: TicketStatus[] = ['resolved', 'closed'];

/** Extra inputs the journey handlers pass (not on the public API). */
export interface TicketOrigin {
  subjectEmployeeId?: string;
}

function clockDto(target: number | null, elapsed: number | null, paused: number | null, due: Date | null, risk: Date | null, stopped: boolean, breached: boolean): SlaClockDto | null {
  if (target === null) return null;
  const state = breached ? 'breached' : stopped ? 'met' : due ? 'running' : 'paused';
  return { targetMinutes: target, elapsedMinutes: elapsed ?? 0, pausedMinutes: paused ?? 0, dueAt: iso(due), atRiskAt: iso(risk), state, breached };
}

export function toTicketDto(t: Ticket, assetIds: string[]): TicketDto {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    description: t.description,
    type: t.type,
    category: t.category,
    impact: t.impact,
    urgency: t.urgency,
    priority: t.priority,
    status: t.status,
    allowedActions: TICKET_TRANSITIONS.allowedActions(t.status),
    requesterId: t.requesterId,
    assigneeId: t.assigneeId,
    groupId: t.groupId,
    tags: t.tags,
    assetIds,
    dueDate: t.dueDate,
    subjectEmployeeId: t.subjectEmployeeId,
    firstResponseAt: iso(t.firstResponseAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    sla: {
      policyId: t.slaPolicyId,
      firstResponse: clockDto(t.frTargetMinutes, t.frElapsedMinutes, null, t.frDueAt, t.frRiskAt, t.frStopped, t.frBreached),
      resolution: clockDto(t.resTargetMinutes, t.resElapsedMinutes, t.resPausedMinutes, t.resDueAt, t.resRiskAt, t.resStopped, t.resBreached),
    },
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Tickets: numbering, priority from the matrix, assignment, the lifecycle, comments and SLA clocks. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
    private readonly desk: DeskService,
    private readonly config: SlaConfigService,
    private readonly clocks: TicketClocksService,
    private readonly clock: ItClock,
  ) {}

  private get repo() {
    return this.db.getRepository(Ticket);
  }

  async create(input: CreateTicketDto, origin: TicketOrigin = {}): Promise<TicketDto> {
    return this.db.withTransaction(async () => {
      if (!(await this.hr.findEmployee(input.requesterId))) throw new ItException(ItErrorCode.UnknownEmployee, `Employee ${input.requesterId} does not exist.`, {}, 'requesterId');
      if (input.assigneeId) await this.desk.assertAgent(input.assigneeId, input.groupId ?? null);
      const now = this.clock.now();
      const [{ next_value }] = await this.db.manager.query(
        // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE. The row lock keeps numbers gapless.
        `WITH n AS (UPDATE it_counters SET next_value = next_value + 1 WHERE name = 'ticket' RETURNING next_value - 1 AS next_value) SELECT next_value FROM n`,
      );
      const priority = (await this.config.priorityFor(input.impact, input.urgency)) as Priority;
      const policy = await this.config.matchPolicy(input.type, priority, input.category);
      const t: Ticket = {
        id: newId(),
        number: `IT-${next_value}`,
        title: input.title,
        description: input.description ?? '',
        type: input.type as TicketType,
        category: input.category,
        impact: input.impact,
        urgency: input.urgency,
        priority,
        status: 'new',
        requesterId: input.requesterId,
        assigneeId: input.assigneeId ?? null,
        groupId: input.groupId ?? null,
        tags: input.tags ?? [],
        dueDate: input.dueDate ?? null,
        subjectEmployeeId: origin.subjectEmployeeId ?? null,
        slaPolicyId: policy?.id ?? null,
        firstResponseAt: null,
        resolvedAt: null,
        closedAt: null,
        frTargetMinutes: null,
        resTargetMinutes: null,
        frDueAt: null,
        frRiskAt: null,
        frElapsedMinutes: null,
        frStopped: false,
        frBreached: false,
        resDueAt: null,
        resRiskAt: null,
        resElapsedMinutes: null,
        resPausedMinutes: null,
        resStopped: false,
        resBreached: false,
        sortDueAt: NO_DUE,
        sortRiskAt: NO_DUE,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(t);
      await this.recordTransition(t.id, 'create', null, 'new', now);
      await this.setAssets(t.id, input.assetIds ?? []);
      await this.clocks.recompute(t, now);
      await this.repo.save(t);
      await this.audit.record({ action: 'it.ticket.created', entityType: 'it_ticket', entityId: t.id, before: null, after: this.snapshot(t) });
      await this.events.publish('it.ticket.created', { type: 'it_ticket', id: t.id }, this.payload(t));
      if (t.assigneeId || t.groupId) await this.events.publish('it.ticket.assigned', { type: 'it_ticket', id: t.id }, this.payload(t));
      return toTicketDto(t, input.assetIds ?? []);
    });
  }

  async get(id: string): Promise<TicketDto> {
    const t = await this.findOrThrow(id);
    return toTicketDto(t, await this.assetIdsOf(t.id));
  }

  async list(query: ListTicketsQuery, activeOnly = false): Promise<Page<TicketDto>> {
    const qb = this.repo.createQueryBuilder('t');
    const now = this.clock.now();
    if (activeOnly) qb.andWhere('t.status NOT IN (:...excluded)', { excluded: ACTIVE_EXCLUDED });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.priority) qb.andWhere('t.priority = :priority', { priority: query.priority });
    if (query.type) qb.andWhere('t.type = :type', { type: query.type });
    if (query.assigneeId) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.groupId) qb.andWhere('t.group_id = :groupId', { groupId: query.groupId });
    if (query.requesterId) qb.andWhere('t.requester_id = :requesterId', { requesterId: query.requesterId });
    // A running clock past its due time is breached even before the job has written the flag.
    const breached = '(t.fr_breached OR t.res_breached OR t.sort_due_at < :now)';
    if (query.breached !== undefined) qb.andWhere(query.breached ? breached : `NOT ${breached}`, { now });
    if (query.atRisk !== undefined) qb.andWhere(query.atRisk ? `(t.sort_risk_at <= :now AND NOT ${breached})` : `NOT (t.sort_risk_at <= :now AND NOT ${breached})`, { now });
    const page = await paginate(qb, { sort: query.sort ?? 'dueAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 't.id', map: (t: Ticket) => t });
    const assets = await this.assetIdsOfMany(page.data.map((t) => t.id));
    return { data: page.data.map((t) => toTicketDto(t, assets.get(t.id) ?? [])), nextCursor: page.nextCursor };
  }

  async update(id: string, input: UpdateTicketDto, expectedVersion: number | undefined): Promise<TicketDto> {
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      assertVersion('ticket', expectedVersion, t.version);
      const current = { title: t.title, description: t.description, category: t.category, impact: t.impact, urgency: t.urgency, tags: t.tags, dueDate: t.dueDate, slaPolicyId: t.slaPolicyId, assetIds: await this.assetIdsOf(t.id) };
      // assets are a set, listed by id
      const proposed = { ...withPatch(current, input), assetIds: input.assetIds ? [...new Set(input.assetIds.map((a) => a.toLowerCase()))].sort() : current.assetIds };
      if (!changedFields(Object.keys(current) as Array<keyof typeof current>, current, proposed).length) return toTicketDto(t, current.assetIds);
      const before = this.snapshot(t);
      const now = this.clock.now();
      if (input.title !== undefined) t.title = input.title;
      if (input.description !== undefined) t.description = input.description;
      if (input.category !== undefined) t.category = input.category;
      if (input.impact !== undefined) t.impact = input.impact;
      if (input.urgency !== undefined) t.urgency = input.urgency;
      if (input.tags !== undefined) t.tags = input.tags;
      if (input.dueDate !== undefined) t.dueDate = input.dueDate;
      t.priority = (await this.config.priorityFor(t.impact, t.urgency)) as Priority;
      if (input.slaPolicyId !== undefined) {
        await this.config.findPolicy(input.slaPolicyId);
        t.slaPolicyId = input.slaPolicyId;
      } else if (t.priority !== before.priority || t.category !== before.category) {
        t.slaPolicyId = (await this.config.matchPolicy(t.type, t.priority, t.category))?.id ?? null;
      }
      if (input.assetIds !== undefined) await this.setAssets(t.id, input.assetIds);
      await this.clocks.recompute(t, now);
      t.version += 1;
      t.updatedAt = now;
      await this.repo.save(t);
      await this.clocks.fireNotifications(t, now);
      await this.audit.record({ action: 'it.ticket.updated', entityType: 'it_ticket', entityId: t.id, before, after: this.snapshot(t) });
      await this.events.publish('it.ticket.updated', { type: 'it_ticket', id: t.id }, this.payload(t));
      return toTicketDto(t, await this.assetIdsOf(t.id));
    });
  }

  async assign(id: string, input: AssignTicketDto, expectedVersion: number | undefined): Promise<TicketDto> {
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      assertVersion('ticket', expectedVersion, t.version);
      const before = this.snapshot(t);
      const groupId = input.groupId !== undefined ? input.groupId : t.groupId;
      const assigneeId = input.assigneeId !== undefined ? input.assigneeId : t.assigneeId;
      if (assigneeId) await this.desk.assertAgent(assigneeId, groupId ?? null);
      if (groupId && groupId !== t.groupId) {
        const found: unknown[] = await this.db.manager.query(`SELECT 1 FROM it_groups WHERE id = $1`, [groupId]);
        if (!found.length) throw new NotFoundProblem('Group', groupId);
      }
      t.assigneeId = assigneeId ?? null;
      t.groupId = groupId ?? null;
      t.version += 1;
      t.updatedAt = this.clock.now();
      await this.repo.save(t);
      await this.audit.record({ action: 'it.ticket.assigned', entityType: 'it_ticket', entityId: t.id, before, after: this.snapshot(t) });
      await this.events.publish('it.ticket.assigned', { type: 'it_ticket', id: t.id }, this.payload(t));
      return toTicketDto(t, await this.assetIdsOf(t.id));
    });
  }

  async transition(id: string, action: TicketAction, expectedVersion: number | undefined): Promise<TicketDto> {
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      assertVersion('ticket', expectedVersion, t.version);
      const to = TICKET_TRANSITIONS.next(t.status, action);
      const now = this.clock.now();
      if (action === 'reopen') {
        const { reopenWindowHours } = await this.config.settings();
        const deadline = t.resolvedAt!.getTime() + reopenWindowHours * 3_600_000;
        if (now.getTime() > deadline) {
          throw new ItException(ItErrorCode.ReopenWindowExpired, `Ticket ${t.number} was resolved more than ${reopenWindowHours} h ago; raise a new ticket.`, { resolvedAt: t.resolvedAt!.toISOString(), reopenWindowHours });
        }
      }
      if (action === 'close' && t.type === 'offboarding' && t.subjectEmployeeId) await this.assertAssetsReturned(t);
      const before = this.snapshot(t);
      const from = t.status;
      t.status = to;
      if (to === 'resolved') t.resolvedAt = now;
      if (to === 'closed') t.closedAt = now;
      if (to === 'reopened') t.resolvedAt = null;
      await this.recordTransition(t.id, action, from, to, now);
      await this.clocks.recompute(t, now);
      t.version += 1;
      t.updatedAt = now;
      await this.repo.save(t);
      await this.clocks.fireNotifications(t, now);
      await this.audit.record({ action: `it.ticket.${action}`, entityType: 'it_ticket', entityId: t.id, before, after: this.snapshot(t) });
      await this.events.publish(ACTION_EVENTS[action], { type: 'it_ticket', id: t.id }, { ...this.payload(t), previousStatus: from });
      if (to === 'resolved') await this.completeJourneyTasks(t);
      return toTicketDto(t, await this.assetIdsOf(t.id));
    });
  }

  /** An offboarding ticket closes only when every listed asset is back (checked in) or reported lost. */
  private async assertAssetsReturned(t: Ticket): Promise<void> {
    const rows: Array<{ asset_tag: string }> = await this.db.manager.query(
      `SELECT a.asset_tag FROM it_ticket_assets ta JOIN it_assets a ON a.id = ta.asset_id
        WHERE ta.ticket_id = $1 AND a.status <> 'lost'
          AND EXISTS (SELECT 1 FROM it_asset_assignments s WHERE s.asset_id = a.id AND s.employee_id = $2 AND s.checked_in_at IS NULL)
        ORDER BY a.asset_tag`,
      [t.id, t.subjectEmployeeId],
    );
    if (rows.length) {
      const tags = rows.map((r) => r.asset_tag);
      throw new ItException(ItErrorCode.OffboardingAssetsOutstanding, `The leaver still holds ${tags.join(', ')}; check them in or mark them lost first.`, { assetTags: tags });
    }
  }

  /** HR journey tasks of kind it_ticket linked to this journey ticket complete when it resolves. */
  private async completeJourneyTasks(t: Ticket): Promise<void> {
    const links: Array<{ journey_id: string; task_id: string }> = await this.db.manager.query(
      `WITH done AS (
         UPDATE it_journey_task_links l SET completed_at = $2
           FROM it_journey_tickets j
          WHERE j.ticket_id = $1 AND l.employee_id = j.employee_id AND l.kind = j.kind AND l.completed_at IS NULL
          RETURNING l.journey_id, l.task_id
       ) SELECT journey_id, task_id FROM done`,
      [t.id, this.clock.now()],
    );
    for (const l of links) await this.hr.completeJourneyTask(l.journey_id, l.task_id, `IT ticket ${t.number} resolved.`);
  }

  async addComment(id: string, input: CreateCommentDto): Promise<CommentDto> {
    return this.db.withTransaction(async () => {
      const t = await this.findOrThrow(id, true);
      if (!(await this.hr.findEmployee(input.authorId))) throw new ItException(ItErrorCode.UnknownEmployee, `Employee ${input.authorId} does not exist.`, {}, 'authorId');
      const now = this.clock.now();
      const byAgent = input.authorId !== t.requesterId && (await this.desk.isActiveAgent(input.authorId));
      const c: TicketComment = { id: newId(), ticketId: t.id, authorId: input.authorId, byAgent, visibility: input.visibility, body: input.body, createdAt: now };
      await this.db.getRepository(TicketComment).insert(c);
      const firstResponse = byAgent && input.visibility === 'public' && !t.firstResponseAt;
      if (firstResponse) {
        const before = this.snapshot(t);
        t.firstResponseAt = now;
        await this.clocks.recompute(t, now);
        t.version += 1;
        t.updatedAt = now;
        await this.repo.save(t);
        await this.clocks.fireNotifications(t, now);
        await this.audit.record({ action: 'it.ticket.first_response', entityType: 'it_ticket', entityId: t.id, before, after: this.snapshot(t) });
      }
      await this.audit.record({ action: 'it.ticket.commented', entityType: 'it_ticket_comment', entityId: c.id, before: null, after: { ticketId: t.id, authorId: c.authorId, visibility: c.visibility } });
      await this.events.publish('it.ticket.commented', { type: 'it_ticket', id: t.id }, { ticketId: t.id, number: t.number, commentId: c.id, authorId: c.authorId, visibility: c.visibility, firstResponse });
      return this.commentDto(c);
    });
  }

  async comments(id: string, query: { limit?: number; cursor?: string; visibility?: string }): Promise<Page<CommentDto>> {
    await this.findOrThrow(id);
    const qb = this.db.getRepository(TicketComment).createQueryBuilder('c').where('c.ticket_id = :id', { id });
    if (query.visibility) qb.andWhere('c.visibility = :v', { v: query.visibility });
    return paginate(qb, {
      sort: 'createdAt',
      fields: { createdAt: { column: 'c.created_at', type: 'timestamp', value: (c: TicketComment) => c.createdAt.toISOString() } },
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'c.id',
      map: (c: TicketComment) => this.commentDto(c),
    });
  }

  async history(id: string, query: { limit?: number; cursor?: string }): Promise<Page<TransitionDto>> {
    await this.findOrThrow(id);
    const qb = this.db.getRepository(TicketTransition).createQueryBuilder('h').where('h.ticket_id = :id', { id });
    return paginate(qb, {
      sort: 'at',
      fields: { at: { column: 'h.at', type: 'timestamp', value: (h: TicketTransition) => h.at.toISOString() } },
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'h.id',
      map: (h: TicketTransition) => ({ id: h.id, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, at: h.at.toISOString(), actor: h.actor }),
    });
  }

  private commentDto(c: TicketComment): CommentDto {
    return { id: c.id, ticketId: c.ticketId, authorId: c.authorId, byAgent: c.byAgent, visibility: c.visibility, body: c.body, createdAt: c.createdAt.toISOString() };
  }

  private async recordTransition(ticketId: string, action: string, from: TicketStatus | null, to: TicketStatus, at: Date): Promise<void> {
    const actor = RequestContext.actor();
    await this.db.getRepository(TicketTransition).insert({ id: newId(), ticketId, action, fromStatus: from, toStatus: to, at, actor: (actor.actingUser ?? actor.keyName).slice(0, 200) });
  }

  private async setAssets(ticketId: string, assetIds: string[]): Promise<void> {
    await this.db.manager.query(`DELETE FROM it_ticket_assets WHERE ticket_id = $1`, [ticketId]);
    if (assetIds.length) await this.db.manager.query(`INSERT INTO it_ticket_assets (ticket_id, asset_id) SELECT $1, unnest($2::uuid[])`, [ticketId, assetIds]);
  }

  private async assetIdsOf(ticketId: string): Promise<string[]> {
    return (await this.assetIdsOfMany([ticketId])).get(ticketId) ?? [];
  }

  private async assetIdsOfMany(ticketIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!ticketIds.length) return map;
    const rows: Array<{ ticket_id: string; asset_id: string }> = await this.db.manager.query(`SELECT ticket_id, asset_id FROM it_ticket_assets WHERE ticket_id = ANY($1::uuid[]) ORDER BY asset_id`, [ticketIds]);
    for (const r of rows) map.set(r.ticket_id, [...(map.get(r.ticket_id) ?? []), r.asset_id]);
    return map;
  }

  async findOrThrow(id: string, lock = false): Promise<Ticket> {
    const t = await this.db.findById(Ticket, id, { lock });
    if (!t) throw new NotFoundProblem('Ticket', id);
    return t;
  }

  snapshot(t: Ticket) {
    return {
      title: t.title, category: t.category, impact: t.impact, urgency: t.urgency, priority: t.priority, status: t.status, assigneeId: t.assigneeId,
      groupId: t.groupId, tags: t.tags, dueDate: t.dueDate, slaPolicyId: t.slaPolicyId, firstResponseAt: t.firstResponseAt, resolvedAt: t.resolvedAt, closedAt: t.closedAt,
    };
  }

  payload(t: Ticket): TicketEventPayload {
    return { ticketId: t.id, number: t.number, type: t.type, category: t.category, priority: t.priority, status: t.status, requesterId: t.requesterId, assigneeId: t.assigneeId, groupId: t.groupId };
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { RequestContext } from '../../../platform/context/request-context';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { changedFields } from '../../../platform/changes/changed-fields';
import { addDays } from '../calendars/working-days';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import { rejectNulls } from '../hr.validation';
import {
  ChecklistTemplateDto,
  CreateChecklistTemplateDto,
  JourneyDto,
  ListChecklistTemplatesQuery,
  ListJourneysQuery,
  TemplateTaskDto,
  UpdateChecklistTemplateDto,
} from './dto/journey.dto';
import { ChecklistTemplate, ChecklistTemplateTask, Journey, JourneyKind, JourneyStatus, JourneyTask } from './journey.entities';

type JourneyAction = 'complete_task' | 'complete' | 'cancel';
export const JOURNEY_TRANSITIONS = new StateMachine<JourneyStatus, JourneyAction>('journey', {
  in_progress: { complete_task: 'in_progress', complete: 'completed', cancel: 'cancelled' },
  completed: {},
  cancelled: {},
});
const TASK_TRANSITIONS = new StateMachine<'open' | 'done', 'complete'>('journey task', { open: { complete: 'done' }, done: {} });

const TEMPLATE_SORTS: Record<string, SortField> = { name: { column: 't.name', type: 'text', value: (t: ChecklistTemplate) => t.name } };
const JOURNEY_SORTS: Record<string, SortField> = { createdAt: { column: 'j.created_at', type: 'timestamp', value: (j: Journey) => j.createdAt.toISOString() } };

const TEMPLATE_FIELDS = ['name', 'kind', 'tasks'] as const;
const taskView = (t: Pick<ChecklistTemplateTask, 'title' | 'dueOffsetDays' | 'kind'> & { ownerRole?: string | null; ownerDepartmentId?: string | null }) => ({ title: t.title, ownerRole: t.ownerRole ?? null, ownerDepartmentId: t.ownerDepartmentId ?? null, dueOffsetDays: t.dueOffsetDays, kind: t.kind });

function toJourneyDto(j: Journey, tasks: JourneyTask[]): JourneyDto {
  const done = tasks.filter((t) => t.status === 'done').length;
  return {
    id: j.id,
    employeeId: j.employeeId,
    templateId: j.templateId,
    kind: j.kind,
    anchorDate: j.anchorDate,
    status: j.status,
    progress: { done, total: tasks.length, percent: tasks.length ? Math.floor((done * 100) / tasks.length) : 100 },
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, ownerRole: t.ownerRole, ownerDepartmentId: t.ownerDepartmentId, kind: t.kind, dueDate: t.dueDate, status: t.status, doneAt: t.doneAt ? t.doneAt.toISOString() : null, doneBy: t.doneBy, note: t.note })),
    completedAt: j.completedAt ? j.completedAt.toISOString() : null,
    version: j.version,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
  };
}

@Injectable()
export class JourneysService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get templates() {
    return this.db.getRepository(ChecklistTemplate);
  }

  private get journeys() {
    return this.db.getRepository(Journey);
  }

  private get tasks() {
    return this.db.getRepository(JourneyTask);
  }

  // ---------- templates ----------

  private assertOwners(tasks: TemplateTaskDto[]): void {
    const bad = tasks.findIndex((t) => Boolean(t.ownerRole) === Boolean(t.ownerDepartmentId));
    if (bad >= 0) throw new HrException(HrErrorCode.TaskOwnerRequired, `Task ${bad + 1} needs exactly one of ownerRole and ownerDepartmentId.`, {}, `tasks[${bad}].ownerRole`);
  }

  private async templateTasks(templateIds: string[]): Promise<Map<string, ChecklistTemplateTask[]>> {
    const rows = templateIds.length
      ? await this.db.getRepository(ChecklistTemplateTask).createQueryBuilder('x').where('x.template_id = ANY(:ids)', { ids: templateIds }).orderBy('x.position').getMany()
      : [];
    const out = new Map<string, ChecklistTemplateTask[]>();
    for (const r of rows) out.set(r.templateId, [...(out.get(r.templateId) ?? []), r]);
    return out;
  }

  private templateDto(t: ChecklistTemplate, tasks: ChecklistTemplateTask[]): ChecklistTemplateDto {
    return { id: t.id, name: t.name, kind: t.kind, tasks: tasks.map(taskView), version: t.version, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() };
  }

  private async replaceTemplateTasks(templateId: string, tasks: TemplateTaskDto[]): Promise<void> {
    const repo = this.db.getRepository(ChecklistTemplateTask);
    await repo.delete({ templateId });
    await repo.insert(tasks.map((t, i) => ({ templateId, position: i + 1, title: t.title.trim(), ownerRole: t.ownerRole ?? null, ownerDepartmentId: t.ownerDepartmentId ?? null, dueOffsetDays: t.dueOffsetDays, kind: t.kind })));
  }

  async createTemplate(input: CreateChecklistTemplateDto): Promise<ChecklistTemplateDto> {
    this.assertOwners(input.tasks);
    return this.db.withTransaction(async () => {
      const now = new Date();
      const t = this.templates.create({ id: newId(), name: input.name.trim(), kind: input.kind, version: 1, createdAt: now, updatedAt: now });
      await this.templates.insert(t);
      await this.replaceTemplateTasks(t.id, input.tasks);
      await this.audit.record({ action: 'hr.checklist_template.created', entityType: 'checklist_template', entityId: t.id, before: null, after: { name: t.name, kind: t.kind, tasks: input.tasks.map(taskView) } });
      await this.events.publish('hr.checklist_template.created', { type: 'checklist_template', id: t.id }, { templateId: t.id, name: t.name, kind: t.kind, taskCount: input.tasks.length, changedFields: [] });
      return this.getTemplate(t.id);
    });
  }

  async getTemplate(id: string): Promise<ChecklistTemplateDto> {
    const t = await this.findTemplate(id);
    return this.templateDto(t, (await this.templateTasks([id])).get(id) ?? []);
  }

  async listTemplates(query: ListChecklistTemplatesQuery): Promise<Page<ChecklistTemplateDto>> {
    const qb = this.templates.createQueryBuilder('t');
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    const page = await paginate(qb, { sort: query.sort ?? 'name', fields: TEMPLATE_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 't.id', map: (t) => t });
    const tasks = await this.templateTasks(page.data.map((t) => t.id));
    return { data: page.data.map((t) => this.templateDto(t, tasks.get(t.id) ?? [])), nextCursor: page.nextCursor };
  }

  async updateTemplate(id: string, input: UpdateChecklistTemplateDto, expectedVersion: number | undefined): Promise<ChecklistTemplateDto> {
    rejectNulls(input, ['name', 'kind', 'tasks']);
    if (input.tasks) this.assertOwners(input.tasks);
    return this.db.withTransaction(async () => {
      const t = await this.findTemplate(id, true);
      assertVersion('checklist template', expectedVersion, t.version);
      const before = this.templateDto(t, (await this.templateTasks([id])).get(id) ?? []);
      if (!changedFields(TEMPLATE_FIELDS, before, { name: input.name?.trim() ?? before.name, kind: input.kind ?? before.kind, tasks: input.tasks ? input.tasks.map((x) => taskView({ ...x, title: x.title.trim() })) : before.tasks }).length) return before;
      await this.templates.update({ id }, { name: input.name?.trim() ?? t.name, kind: input.kind ?? t.kind, version: t.version + 1, updatedAt: new Date() });
      if (input.tasks) await this.replaceTemplateTasks(id, input.tasks);
      const after = await this.getTemplate(id);
      await this.audit.record({ action: 'hr.checklist_template.updated', entityType: 'checklist_template', entityId: id, before: { name: before.name, kind: before.kind, tasks: before.tasks }, after: { name: after.name, kind: after.kind, tasks: after.tasks } });
      await this.events.publish('hr.checklist_template.updated', { type: 'checklist_template', id }, { templateId: id, name: after.name, kind: input.kind ?? t.kind, taskCount: after.tasks.length, changedFields: changedFields(TEMPLATE_FIELDS, before, after) });
      return after;
    });
  }

  private async findTemplate(id: string, lock = false): Promise<ChecklistTemplate> {
    const t = await this.templates.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!t) throw new NotFoundProblem('Checklist template', id);
    return t;
  }

  // ---------- journeys ----------

  /** Instantiates a journey: each template task gets its due date from the anchor date. */
  async start(employeeId: string, kind: JourneyKind, templateId: string, anchorDate?: string): Promise<JourneyDto> {
    return this.db.withTransaction(async () => {
      const employee = await this.db.getRepository(Employee).findOneBy({ id: employeeId });
      if (!employee) throw new NotFoundProblem('Employee', employeeId);
      const template = await this.findTemplate(templateId);
      if (template.kind !== kind) throw new HrException(HrErrorCode.TemplateKindMismatch, `Template "${template.name}" is an ${template.kind} template.`, {}, 'templateId');
      if (kind === 'offboarding' && !employee.terminationDate) {
        throw new HrException(HrErrorCode.NotTerminated, 'Offboarding starts once a termination is recorded (POST /hr/employees/{id}/terminate).', { employeeId });
      }
      const anchor = kind === 'offboarding' ? employee.terminationDate! : anchorDate ?? employee.hireDate;
      const now = new Date();
      const j = this.journeys.create({ id: newId(), employeeId, templateId, kind, anchorDate: anchor, status: 'in_progress', completedAt: null, version: 1, createdAt: now, updatedAt: now });
      await this.journeys.insert(j);
      const tasks = ((await this.templateTasks([templateId])).get(templateId) ?? []).map((t) =>
        this.tasks.create({ id: newId(), journeyId: j.id, position: t.position, title: t.title, ownerRole: t.ownerRole, ownerDepartmentId: t.ownerDepartmentId, kind: t.kind, dueDate: addDays(anchor, t.dueOffsetDays), status: 'open', doneAt: null, doneBy: null, note: null }),
      );
      if (tasks.length) await this.tasks.insert(tasks);
      await this.audit.record({ action: `hr.${kind}.started`, entityType: 'journey', entityId: j.id, before: null, after: { employeeId, kind, templateId, anchorDate: anchor, taskCount: tasks.length } });
      const payload = {
        journeyId: j.id,
        employeeId,
        anchorDate: anchor,
        tasks: tasks.map((t) => ({ taskId: t.id, title: t.title, kind: t.kind, dueDate: t.dueDate, ownerRole: t.ownerRole, ownerDepartmentId: t.ownerDepartmentId })),
      };
      if (kind === 'onboarding') await this.events.publish('hr.onboarding.started', { type: 'journey', id: j.id }, payload);
      else await this.events.publish('hr.offboarding.started', { type: 'journey', id: j.id }, payload);
      return toJourneyDto(j, tasks);
    });
  }

  async get(id: string): Promise<JourneyDto> {
    const j = await this.findJourney(id);
    return toJourneyDto(j, await this.tasksOf(id));
  }

  async list(query: ListJourneysQuery): Promise<Page<JourneyDto>> {
    const qb = this.journeys.createQueryBuilder('j');
    if (query.employeeId) qb.andWhere('j.employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.status) qb.andWhere('j.status = :status', { status: query.status });
    const page = await paginate(qb, { sort: query.sort ?? '-createdAt', fields: JOURNEY_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'j.id', map: (j) => j });
    const tasks = page.data.length ? await this.tasks.createQueryBuilder('t').where('t.journey_id = ANY(:ids)', { ids: page.data.map((j) => j.id) }).orderBy('t.position').getMany() : [];
    return { data: page.data.map((j) => toJourneyDto(j, tasks.filter((t) => t.journeyId === j.id))), nextCursor: page.nextCursor };
  }

  /** Marks a task done; the journey completes when every task is done. */
  async completeTask(journeyId: string, taskId: string, note: string | undefined, expectedVersion: number | undefined): Promise<JourneyDto> {
    return this.db.withTransaction(async () => {
      const j = await this.findJourney(journeyId, true);
      assertVersion('journey', expectedVersion, j.version);
      JOURNEY_TRANSITIONS.next(j.status, 'complete_task');
      const task = await this.tasks.findOneBy({ id: taskId, journeyId });
      if (!task) throw new NotFoundProblem('Journey task', taskId);
      task.status = TASK_TRANSITIONS.next(task.status, 'complete');
      const actor = RequestContext.actor();
      Object.assign(task, { doneAt: new Date(), doneBy: actor.actingUser ?? actor.keyName, note: note ?? null });
      await this.tasks.update({ id: taskId }, { status: task.status, doneAt: task.doneAt, doneBy: task.doneBy, note: task.note });
      const tasks = await this.tasksOf(journeyId);
      const before = { status: j.status };
      if (tasks.every((t) => t.status === 'done')) {
        j.status = JOURNEY_TRANSITIONS.next(j.status, 'complete');
        j.completedAt = new Date();
      }
      j.version += 1;
      j.updatedAt = new Date();
      await this.journeys.update({ id: journeyId }, { status: j.status, completedAt: j.completedAt, version: j.version, updatedAt: j.updatedAt });
      await this.audit.record({ action: 'hr.journey_task.completed', entityType: 'journey', entityId: journeyId, before: { ...before, [`task:${task.position}`]: 'open' }, after: { status: j.status, [`task:${task.position}`]: 'done' } });
      await this.events.publish('hr.journey_task.completed', { type: 'journey', id: journeyId }, { journeyId, employeeId: j.employeeId, kind: j.kind, taskId, title: task.title, taskKind: task.kind });
      if (j.status === 'completed') {
        const payload = { journeyId, employeeId: j.employeeId, anchorDate: j.anchorDate, completedAt: j.completedAt!.toISOString() };
        if (j.kind === 'onboarding') await this.events.publish('hr.onboarding.completed', { type: 'journey', id: journeyId }, payload);
        else await this.events.publish('hr.offboarding.completed', { type: 'journey', id: journeyId }, payload);
      }
      return toJourneyDto(j, tasks);
    });
  }

  /** Idempotent completion for other modules' event handlers. */
  async completeTaskIfOpen(journeyId: string, taskId: string, note: string | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const task = await this.tasks.findOneBy({ id: taskId, journeyId });
      if (!task) throw new NotFoundProblem('Journey task', taskId);
      if (task.status === 'done') return;
      await this.completeTask(journeyId, taskId, note, undefined);
    });
  }

  async cancel(journeyId: string, expectedVersion: number | undefined): Promise<JourneyDto> {
    return this.db.withTransaction(async () => {
      const j = await this.findJourney(journeyId, true);
      assertVersion('journey', expectedVersion, j.version);
      const before = { status: j.status };
      j.status = JOURNEY_TRANSITIONS.next(j.status, 'cancel');
      j.version += 1;
      j.updatedAt = new Date();
      await this.journeys.update({ id: journeyId }, { status: j.status, version: j.version, updatedAt: j.updatedAt });
      await this.audit.record({ action: 'hr.journey.cancelled', entityType: 'journey', entityId: journeyId, before, after: { status: j.status } });
      await this.events.publish('hr.journey.cancelled', { type: 'journey', id: journeyId }, { journeyId, employeeId: j.employeeId, kind: j.kind });
      return toJourneyDto(j, await this.tasksOf(journeyId));
    });
  }

  private tasksOf(journeyId: string): Promise<JourneyTask[]> {
    return this.tasks.find({ where: { journeyId }, order: { position: 'ASC' } });
  }

  private async findJourney(id: string, lock = false): Promise<Journey> {
    const j = await this.journeys.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!j) throw new NotFoundProblem('Journey', id);
    return j;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { RequestContext } from '../../../platform/context/request-context';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { isSelfOrAncestor } from '../../../platform/database/hierarchy';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { StateMachine } from '../../../platform/state-machine/state-machine';
import { todayIn } from '../../../platform/time/calendar';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { HrErrorCode, HrException } from '../hr.errors';
import { HR_SENSITIVE } from '../hr.scopes';
import { rejectNulls } from '../hr.validation';
import { positionDepartmentMismatch, violatesPositionDepartment } from '../positions/position-department';
import { CreateEmployeeDto, EmployeeDto, ListEmployeesQuery, ORG_CHART_MAX_NODES, OrgChartDto, OrgChartNodeDto, OrgChartQuery, TerminateEmployeeDto, UpdateEmployeeDto } from './dto/employee.dto';
import { Employee, EmployeeStatus } from './employee.entity';
import { employeeSnapshot, SENSITIVE_FIELDS, toEmployeeDto } from './employee.view';

/** Serialises manager changes, so two concurrent updates cannot close a loop together. */
const REPORTING_LINE_LOCK = 7_341_002;

type EmployeeAction = 'start_leave' | 'return_from_leave' | 'terminate';
export const EMPLOYEE_TRANSITIONS = new StateMachine<EmployeeStatus, EmployeeAction>('employee', {
  active: { start_leave: 'on_leave', terminate: 'terminated' },
  on_leave: { return_from_leave: 'active', terminate: 'terminated' },
  terminated: {},
});

const SORTS: Record<string, SortField> = {
  lastName: { column: 'e.last_name', type: 'text', value: (e: Employee) => e.lastName },
  hireDate: { column: 'e.hire_date', type: 'date', value: (e: Employee) => e.hireDate },
  createdAt: { column: 'e.created_at', type: 'timestamp', value: (e: Employee) => e.createdAt.toISOString() },
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const normaliseIban = (iban: string) => iban.replace(/[\s-]+/g, '').toUpperCase();

@Injectable()
export class EmployeesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.db.getRepository(Employee);
  }

  private get reveal(): boolean {
    return RequestContext.hasScope(HR_SENSITIVE);
  }

  /** Writing a sensitive field needs hr:sensitive, like reading one. */
  private assertMayWriteSensitive(input: object): void {
    const touched = SENSITIVE_FIELDS.filter((f) => (input as Record<string, unknown>)[f] !== undefined);
    if (touched.length && !this.reveal) {
      throw new PlatformException(PlatformErrorCode.MissingScope, `Writing ${touched.join(', ')} needs the scope ${HR_SENSITIVE}.`, {
        requiredScopes: [HR_SENSITIVE],
        missingScopes: [HR_SENSITIVE],
        fields: touched,
      });
    }
  }

  private async auditChange(action: string, id: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
    await this.audit.record({ action, entityType: 'employee', entityId: id, before, after, sensitiveFields: [...SENSITIVE_FIELDS], sensitiveScope: HR_SENSITIVE });
  }

  async hire(input: CreateEmployeeDto): Promise<EmployeeDto> {
    this.assertMayWriteSensitive(input);
    return this.db.withTransaction(async () => {
      const now = new Date();
      const id = newId();
      const positionId = input.positionId ?? null;
      let departmentId = input.departmentId ?? null;
      if (positionId) departmentId = await this.departmentForPosition(positionId, departmentId, departmentId === null);
      await this.guardPositionDepartment(departmentId, positionId, () => this.repo.insert({
        id,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        workEmail: input.workEmail.trim(),
        phone: input.phone ?? null,
        birthDate: input.birthDate ?? null,
        hireDate: input.hireDate,
        employmentType: input.employmentType,
        status: 'active',
        departmentId,
        positionId,
        managerId: input.managerId ?? null,
        workLocation: input.workLocation ?? null,
        country: input.country ?? null,
        workCalendarId: input.workCalendarId ?? null,
        nationalId: input.nationalId ?? null,
        iban: input.iban ? normaliseIban(input.iban) : null,
        baseSalaryAmount: input.baseSalary?.amount ?? null,
        baseSalaryCurrency: input.baseSalary?.currency ?? null,
        terminationDate: null,
        terminationReason: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }));
      const e = await this.findOrThrow(id);
      await this.auditChange('hr.employee.hired', id, null, employeeSnapshot(e));
      await this.events.publish('hr.employee.hired', { type: 'employee', id }, {
        employeeId: id,
        employeeNumber: e.employeeNumber,
        firstName: e.firstName,
        lastName: e.lastName,
        workEmail: e.workEmail,
        hireDate: e.hireDate,
        employmentType: e.employmentType,
        departmentId: e.departmentId,
        positionId: e.positionId,
        managerId: e.managerId,
        country: e.country,
      });
      return toEmployeeDto(e, this.reveal);
    });
  }

  async get(id: string): Promise<EmployeeDto> {
    return toEmployeeDto(await this.findOrThrow(id), this.reveal);
  }

  async list(query: ListEmployeesQuery & { managerId?: string }): Promise<Page<EmployeeDto>> {
    const qb = this.repo.createQueryBuilder('e');
    if (query.departmentId) qb.andWhere('e.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.managerId) qb.andWhere('e.manager_id = :managerId', { managerId: query.managerId });
    if (query.positionId) qb.andWhere('e.position_id = :positionId', { positionId: query.positionId });
    if (query.hiredFrom) qb.andWhere('e.hire_date >= :hiredFrom', { hiredFrom: query.hiredFrom });
    if (query.hiredTo) qb.andWhere('e.hire_date <= :hiredTo', { hiredTo: query.hiredTo });
    if (query.q) {
      qb.andWhere(`lower(e.first_name || ' ' || e.last_name || ' ' || e.work_email || ' ' || e.employee_number) LIKE :q`, {
        q: `%${escapeLike(query.q.toLowerCase())}%`,
      });
    }
    const reveal = this.reveal;
    return paginate(qb, { sort: query.sort ?? 'lastName', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'e.id', map: (e) => toEmployeeDto(e, reveal) });
  }

  async directReports(id: string, query: ListEmployeesQuery): Promise<Page<EmployeeDto>> {
    await this.findOrThrow(id);
    return this.list({ ...query, managerId: id });
  }

  async update(id: string, input: UpdateEmployeeDto, expectedVersion: number | undefined): Promise<EmployeeDto> {
    rejectNulls(input, ['firstName', 'lastName', 'workEmail', 'hireDate', 'employmentType', 'status']);
    this.assertMayWriteSensitive(input);
    return this.db.withTransaction(async (manager) => {
      if (input.managerId) await manager.query('SELECT pg_advisory_xact_lock($1)', [REPORTING_LINE_LOCK]);
      const e = await this.findOrThrow(id, true);
      assertVersion('employee', expectedVersion, e.version);
      const before = employeeSnapshot(e);
      const fromStatus = e.status;
      const { departmentId: fromDepartmentId, positionId: fromPositionId } = e;
      if (input.status !== undefined && input.status !== e.status) {
        e.status = EMPLOYEE_TRANSITIONS.next(e.status, input.status === 'on_leave' ? 'start_leave' : 'return_from_leave');
      }
      if (input.managerId) await this.assertNotInOwnReportingLine(id, input.managerId);
      const plain = ['firstName', 'lastName', 'workEmail', 'phone', 'birthDate', 'hireDate', 'employmentType', 'departmentId', 'positionId', 'managerId', 'workLocation', 'country', 'workCalendarId', 'nationalId'] as const;
      for (const f of plain) {
        const v = input[f];
        if (v !== undefined) (e as unknown as Record<string, unknown>)[f] = typeof v === 'string' && ['firstName', 'lastName', 'workEmail'].includes(f) ? v.trim() : v;
      }
      if (e.positionId && (e.positionId !== fromPositionId || e.departmentId !== fromDepartmentId)) {
        e.departmentId = await this.departmentForPosition(e.positionId, e.departmentId, e.departmentId === null && input.departmentId === undefined);
      }
      if (input.iban !== undefined) e.iban = input.iban === null ? null : normaliseIban(input.iban);
      if (input.baseSalary !== undefined) {
        e.baseSalaryAmount = input.baseSalary?.amount ?? null;
        e.baseSalaryCurrency = input.baseSalary?.currency ?? null;
      }
      const after = employeeSnapshot(e);
      const changed = changedKeys(before, after, { decimals: ['baseSalary'] });
      if (!changed.length) return toEmployeeDto(await this.findOrThrow(id), this.reveal);
      const { id: _id, employeeNumber: _n, createdAt: _c, ...columns } = e;
      await this.guardPositionDepartment(e.departmentId, e.positionId, () => this.repo.update({ id }, { ...columns, version: e.version + 1, updatedAt: new Date() }));
      const saved = await this.findOrThrow(id);
      await this.auditChange('hr.employee.updated', id, before, employeeSnapshot(saved));
      await this.events.publish('hr.employee.updated', { type: 'employee', id }, { employeeId: id, changedFields: changed });
      if (saved.status !== fromStatus) {
        await this.events.publish('hr.employee.status_changed', { type: 'employee', id }, { employeeId: id, from: fromStatus, to: saved.status });
      }
      return toEmployeeDto(saved, this.reveal);
    });
  }

  /**
   * Ends employment on a date. On or before today (company time zone) the status becomes
   * terminated at once; a future date is recorded and a job applies it on that day.
   */
  async terminate(id: string, input: TerminateEmployeeDto, expectedVersion: number | undefined): Promise<EmployeeDto> {
    return this.db.withTransaction(async () => {
      const e = await this.findOrThrow(id, true);
      assertVersion('employee', expectedVersion, e.version);
      EMPLOYEE_TRANSITIONS.next(e.status, 'terminate');
      if (e.terminationDate) {
        throw new PlatformException(PlatformErrorCode.InvalidStateTransition, `A termination on ${e.terminationDate} is already scheduled.`, {
          currentState: e.status,
          action: 'terminate',
          allowedActions: [],
          terminationDate: e.terminationDate,
        });
      }
      if (input.terminationDate < e.hireDate) {
        throw new HrException(HrErrorCode.InvalidTerminationDate, `The termination date ${input.terminationDate} is before the hire date ${e.hireDate}.`, { hireDate: e.hireDate }, 'terminationDate');
      }
      const before = employeeSnapshot(e);
      const effectiveNow = input.terminationDate <= todayIn(this.config.COMPANY_TIME_ZONE);
      await this.repo.update({ id }, {
        terminationDate: input.terminationDate,
        terminationReason: input.reason,
        status: effectiveNow ? 'terminated' : e.status,
        version: e.version + 1,
        updatedAt: new Date(),
      });
      const saved = await this.findOrThrow(id);
      await this.auditChange('hr.employee.terminated', id, before, employeeSnapshot(saved));
      await this.events.publish('hr.employee.terminated', { type: 'employee', id }, {
        employeeId: id,
        employeeNumber: saved.employeeNumber,
        terminationDate: input.terminationDate,
        reason: input.reason,
        managerId: saved.managerId,
      });
      if (effectiveNow) {
        await this.events.publish('hr.employee.status_changed', { type: 'employee', id }, { employeeId: id, from: e.status, to: 'terminated' });
      }
      return toEmployeeDto(saved, this.reveal);
    });
  }

  /** Applies terminations whose date has come (scheduled job; idempotent, batch-bounded). */
  async applyDueTerminations(batch = 500): Promise<number> {
    const today = todayIn(this.config.COMPANY_TIME_ZONE);
    const due = await this.repo
      .createQueryBuilder('e')
      .where(`e.status <> 'terminated' AND e.termination_date IS NOT NULL AND e.termination_date <= :today`, { today })
      .orderBy('e.termination_date')
      .limit(batch)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const e of due) {
      const before = employeeSnapshot(e);
      await this.repo.update({ id: e.id }, { status: 'terminated', version: e.version + 1, updatedAt: new Date() });
      await this.auditChange('hr.employee.termination_effective', e.id, before, { ...before, status: 'terminated' });
      await this.events.publish('hr.employee.status_changed', { type: 'employee', id: e.id }, { employeeId: e.id, from: e.status, to: 'terminated' });
    }
    return due.length;
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const e = await this.findOrThrow(id, true);
      assertVersion('employee', expectedVersion, e.version);
      await this.repo.delete({ id });
      await this.auditChange('hr.employee.deleted', id, employeeSnapshot(e), null);
      await this.events.publish('hr.employee.deleted', { type: 'employee', id }, { employeeId: id, employeeNumber: e.employeeNumber });
    });
  }

  async orgChart(query: OrgChartQuery): Promise<OrgChartDto> {
    const depth = query.depth ?? 5;
    const includeTerminated = query.includeTerminated === 'true';
    if (query.rootId) await this.findOrThrow(query.rootId);
    const alive = includeTerminated ? 'TRUE' : `%s.status <> 'terminated'`;
    const cond = (alias: string) => alive.replace('%s', alias);
    // Breadth-first and unsorted in SQL so LIMIT stops the recursion early on a huge tree.
    const rows: Array<{ depth: number; id: string; employee_number: string; first_name: string; last_name: string; department_id: string | null; status: string; manager_id: string | null; position_title: string | null; direct_report_count: number }> =
      await this.db.manager.query(
        `WITH RECURSIVE tree(id, depth) AS (
           SELECT e.id, 0 FROM hr_employees e
            WHERE ${query.rootId ? 'e.id = $1::uuid' : `$1::uuid IS NULL AND e.manager_id IS NULL AND ${cond('e')}`}
           UNION ALL
           SELECT c.id, t.depth + 1 FROM tree t JOIN hr_employees c ON c.manager_id = t.id
            WHERE t.depth < $2 AND ${cond('c')}
         ), limited AS (SELECT * FROM tree LIMIT ${ORG_CHART_MAX_NODES + 1})
         SELECT l.depth, e.id, e.employee_number, e.first_name, e.last_name, e.department_id, e.status, e.manager_id,
                p.title AS position_title,
                (SELECT count(*) FROM hr_employees r WHERE r.manager_id = e.id AND ${cond('r')})::int AS direct_report_count
           FROM limited l JOIN hr_employees e ON e.id = l.id LEFT JOIN hr_positions p ON p.id = e.position_id`,
        [query.rootId ?? null, depth],
      );
    const truncated = rows.length > ORG_CHART_MAX_NODES;
    const kept = truncated ? rows.slice(0, ORG_CHART_MAX_NODES) : rows;
    const nodes = new Map<string, OrgChartNodeDto & { depth: number; managerId: string | null }>();
    for (const r of kept) {
      nodes.set(r.id, {
        id: r.id,
        employeeNumber: r.employee_number,
        firstName: r.first_name,
        lastName: r.last_name,
        positionTitle: r.position_title,
        departmentId: r.department_id,
        status: r.status,
        reports: [],
        directReportCount: Number(r.direct_report_count),
        depth: r.depth,
        managerId: r.manager_id,
      });
    }
    const roots: OrgChartNodeDto[] = [];
    const byName = (a: OrgChartNodeDto, b: OrgChartNodeDto) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id.localeCompare(b.id);
    for (const n of nodes.values()) {
      const parent = n.depth > 0 && n.managerId ? nodes.get(n.managerId) : undefined;
      if (parent) parent.reports.push(n);
      else if (n.depth === 0) roots.push(n);
    }
    const strip = (n: OrgChartNodeDto & { depth?: number; managerId?: string | null }): OrgChartNodeDto => {
      const { depth: _d, managerId: _m, ...rest } = n;
      return { ...rest, reports: n.reports.sort(byName).map(strip) };
    };
    return { roots: roots.sort(byName).map(strip), truncated };
  }

  /**
   * The department an employee holding `positionId` must be in: the position's own. An employee
   * without a department takes it when `adopt`; any other department is 409
   * position_department_mismatch. The position row stays key-share locked until commit, so it
   * cannot change department under this write (PATCH /hr/positions waits, then sees the holder).
   */
  private async departmentForPosition(positionId: string, departmentId: string | null, adopt: boolean): Promise<string | null> {
    const [p]: Array<{ id: string; title: string; department_id: string }> = await this.db.manager.query(
      'SELECT id, title, department_id FROM hr_positions WHERE id = $1 FOR KEY SHARE',
      [positionId],
    );
    if (!p) {
      throw new PlatformException(PlatformErrorCode.InvalidReference, 'The position does not exist.', { field: 'positionId' }, [{ field: 'positionId', message: 'The position does not exist.' }]);
    }
    if (departmentId === null && adopt) return p.department_id;
    if (departmentId?.toLowerCase() !== p.department_id) throw positionDepartmentMismatch(departmentId, { id: p.id, title: p.title, departmentId: p.department_id });
    return departmentId;
  }

  /** A write the database refuses for a position of another department (a race past the check above) is the same 409. */
  private async guardPositionDepartment<T>(departmentId: string | null, positionId: string | null, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (positionId && violatesPositionDepartment(err)) throw positionDepartmentMismatch(departmentId, { id: positionId });
      throw err;
    }
  }

  private async assertNotInOwnReportingLine(id: string, newManagerId: string): Promise<void> {
    if (id === newManagerId) {
      throw new HrException(HrErrorCode.ManagerCycle, 'An employee cannot be their own manager.', { managerId: newManagerId }, 'managerId');
    }
    const loops = await isSelfOrAncestor(this.db.manager, { table: 'hr_employees', parentColumn: 'manager_id' }, newManagerId, id);
    if (loops) {
      throw new HrException(HrErrorCode.ManagerCycle, 'The new manager reports (directly or not) to this employee; the reporting line would loop.', { managerId: newManagerId }, 'managerId');
    }
  }

  async findOrThrow(id: string, lock = false): Promise<Employee> {
    const e = await this.db.findById(Employee, id, { lock });
    if (!e) throw new NotFoundProblem('Employee', id);
    return e;
  }
}

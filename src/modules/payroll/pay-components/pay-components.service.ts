import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { MoneyDecimal } from '../../../platform/money/money';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedFields } from '../../../platform/changes/changed-fields';
import { HrFacade } from '../../hr';
import { PayComponentRule } from '../calculator/gross-to-net';
import { PaySchedule } from '../pay-schedules/pay-schedule.entity';
import { PAY_COMPONENT_DECIMALS, PAY_COMPONENT_FIELDS, payComponentPayload } from '../change.events';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import {
  ComponentAssignmentDto,
  CreateComponentAssignmentDto,
  CreatePayComponentDto,
  ListPayComponentsQuery,
  PayComponentDto,
  UpdatePayComponentDto,
  MAX_ACTIVE_PAY_COMPONENTS,
} from './dto/pay-component.dto';
import { ComponentAssignment, PayComponent } from './pay-component.entity';

/** Codes of the lines the calculator writes itself; a stored component cannot take them. */
export const RESERVED_LINE_CODES = ['SALARY', 'REGULAR', 'OVERTIME', 'NIGHT', 'HOLIDAY', 'INCOME_TAX', 'BONUS', 'COMMISSION', 'REIMBURSEMENT', 'CORRECTION'];

const SORTS: Record<string, SortField> = {
  code: { column: 'c.code', type: 'text', value: (c: PayComponent) => c.code },
  createdAt: { column: 'c.created_at', type: 'timestamp', value: (c: PayComponent) => c.createdAt.toISOString() },
};
const ASSIGNMENT_SORTS: Record<string, SortField> = {
  createdAt: { column: 'a.created_at', type: 'timestamp', value: (a: ComponentAssignment) => a.createdAt.toISOString() },
};

export function toPayComponentDto(c: PayComponent): PayComponentDto {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    taxable: c.taxable,
    calculationType: c.calculationType,
    amount: c.amount,
    rate: c.rate,
    base: c.base,
    baseComponent: c.baseComponent,
    glAccount: c.glAccount,
    sequence: c.sequence,
    active: c.active,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const toAssignmentDto = (a: ComponentAssignment): ComponentAssignmentDto => ({
  id: a.id,
  payComponentId: a.payComponentId,
  employeeId: a.employeeId,
  payScheduleId: a.payScheduleId,
  effectiveFrom: a.effectiveFrom,
  effectiveTo: a.effectiveTo,
  amount: a.amountOverride,
  rate: a.rateOverride,
  createdAt: a.createdAt.toISOString(),
});

const snapshot = (c: PayComponent) => {
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = c;
  return rest;
};

/** The calculator's rule for a component, with an assignment's overrides applied. */
export function toComponentRule(c: PayComponent, overrides: { amount: string | null; rate: string | null } = { amount: null, rate: null }): PayComponentRule {
  const plain = (v: string) => new MoneyDecimal(v).toString();
  const amount = plain(overrides.amount ?? c.amount ?? '0');
  const rate = plain(overrides.rate ?? c.rate ?? '0');
  const calculation: PayComponentRule['calculation'] =
    c.calculationType === 'fixed'
      ? { type: 'fixed', amount }
      : c.calculationType === 'hours_times_rate'
        ? { type: 'hours_times_rate', rate }
        : c.base === 'component'
          ? { type: 'percentage', rate, base: 'component', component: c.baseComponent! }
          : { type: 'percentage', rate, base: c.base as 'gross' | 'taxable_gross' };
  return { code: c.code, name: c.name, kind: c.kind, taxable: c.taxable, calculation };
}

function assertConsistent(c: Pick<PayComponent, 'code' | 'kind' | 'taxable' | 'calculationType' | 'amount' | 'rate' | 'base' | 'baseComponent'>): void {
  const invalid = (field: string, detail: string) => new PayrollException(PayrollErrorCode.InvalidComponent, detail, {}, field);
  if (RESERVED_LINE_CODES.includes(c.code)) {
    throw new PayrollException(PayrollErrorCode.ReservedComponentCode, `${c.code} is the code of a built-in pay line (${RESERVED_LINE_CODES.join(', ')}).`, {}, 'code');
  }
  if (c.taxable && c.kind !== 'earning') throw invalid('taxable', 'Only earnings can be taxable.');
  if (c.calculationType === 'fixed') {
    if (c.amount === null) throw invalid('amount', 'A fixed component needs an amount.');
    if (c.rate !== null || c.base !== null || c.baseComponent !== null) throw invalid('rate', 'A fixed component takes only an amount.');
  } else {
    if (c.rate === null) throw invalid('rate', `A ${c.calculationType} component needs a rate.`);
    if (c.amount !== null) throw invalid('amount', `A ${c.calculationType} component takes no amount.`);
    if (c.calculationType === 'percentage' && c.base === null) throw invalid('base', 'A percentage needs a base.');
    if (c.calculationType === 'hours_times_rate' && c.base !== null) throw invalid('base', 'Hours × rate takes no base.');
  }
  if ((c.base === 'component') !== (c.baseComponent !== null)) throw invalid('baseComponent', 'baseComponent goes with base `component`, and only with it.');
  if (c.baseComponent === c.code) throw invalid('baseComponent', 'A component cannot be a percentage of itself.');
}

@Injectable()
export class PayComponentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
  ) {}

  private get repo() {
    return this.db.getRepository(PayComponent);
  }

  async create(input: CreatePayComponentDto): Promise<PayComponentDto> {
    const now = new Date();
    const c = this.repo.create({
      id: newId(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      taxable: input.taxable ?? false,
      calculationType: input.calculationType,
      amount: input.amount ?? null,
      rate: input.rate ?? null,
      base: input.base ?? null,
      baseComponent: input.baseComponent ?? null,
      glAccount: input.glAccount,
      sequence: input.sequence ?? 100,
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    assertConsistent(c);
    return this.db.withTransaction(async () => {
      await this.assertRoomForActive('code');
      await this.repo.insert(c);
      const saved = (await this.db.findById(PayComponent, c.id))!;
      await this.audit.record({ action: 'payroll.pay_component.created', entityType: 'pay_component', entityId: c.id, before: null, after: snapshot(saved) });
      await this.events.publish('payroll.pay_component.created', { type: 'pay_component', id: c.id }, payComponentPayload(saved));
      return toPayComponentDto(saved);
    });
  }

  async update(id: string, input: UpdatePayComponentDto, expectedVersion: number | undefined): Promise<PayComponentDto> {
    const nulls = ['code', 'name', 'kind', 'taxable', 'calculationType', 'glAccount', 'sequence', 'active'].filter((f) => (input as Record<string, unknown>)[f] === null);
    if (nulls.length) throw new PlatformException(PlatformErrorCode.ValidationFailed, `Fields cannot be null: ${nulls.join(', ')}.`, {}, nulls.map((field) => ({ field, message: `${field} cannot be null` })));
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id, true);
      assertVersion('pay component', expectedVersion, c.version);
      const before = snapshot(c);
      const next: PayComponent = { ...c };
      for (const key of ['code', 'name', 'kind', 'taxable', 'calculationType', 'glAccount', 'sequence', 'active'] as const) {
        if (input[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = input[key];
      }
      for (const key of ['amount', 'rate', 'base', 'baseComponent'] as const) {
        if (input[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = input[key] ?? null;
      }
      if (!changedFields(PAY_COMPONENT_FIELDS, before, snapshot(next), { decimals: PAY_COMPONENT_DECIMALS }).length) return toPayComponentDto(c);
      assertConsistent(next);
      if (next.active && !c.active) await this.assertRoomForActive('active');
      await this.repo.update({ id }, { ...snapshot(next), version: c.version + 1, updatedAt: new Date() });
      const saved = (await this.db.findById(PayComponent, id))!;
      const after = snapshot(saved);
      await this.audit.record({ action: 'payroll.pay_component.updated', entityType: 'pay_component', entityId: id, before, after });
      await this.events.publish('payroll.pay_component.updated', { type: 'pay_component', id }, payComponentPayload(saved, changedFields(PAY_COMPONENT_FIELDS, before, after, { decimals: PAY_COMPONENT_DECIMALS })));
      return toPayComponentDto(saved);
    });
  }

  /** Active components bound the lines of a payslip (MAX_PAYSLIP_LINES); one more is refused with 422. */
  private async assertRoomForActive(field: string): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('payroll.pay_components.active'))`);
    const [{ n }] = await this.db.manager.query(`SELECT count(*)::int AS n FROM payroll_pay_components WHERE active`);
    if (n >= MAX_ACTIVE_PAY_COMPONENTS) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, `At most ${MAX_ACTIVE_PAY_COMPONENTS} pay components can be active; deactivate one first.`, {}, [
        { field, message: `${MAX_ACTIVE_PAY_COMPONENTS} pay components are active already` },
      ]);
    }
  }

  async get(id: string): Promise<PayComponentDto> {
    return toPayComponentDto(await this.findOrThrow(id));
  }

  async list(query: ListPayComponentsQuery): Promise<Page<PayComponentDto>> {
    const qb = this.repo.createQueryBuilder('c');
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    return paginate(qb, { sort: query.sort ?? 'code', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'c.id', map: toPayComponentDto });
  }

  async assign(id: string, input: CreateComponentAssignmentDto): Promise<ComponentAssignmentDto> {
    if ((input.employeeId === undefined) === (input.payScheduleId === undefined)) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, 'Give either employeeId or payScheduleId.', {}, [{ field: 'employeeId', message: 'give either employeeId or payScheduleId' }]);
    }
    if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) {
      throw new PayrollException(PayrollErrorCode.InvalidDateRange, '`effectiveTo` is before `effectiveFrom`.', {}, 'effectiveTo');
    }
    return this.db.withTransaction(async () => {
      const c = await this.findOrThrow(id);
      if (input.amount != null && c.calculationType !== 'fixed') throw new PayrollException(PayrollErrorCode.InvalidComponent, `A ${c.calculationType} component takes a rate, not an amount.`, {}, 'amount');
      if (input.rate != null && c.calculationType === 'fixed') throw new PayrollException(PayrollErrorCode.InvalidComponent, 'A fixed component takes an amount, not a rate.', {}, 'rate');
      if (input.employeeId && !(await this.hr.findEmployee(input.employeeId))) throw new NotFoundProblem('Employee', input.employeeId);
      if (input.payScheduleId && !(await this.db.findById(PaySchedule, input.payScheduleId))) throw new NotFoundProblem('Pay schedule', input.payScheduleId);
      const a: ComponentAssignment = {
        id: newId(),
        payComponentId: id,
        employeeId: input.employeeId ?? null,
        payScheduleId: input.payScheduleId ?? null,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        amountOverride: input.amount ?? null,
        rateOverride: input.rate ?? null,
        createdAt: new Date(),
      };
      await this.db.getRepository(ComponentAssignment).insert(a);
      const saved = (await this.db.findById(ComponentAssignment, a.id))!;
      const { id: _id, createdAt: _c, ...after } = saved;
      await this.audit.record({ action: 'payroll.component_assignment.created', entityType: 'component_assignment', entityId: a.id, before: null, after });
      await this.events.publish('payroll.component_assignment.created', { type: 'component_assignment', id: a.id }, {
        assignmentId: a.id,
        payComponentId: id,
        employeeId: saved.employeeId,
        payScheduleId: saved.payScheduleId,
        effectiveFrom: saved.effectiveFrom,
        effectiveTo: saved.effectiveTo,
        overriddenFields: [...(saved.amountOverride !== null ? ['amount'] : []), ...(saved.rateOverride !== null ? ['rate'] : [])],
      });
      return toAssignmentDto(saved);
    });
  }

  async assignments(id: string, query: { limit?: number; cursor?: string }): Promise<Page<ComponentAssignmentDto>> {
    await this.findOrThrow(id);
    const qb = this.db.getRepository(ComponentAssignment).createQueryBuilder('a').where('a.pay_component_id = :id', { id });
    return paginate(qb, { sort: 'createdAt', fields: ASSIGNMENT_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'a.id', map: toAssignmentDto });
  }

  private async findOrThrow(id: string, lock = false): Promise<PayComponent> {
    const c = await this.db.findById(PayComponent, id, { lock });
    if (!c) throw new NotFoundProblem('Pay component', id);
    return c;
  }
}

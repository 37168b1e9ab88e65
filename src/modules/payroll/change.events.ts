import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { COMPONENT_KINDS } from './calculator/gross-to-net';
import { CALCULATION_TYPES, PERCENTAGE_BASES } from './pay-components/pay-component.entity';
import type { PayComponent } from './pay-components/pay-component.entity';
import { PAY_DATE_RULES, PRORATION_METHODS } from './pay-schedules/dto/pay-schedule.dto';
import { PAY_FREQUENCIES } from './pay-schedules/pay-periods';
import type { PaySchedule } from './pay-schedules/pay-schedule.entity';

/**
 * Payroll's set-up and inputs. Pay is sensitive: no event carries an amount, a rate of pay or an
 * hour count of an employee — only ids, effective dates and the NAMES of the fields set or changed.
 */
export interface CompensationCreatedPayload {
  compensationId: string;
  employeeId: string;
  effectiveFrom: string;
}

export interface PayComponentChangedPayload {
  payComponentId: string;
  code: string;
  name: string;
  kind: string;
  taxable: boolean;
  calculationType: string;
  base: string | null;
  baseComponent: string | null;
  glAccount: string;
  sequence: number;
  active: boolean;
  /** The fields that changed (updates only; empty otherwise); `amount` and `rate` by name only. */
  changedFields: string[];
}

export interface ComponentAssignmentCreatedPayload {
  assignmentId: string;
  payComponentId: string;
  employeeId: string | null;
  payScheduleId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** `amount` or `rate` when the assignment overrides the component's (the value is not in the event). */
  overriddenFields: string[];
}

export interface PayRunInputSetPayload {
  payRunId: string;
  employeeId: string;
  /** The version of the employee's inputs on the run (1 when first set). */
  version: number;
  /** The inputs that changed (against none, when first set); their values are not in the event. */
  changedFields: string[];
}

export interface PayScheduleCreatedPayload {
  payScheduleId: string;
  code: string;
  name: string;
  frequency: string;
  anchorDate: string | null;
  payDateRule: string;
  payDay: number | null;
  payDateOffsetDays: number | null;
  prorationMethod: string;
}

export interface RuleSetCreatedPayload {
  ruleSetId: string;
  code: string;
  name: string;
  validFrom: string;
}

export interface RuleSetAssignmentCreatedPayload {
  assignmentId: string;
  employeeId: string;
  ruleSetCode: string;
  effectiveFrom: string;
}

/** The aggregate is the employee's schedule assignment, identified by the employee id. */
export interface ScheduleAssignmentChangedPayload {
  employeeId: string;
  payScheduleId: string;
  /** Null when the employee had no schedule before. */
  previousPayScheduleId: string | null;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'payroll.compensation.created': CompensationCreatedPayload;
    'payroll.pay_component.created': PayComponentChangedPayload;
    'payroll.pay_component.updated': PayComponentChangedPayload;
    'payroll.component_assignment.created': ComponentAssignmentCreatedPayload;
    'payroll.pay_run_input.set': PayRunInputSetPayload;
    'payroll.pay_schedule.created': PayScheduleCreatedPayload;
    'payroll.rule_set.created': RuleSetCreatedPayload;
    'payroll.rule_set_assignment.created': RuleSetAssignmentCreatedPayload;
    'payroll.schedule_assignment.created': ScheduleAssignmentChangedPayload;
    'payroll.schedule_assignment.updated': ScheduleAssignmentChangedPayload;
  }
}

export const PAYROLL_CHANGE_EVENT_TOPICS = [
  'payroll.compensation.created',
  'payroll.pay_component.created',
  'payroll.pay_component.updated',
  'payroll.component_assignment.created',
  'payroll.pay_run_input.set',
  'payroll.pay_schedule.created',
  'payroll.rule_set.created',
  'payroll.rule_set_assignment.created',
  'payroll.schedule_assignment.created',
  'payroll.schedule_assignment.updated',
] as const;

export const PAY_COMPONENT_FIELDS = ['code', 'name', 'kind', 'taxable', 'calculationType', 'amount', 'rate', 'base', 'baseComponent', 'glAccount', 'sequence', 'active'] as const;
export const PAY_RUN_INPUT_FIELDS = ['bonus', 'commission', 'reimbursement', 'correction', 'hours', 'unpaidDays', 'componentHours'] as const;
/** Compared by value (`numeric` columns, hours in jsonb): "10.5" and "10.50" are the same. */
export const PAY_COMPONENT_DECIMALS = ['amount', 'rate'] as const;
export const PAY_RUN_INPUT_DECIMALS = ['bonus', 'commission', 'reimbursement', 'correction', 'hours', 'componentHours'] as const;
const OVERRIDES = ['amount', 'rate'] as const;

export const payComponentPayload = (c: PayComponent, changedFields: string[] = []): PayComponentChangedPayload => ({
  payComponentId: c.id,
  code: c.code,
  name: c.name,
  kind: c.kind,
  taxable: c.taxable,
  calculationType: c.calculationType,
  base: c.base,
  baseComponent: c.baseComponent,
  glAccount: c.glAccount,
  sequence: c.sequence,
  active: c.active,
  changedFields,
});

export const payScheduleCreatedPayload = (s: PaySchedule): PayScheduleCreatedPayload => ({
  payScheduleId: s.id,
  code: s.code,
  name: s.name,
  frequency: s.frequency,
  anchorDate: s.anchorDate,
  payDateRule: s.payDateRule,
  payDay: s.payDay,
  payDateOffsetDays: s.payDateOffsetDays,
  prorationMethod: s.prorationMethod,
});

const code = S.string(20, { pattern: '^[A-Z0-9][A-Z0-9_-]{0,19}$' });

const payComponentSchema = S.object({
  payComponentId: S.uuid(),
  code,
  name: S.string(200),
  kind: S.enum(COMPONENT_KINDS),
  taxable: S.boolean(),
  calculationType: S.enum(CALCULATION_TYPES),
  base: S.nullable(S.enum(PERCENTAGE_BASES)),
  baseComponent: S.nullable(code),
  glAccount: S.string(20),
  sequence: S.int32(0, 10000),
  active: S.boolean(),
  changedFields: S.array(S.enum(PAY_COMPONENT_FIELDS), PAY_COMPONENT_FIELDS.length),
});

const scheduleAssignmentSchema = S.object({ employeeId: S.uuid(), payScheduleId: S.uuid(), previousPayScheduleId: S.nullable(S.uuid()) });

defineEventTypes({
  'payroll.compensation.created': {
    description: 'An employee got a new effective-dated compensation term (the amount and rates are not in the event: read them with hr:sensitive).',
    aggregateType: 'compensation',
    schema: S.object({ compensationId: S.uuid(), employeeId: S.uuid(), effectiveFrom: S.date() }),
  },
  'payroll.pay_component.created': { description: 'A pay component (earning, deduction or employer contribution) was defined; its amount or rate is not in the event.', aggregateType: 'pay_component', schema: payComponentSchema },
  'payroll.pay_component.updated': { description: 'A pay component changed; `changedFields` names what (amount and rate by name only).', aggregateType: 'pay_component', schema: payComponentSchema },
  'payroll.component_assignment.created': {
    description: 'A pay component was assigned to an employee or to everyone on a pay schedule for a span of dates; `overriddenFields` names an overridden amount or rate, without its value.',
    aggregateType: 'component_assignment',
    schema: S.object({
      assignmentId: S.uuid(),
      payComponentId: S.uuid(),
      employeeId: S.nullable(S.uuid()),
      payScheduleId: S.nullable(S.uuid()),
      effectiveFrom: S.date(),
      effectiveTo: S.nullable(S.date()),
      overriddenFields: S.array(S.enum(OVERRIDES), OVERRIDES.length),
    }),
  },
  'payroll.pay_run_input.set': {
    description: 'An employee\'s one-off inputs on a pay run (bonus, commission, hours, unpaid days, ...) were set; `changedFields` names which, without values. A calculated run also publishes `payroll.pay_run.reopened`.',
    aggregateType: 'pay_run',
    schema: S.object({ payRunId: S.uuid(), employeeId: S.uuid(), version: S.int32(1), changedFields: S.array(S.enum(PAY_RUN_INPUT_FIELDS), PAY_RUN_INPUT_FIELDS.length) }),
  },
  'payroll.pay_schedule.created': {
    description: 'A pay schedule (frequency, pay date rule, proration) was created.',
    aggregateType: 'pay_schedule',
    schema: S.object({
      payScheduleId: S.uuid(),
      code,
      name: S.string(200),
      frequency: S.enum(PAY_FREQUENCIES),
      anchorDate: S.nullable(S.date()),
      payDateRule: S.enum(PAY_DATE_RULES),
      payDay: S.nullable(S.int32(1, 31)),
      payDateOffsetDays: S.nullable(S.int32(0, 31)),
      prorationMethod: S.enum(PRORATION_METHODS),
    }),
  },
  'payroll.rule_set.created': {
    description: 'A version of a tax and contribution rule set, valid from a date, was created; read its brackets and rates from the API.',
    aggregateType: 'rule_set',
    schema: S.object({ ruleSetId: S.uuid(), code, name: S.string(200), validFrom: S.date() }),
  },
  'payroll.rule_set_assignment.created': {
    description: 'A rule set (by code) was assigned to an employee from a date.',
    aggregateType: 'rule_set_assignment',
    schema: S.object({ assignmentId: S.uuid(), employeeId: S.uuid(), ruleSetCode: code, effectiveFrom: S.date() }),
  },
  'payroll.schedule_assignment.created': { description: 'An employee was put on a pay schedule for the first time (aggregate id: the employee id).', aggregateType: 'schedule_assignment', schema: scheduleAssignmentSchema },
  'payroll.schedule_assignment.updated': { description: 'An employee moved to another pay schedule (aggregate id: the employee id).', aggregateType: 'schedule_assignment', schema: scheduleAssignmentSchema },
});

import { changedFields } from '../../platform/changes/changed-fields';
import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import type { ItAgent, ItGroup, ItSettings } from './desk/desk.entities';
import type { BusinessCalendarRow, SlaPolicy } from './sla/sla-config.entities';
import { PAUSABLE_STATES, PRIORITIES, TICKET_TYPES } from './tickets/ticket.entities';

/**
 * The desk's configuration: support groups, agents, business calendars, SLA policies, the
 * priority matrix and the desk settings, as they are after the change (with the names of the
 * changed fields on updates).
 */
export interface ItGroupCreatedPayload {
  groupId: string;
  code: string;
  name: string;
}

export interface ItAgentChangedPayload {
  /** The agent is an HR employee: the aggregate id is the employee id. */
  employeeId: string;
  active: boolean;
  groupIds: string[];
  changedFields: Array<'active' | 'groupIds'>;
}

export interface BusinessCalendarCreatedPayload {
  calendarId: string;
  name: string;
  timeZone: string;
  workingDays: number[];
  startTime: string;
  endTime: string;
  holidayCountry: string | null;
  holidayRegion: string | null;
}

export interface SlaPolicyChangedPayload {
  policyId: string;
  name: string;
  ticketType: string | null;
  priority: string | null;
  category: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  calendarId: string;
  pausingStates: string[];
  active: boolean;
  changedFields: string[];
}

export interface PriorityMatrixReplacedPayload {
  cells: Array<{ impact: number; urgency: number; priority: string }>;
  /** The impact × urgency pairs whose priority changed. */
  changedCells: Array<{ impact: number; urgency: number }>;
}

export interface ItSettingsUpdatedPayload {
  reopenWindowHours: number;
  attachmentMaxBytes: number;
  changedFields: Array<'reopenWindowHours' | 'attachmentMaxBytes'>;
}

/** The priority matrix and the settings are single rows; their events use these fixed aggregate ids (as the audit trail does). */
export const PRIORITY_MATRIX_ID = '00000000-0000-0000-0000-000000000000';
export const IT_SETTINGS_ID = '00000000-0000-0000-0000-000000000001';

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'it.group.created': ItGroupCreatedPayload;
    'it.agent.created': ItAgentChangedPayload;
    'it.agent.updated': ItAgentChangedPayload;
    'it.business_calendar.created': BusinessCalendarCreatedPayload;
    'it.sla_policy.created': SlaPolicyChangedPayload;
    'it.sla_policy.updated': SlaPolicyChangedPayload;
    'it.priority_matrix.replaced': PriorityMatrixReplacedPayload;
    'it.settings.updated': ItSettingsUpdatedPayload;
  }
}

export const IT_CONFIG_EVENT_TOPICS = [
  'it.group.created',
  'it.agent.created',
  'it.agent.updated',
  'it.business_calendar.created',
  'it.sla_policy.created',
  'it.sla_policy.updated',
  'it.priority_matrix.replaced',
  'it.settings.updated',
] as const;

export const groupPayload = (g: ItGroup): ItGroupCreatedPayload => ({ groupId: g.id, code: g.code, name: g.name });

export const AGENT_FIELDS = ['active', 'groupIds'] as const;
export const IT_SETTINGS_FIELDS = ['reopenWindowHours', 'attachmentMaxBytes'] as const;

export const agentPayload = (a: Pick<ItAgent, 'id' | 'active'>, groupIds: string[], changedFields: ItAgentChangedPayload['changedFields'] = []): ItAgentChangedPayload => ({
  employeeId: a.id,
  active: a.active,
  groupIds,
  changedFields,
});

export const businessCalendarPayload = (c: BusinessCalendarRow): BusinessCalendarCreatedPayload => ({
  calendarId: c.id,
  name: c.name,
  timeZone: c.timeZone,
  workingDays: c.workingDays.map(Number),
  startTime: c.startTime,
  endTime: c.endTime,
  holidayCountry: c.holidayCountry,
  holidayRegion: c.holidayRegion,
});

export const SLA_POLICY_FIELDS = ['name', 'ticketType', 'priority', 'category', 'firstResponseMinutes', 'resolutionMinutes', 'calendarId', 'pausingStates', 'active'] as const;

export const slaPolicyPayload = (p: SlaPolicy, changedFields: string[] = []): SlaPolicyChangedPayload => ({
  policyId: p.id,
  name: p.name,
  ticketType: p.ticketType,
  priority: p.priority,
  category: p.category,
  firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
  calendarId: p.calendarId,
  pausingStates: p.pausingStates,
  active: p.active,
  changedFields,
});

export const settingsPayload = (before: Pick<ItSettings, 'reopenWindowHours' | 'attachmentMaxBytes'>, after: Pick<ItSettings, 'reopenWindowHours' | 'attachmentMaxBytes'>): ItSettingsUpdatedPayload => ({
  reopenWindowHours: after.reopenWindowHours,
  attachmentMaxBytes: after.attachmentMaxBytes,
  changedFields: changedFields(IT_SETTINGS_FIELDS, before, after),
});

const uuid = S.uuid();
const LEVEL = S.int32(1, 3);
const HHMM = { pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' };

const agentSchema = S.object({ employeeId: uuid, active: S.boolean(), groupIds: S.array(uuid, 20), changedFields: S.array(S.enum(AGENT_FIELDS), AGENT_FIELDS.length) });
const slaPolicySchema = S.object({
  policyId: uuid,
  name: S.string(100),
  ticketType: S.nullable(S.enum(TICKET_TYPES)),
  priority: S.nullable(S.enum(PRIORITIES)),
  category: S.nullable(S.string(50)),
  firstResponseMinutes: S.int32(1, 525600),
  resolutionMinutes: S.int32(1, 525600),
  calendarId: uuid,
  pausingStates: S.array(S.enum(PAUSABLE_STATES), 2),
  active: S.boolean(),
  changedFields: S.array(S.enum(SLA_POLICY_FIELDS), SLA_POLICY_FIELDS.length),
});

defineEventTypes({
  'it.group.created': {
    description: 'A support group was created.',
    aggregateType: 'it_group',
    schema: S.object({ groupId: uuid, code: S.string(40, { pattern: '^[A-Z0-9][A-Z0-9_-]*$' }), name: S.string(100) }),
  },
  'it.agent.created': { description: 'An employee got the agent role, in the listed groups.', aggregateType: 'it_agent', schema: agentSchema },
  'it.agent.updated': { description: 'An agent was activated or deactivated, or their groups changed; `changedFields` names what.', aggregateType: 'it_agent', schema: agentSchema },
  'it.business_calendar.created': {
    description: 'A business calendar for SLA clocks was created (working days and hours, time zone, holiday region).',
    aggregateType: 'it_business_calendar',
    schema: S.object({
      calendarId: uuid,
      name: S.string(100),
      timeZone: S.string(64, { description: 'IANA time zone.' }),
      workingDays: S.array(S.int32(1, 7), 7),
      startTime: S.string(5, HHMM),
      endTime: S.string(5, HHMM),
      holidayCountry: S.nullable(S.string(2, { pattern: '^[A-Z]{2}$' })),
      holidayRegion: S.nullable(S.string(10, { pattern: '^[A-Z0-9]{1,10}$' })),
    }),
  },
  'it.sla_policy.created': { description: 'An SLA policy was created.', aggregateType: 'it_sla_policy', schema: slaPolicySchema },
  'it.sla_policy.updated': {
    description: 'An SLA policy changed (criteria, targets, calendar, pausing states, active); `changedFields` names what. Open tickets follow when their clocks are next recomputed.',
    aggregateType: 'it_sla_policy',
    schema: slaPolicySchema,
  },
  'it.priority_matrix.replaced': {
    description: 'The impact × urgency → priority matrix was replaced (all nine cells); `changedCells` lists the pairs whose priority changed. Existing tickets keep their priority until edited.',
    aggregateType: 'it_priority_matrix',
    schema: S.object({
      cells: S.array(S.object({ impact: LEVEL, urgency: LEVEL, priority: S.enum(PRIORITIES) }), 9),
      changedCells: S.array(S.object({ impact: LEVEL, urgency: LEVEL }), 9),
    }),
  },
  'it.settings.updated': {
    description: 'The desk settings changed (reopen window, attachment size limit); `changedFields` names what.',
    aggregateType: 'it_settings',
    schema: S.object({
      reopenWindowHours: S.int32(0, 8760),
      attachmentMaxBytes: S.int32(1, 104857600),
      changedFields: S.array(S.enum(['reopenWindowHours', 'attachmentMaxBytes']), 2),
    }),
  },
});

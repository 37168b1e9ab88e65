import { defineEventTypes, JsonSchema } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';

export interface TicketEventPayload {
  ticketId: string;
  number: string;
  type: string;
  category: string;
  priority: string;
  status: string;
  requesterId: string;
  assigneeId: string | null;
  groupId: string | null;
  /** For transitions: the state left. */
  previousStatus?: string;
}

export interface TicketCommentedPayload {
  ticketId: string;
  number: string;
  commentId: string;
  authorId: string;
  visibility: 'public' | 'internal';
  firstResponse: boolean;
}

export interface TicketAttachmentAddedPayload {
  ticketId: string;
  number: string;
  attachmentId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export interface TicketSlaPayload {
  ticketId: string;
  number: string;
  priority: string;
  groupId: string | null;
  target: 'first_response' | 'resolution';
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: string | null;
}

export interface AssetEventPayload {
  assetId: string;
  assetTag: string;
  category: string;
  status: string;
  /** The employee the asset (or seat) went to or came back from. */
  employeeId: string | null;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'it.ticket.created': TicketEventPayload;
    'it.ticket.updated': TicketEventPayload;
    'it.ticket.assigned': TicketEventPayload;
    'it.ticket.opened': TicketEventPayload;
    'it.ticket.started': TicketEventPayload;
    'it.ticket.put_on_hold': TicketEventPayload;
    'it.ticket.resumed': TicketEventPayload;
    'it.ticket.resolved': TicketEventPayload;
    'it.ticket.closed': TicketEventPayload;
    'it.ticket.reopened': TicketEventPayload;
    'it.ticket.commented': TicketCommentedPayload;
    'it.ticket.attachment_added': TicketAttachmentAddedPayload;
    'it.ticket.sla_at_risk': TicketSlaPayload;
    'it.ticket.sla_breached': TicketSlaPayload;
    'it.asset.registered': AssetEventPayload;
    'it.asset.checked_out': AssetEventPayload;
    'it.asset.checked_in': AssetEventPayload;
    'it.asset.sent_to_repair': AssetEventPayload;
    'it.asset.returned_from_repair': AssetEventPayload;
    'it.asset.retired': AssetEventPayload;
    'it.asset.marked_lost': AssetEventPayload;
  }
}

export const IT_EVENT_TOPICS = [
  'it.ticket.created',
  'it.ticket.updated',
  'it.ticket.assigned',
  'it.ticket.opened',
  'it.ticket.started',
  'it.ticket.put_on_hold',
  'it.ticket.resumed',
  'it.ticket.resolved',
  'it.ticket.closed',
  'it.ticket.reopened',
  'it.ticket.commented',
  'it.ticket.attachment_added',
  'it.ticket.sla_at_risk',
  'it.ticket.sla_breached',
  'it.asset.registered',
  'it.asset.checked_out',
  'it.asset.checked_in',
  'it.asset.sent_to_repair',
  'it.asset.returned_from_repair',
  'it.asset.retired',
  'it.asset.marked_lost',
] as const;

const uuid = { type: 'string', format: 'uuid' };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const object = S.object;

/** Ticket numbers are `IT-` and a sequence value (column varchar(20)). */
const NUMBER: JsonSchema = { type: 'string', maxLength: 20, pattern: '^IT-[0-9]{1,17}$' };
const STATUS: JsonSchema = { type: 'string', enum: ['new', 'open', 'in_progress', 'waiting_on_requester', 'waiting_on_third_party', 'resolved', 'closed', 'reopened'] };
const MINUTES: JsonSchema = { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 };

const ticketSchema = object(
  {
    ticketId: uuid,
    number: NUMBER,
    type: { type: 'string', enum: ['incident', 'service_request', 'access', 'onboarding', 'offboarding'] },
    category: { type: 'string', maxLength: 50 },
    priority: { type: 'string', enum: ['P1', 'P2', 'P3', 'P4'] },
    status: STATUS,
    requesterId: uuid,
    assigneeId: nullableUuid,
    groupId: nullableUuid,
    previousStatus: STATUS,
  },
  ['previousStatus'],
);
const slaSchema = object({
  ticketId: uuid,
  number: NUMBER,
  priority: { type: 'string', enum: ['P1', 'P2', 'P3', 'P4'] },
  groupId: nullableUuid,
  target: { type: 'string', enum: ['first_response', 'resolution'] },
  targetMinutes: MINUTES,
  elapsedMinutes: MINUTES,
  dueAt: { type: ['string', 'null'], format: 'date-time' },
});
const assetSchema = object({
  assetId: uuid,
  assetTag: { type: 'string', maxLength: 40, pattern: '^[A-Z0-9][A-Z0-9_-]*$' },
  category: { type: 'string', enum: ['laptop', 'phone', 'monitor', 'license'] },
  status: { type: 'string', enum: ['in_stock', 'assigned', 'in_repair', 'retired', 'lost'] },
  employeeId: nullableUuid,
});
const ticket = (description: string) => ({ description, aggregateType: 'it_ticket', schema: ticketSchema });
const asset = (description: string) => ({ description, aggregateType: 'it_asset', schema: assetSchema });

defineEventTypes({
  'it.ticket.created': ticket('An IT ticket was raised (by a person, or for a hire or a leaver).'),
  'it.ticket.updated': ticket('Ticket fields changed (title, category, impact/urgency and so priority, tags, SLA policy).'),
  'it.ticket.assigned': ticket('The ticket went to an agent and/or group.'),
  'it.ticket.opened': ticket('A new ticket was triaged (new → open).'),
  'it.ticket.started': ticket('Work started on the ticket (→ in_progress).'),
  'it.ticket.put_on_hold': ticket('The ticket waits on the requester or a third party (its SLA clocks pause when the policy says so).'),
  'it.ticket.resumed': ticket('Work resumed after waiting.'),
  'it.ticket.resolved': ticket('The ticket was resolved; the resolution clock stops.'),
  'it.ticket.closed': ticket('A resolved ticket was closed for good.'),
  'it.ticket.reopened': ticket('A resolved ticket was reopened inside the reopen window; its clock runs on.'),
  'it.ticket.commented': {
    description: 'A comment was added (public or internal); `firstResponse` when it is the first public answer of an agent.',
    aggregateType: 'it_ticket',
    schema: object({ ticketId: uuid, number: NUMBER, commentId: uuid, authorId: uuid, visibility: { type: 'string', enum: ['public', 'internal'] }, firstResponse: { type: 'boolean' } }),
  },
  'it.ticket.attachment_added': {
    description: 'A file was attached to the ticket.',
    aggregateType: 'it_ticket',
    schema: object({ ticketId: uuid, number: NUMBER, attachmentId: uuid, fileName: { type: 'string', maxLength: 255 }, sizeBytes: { type: 'integer', format: 'int32', minimum: 0, maximum: 104857600 }, sha256: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' } }),
  },
  'it.ticket.sla_at_risk': { description: '80 % of an SLA target (first response or resolution) has elapsed; once per target and ticket.', aggregateType: 'it_ticket', schema: slaSchema },
  'it.ticket.sla_breached': { description: 'An SLA target was missed; once per target and ticket.', aggregateType: 'it_ticket', schema: slaSchema },
  'it.asset.registered': asset('An IT asset was registered (in stock).'),
  'it.asset.checked_out': asset('An asset (or a license seat) was handed to an employee.'),
  'it.asset.checked_in': asset('An asset (or a license seat) came back from an employee.'),
  'it.asset.sent_to_repair': asset('An asset went to repair.'),
  'it.asset.returned_from_repair': asset('An asset came back from repair into stock.'),
  'it.asset.retired': asset('An asset was retired; it cannot be assigned again.'),
  'it.asset.marked_lost': asset('An asset was reported lost (its holder no longer holds it).'),
});

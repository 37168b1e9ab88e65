import { StateMachine } from '../../../platform/state-machine/state-machine';
import { TicketStatus } from './ticket.entities';

export const TICKET_ACTIONS = ['open', 'start', 'wait_on_requester', 'wait_on_third_party', 'resume', 'resolve', 'close', 'reopen'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const working = { wait_on_requester: 'waiting_on_requester', wait_on_third_party: 'waiting_on_third_party', resolve: 'resolved' } as const;

/** The ticket lifecycle as data; anything else is 409 invalid_state_transition. */
export const TICKET_TRANSITIONS = new StateMachine<TicketStatus, TicketAction>('ticket', {
  new: { open: 'open', start: 'in_progress', ...working },
  open: { start: 'in_progress', ...working },
  in_progress: { ...working },
  waiting_on_requester: { resume: 'in_progress', wait_on_third_party: 'waiting_on_third_party', resolve: 'resolved' },
  waiting_on_third_party: { resume: 'in_progress', wait_on_requester: 'waiting_on_requester', resolve: 'resolved' },
  resolved: { close: 'closed', reopen: 'reopened' },
  reopened: { start: 'in_progress', ...working },
  closed: {},
});

/** The event each action publishes. */
export const ACTION_EVENTS = {
  open: 'it.ticket.opened',
  start: 'it.ticket.started',
  wait_on_requester: 'it.ticket.put_on_hold',
  wait_on_third_party: 'it.ticket.put_on_hold',
  resume: 'it.ticket.resumed',
  resolve: 'it.ticket.resolved',
  close: 'it.ticket.closed',
  reopen: 'it.ticket.reopened',
} as const satisfies Record<TicketAction, string>;

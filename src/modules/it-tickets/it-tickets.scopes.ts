import { registerScopes } from '../../platform/auth/scopes';
import { registerConstraints } from '../../platform/http/problem';

export const IT_READ = 'it:read';
export const IT_WRITE = 'it:write';
export const IT_ADMIN = 'it:admin';

registerScopes({
  [IT_READ]: 'Read IT tickets, their comments, attachments and history, the queue, IT assets and SLA reports.',
  [IT_WRITE]: 'Create and work IT tickets (assign, transitions, comments, attachments) and manage IT assets.',
  [IT_ADMIN]: 'Configure the IT desk: groups, agents, business calendars, SLA policies, the priority matrix and desk settings.',
});

registerConstraints({
  uq_it_groups_code: { field: 'code', message: 'A group with this code already exists.' },
  ck_it_groups_code: { field: 'code', message: 'Must be upper-case letters, digits, "_" or "-".' },
  fk_it_agent_groups_group: { field: 'groupIds', message: 'A group does not exist.' },
  fk_it_sla_policies_calendar: { field: 'calendarId', message: 'The business calendar does not exist.' },
  ck_it_business_calendars_window: { field: 'endTime', message: 'Must be after startTime.' },
  ck_it_business_calendars_start: { field: 'startTime', message: 'Must be HH:MM.' },
  ck_it_business_calendars_end: { field: 'endTime', message: 'Must be HH:MM or 24:00.' },
  ck_it_business_calendars_region: { field: 'holidayRegion', message: 'A region needs a country.' },
  uq_it_assets_tag: { field: 'assetTag', message: 'An asset with this tag already exists.' },
  ck_it_assets_tag: { field: 'assetTag', message: 'Must be upper-case letters, digits, "_" or "-".' },
  ck_it_assets_seats: { field: 'seats', message: 'License assets need seats; other assets have none.' },
  ck_it_assets_cost_currency: { field: 'purchaseCost', message: 'A cost needs its currency (and a currency a cost).' },
  fk_it_tickets_group: { field: 'groupId', message: 'The group does not exist.' },
  fk_it_tickets_sla_policy: { field: 'slaPolicyId', message: 'The SLA policy does not exist.' },
  fk_it_ticket_assets_asset: { field: 'assetIds', message: 'An asset does not exist.' },
});

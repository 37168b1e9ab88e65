import { registerScopes } from '../../platform/auth/scopes';
import { registerConstraints } from '../../platform/http/problem';

export const WEBHOOKS_READ = 'webhooks:read';
export const WEBHOOKS_WRITE = 'webhooks:write';

registerScopes({
  [WEBHOOKS_READ]: 'Read the event catalogue, webhook subscriptions and their delivery log.',
  [WEBHOOKS_WRITE]: 'Create, change, delete webhook subscriptions, rotate their secrets, redeliver and replay events.',
});

registerConstraints({
  ck_webhook_subscriptions_event_types: { field: 'eventTypes', message: 'Between 1 and 100 event types.' },
});

import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';

export interface WebhookSubscriptionDisabledPayload {
  subscriptionId: string;
  url: string;
  /** First failed attempt since the last successful delivery. */
  failingSince: string;
  disabledAt: string;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'integrations.webhook_subscription.disabled': WebhookSubscriptionDisabledPayload;
  }
}

defineEventTypes({
  'integrations.webhook_subscription.disabled': {
    description: 'A webhook subscription was disabled because its deliveries kept failing for the configured number of days (WEBHOOK_DISABLE_AFTER_DAYS).',
    aggregateType: 'webhook_subscription',
    schema: S.object({ subscriptionId: S.uuid(), url: S.string(2000, { format: 'uri' }), failingSince: S.dateTime(), disabledAt: S.dateTime() }),
  },
});

export const INTEGRATIONS_EVENT_TOPICS = ['integrations.webhook_subscription.disabled'] as const;

import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';

export interface WebhookSubscriptionDisabledPayload {
  subscriptionId: string;
  url: string;
  /** First failed attempt since the last successful delivery. */
  failingSince: string;
  disabledAt: string;
}

/** A subscription as it is after the change (before it, for a deletion). The secret is never in an event. */
export interface WebhookSubscriptionChangedPayload {
  subscriptionId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  active: boolean;
  /** What changed (updates only; empty otherwise). */
  changedFields: string[];
}

export interface WebhookSecretRotatedPayload {
  subscriptionId: string;
  rotatedAt: string;
  /** Until when the previous secret still signs; null when it stopped at once. */
  previousSecretExpiresAt: string | null;
}

/** A delivery was queued again by hand: a new delivery of the same event (same `webhook-id`). */
export interface WebhookDeliveryRedeliveredPayload {
  deliveryId: string;
  redeliveryOf: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
}

/** Outbox events of a time range were queued again for a subscription. */
export interface WebhookSubscriptionReplayedPayload {
  subscriptionId: string;
  from: string;
  to: string;
  queued: number;
  /** Where the next call continues when the range held more than one call queues; null otherwise. */
  nextFrom: string | null;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'integrations.webhook_subscription.disabled': WebhookSubscriptionDisabledPayload;
    'integrations.webhook_subscription.created': WebhookSubscriptionChangedPayload;
    'integrations.webhook_subscription.updated': WebhookSubscriptionChangedPayload;
    'integrations.webhook_subscription.deleted': WebhookSubscriptionChangedPayload;
    'integrations.webhook_subscription.secret_rotated': WebhookSecretRotatedPayload;
    'integrations.webhook_delivery.redelivered': WebhookDeliveryRedeliveredPayload;
    'integrations.webhook_subscription.replayed': WebhookSubscriptionReplayedPayload;
  }
}

const subscriptionSchema = S.object({
  subscriptionId: S.uuid(),
  url: S.string(2000, { format: 'uri' }),
  eventTypes: S.array(S.string(100), 100),
  description: S.nullable(S.string(500)),
  active: S.boolean(),
  changedFields: S.array(S.enum(['url', 'eventTypes', 'description', 'active']), 4),
});

defineEventTypes({
  'integrations.webhook_subscription.disabled': {
    description: 'A webhook subscription was disabled because its deliveries kept failing for the configured number of days (WEBHOOK_DISABLE_AFTER_DAYS).',
    aggregateType: 'webhook_subscription',
    schema: S.object({ subscriptionId: S.uuid(), url: S.string(2000, { format: 'uri' }), failingSince: S.dateTime(), disabledAt: S.dateTime() }),
  },
  'integrations.webhook_subscription.created': { description: 'A webhook subscription was created.', aggregateType: 'webhook_subscription', schema: subscriptionSchema },
  'integrations.webhook_subscription.updated': { description: 'A webhook subscription changed (URL, event types, description or active flag); `changedFields` names what.', aggregateType: 'webhook_subscription', schema: subscriptionSchema },
  'integrations.webhook_subscription.deleted': { description: 'A webhook subscription was deleted; the payload is the subscription as it was.', aggregateType: 'webhook_subscription', schema: subscriptionSchema },
  'integrations.webhook_subscription.secret_rotated': {
    description: 'A webhook subscription got a new signing secret; the previous one signs too until `previousSecretExpiresAt`.',
    aggregateType: 'webhook_subscription',
    schema: S.object({ subscriptionId: S.uuid(), rotatedAt: S.dateTime(), previousSecretExpiresAt: S.nullable(S.dateTime()) }),
  },
  'integrations.webhook_delivery.redelivered': {
    description: 'A webhook delivery was sent again by hand: `deliveryId` is the new delivery of the same event as `redeliveryOf`.',
    aggregateType: 'webhook_delivery',
    schema: S.object({ deliveryId: S.uuid(), redeliveryOf: S.uuid(), subscriptionId: S.uuid(), eventId: S.uuid(), eventType: S.string(100) }),
  },
  'integrations.webhook_subscription.replayed': {
    description: 'The outbox events of [`from`, `to`) matching a subscription were queued for it again (`queued` of them); `nextFrom` continues a longer range.',
    aggregateType: 'webhook_subscription',
    schema: S.object({ subscriptionId: S.uuid(), from: S.dateTime(), to: S.dateTime(), queued: S.int32(0, 10000), nextFrom: S.nullable(S.dateTime()) }),
  },
});

export const INTEGRATIONS_EVENT_TOPICS = [
  'integrations.webhook_subscription.disabled',
  'integrations.webhook_subscription.created',
  'integrations.webhook_subscription.updated',
  'integrations.webhook_subscription.deleted',
  'integrations.webhook_subscription.secret_rotated',
  'integrations.webhook_delivery.redelivered',
  'integrations.webhook_subscription.replayed',
] as const;

import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { DomainEvent } from '../../../platform/events/catalogue';
import { EventBus } from '../../../platform/events/event-bus';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { IntegrationsErrorCode, IntegrationsException } from '../integrations.errors';
import { ListWebhookDeliveriesQuery, ReplayQuery, ReplayResultDto, WebhookDeliveryAttemptDto, WebhookDeliveryDto } from './dto/webhook.dto';
import { WebhookSubscriptionsService } from './subscriptions.service';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhook.entities';

export const FAN_OUT_SUBSCRIBER = 'integrations.webhooks.fan-out';
/** Events queued by one replay call; a larger range is continued with `nextFrom`. */
export const REPLAY_BATCH = 10_000;

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'd.created_at', type: 'timestamp', value: (d: WebhookDelivery) => d.createdAt.toISOString() },
};

/** The subscription patterns an event matches: its exact type and `<module>.*`. */
export const patternsFor = (topic: string) => [topic, `${topic.split('.')[0]}.*`];

const toAttemptDto = (a: WebhookDeliveryAttempt): WebhookDeliveryAttemptDto => ({
  attempt: a.attempt,
  startedAt: a.startedAt.toISOString(),
  durationMs: a.durationMs,
  statusCode: a.statusCode,
  outcome: a.outcome,
  error: a.error,
  responseExcerpt: a.responseExcerpt,
});

const toDeliveryDto = (d: WebhookDelivery, attempts: WebhookDeliveryAttempt[]): WebhookDeliveryDto => ({
  id: d.id,
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  eventType: d.eventType,
  aggregateType: d.aggregateType,
  aggregateId: d.aggregateId,
  occurredAt: d.occurredAt.toISOString(),
  origin: d.origin,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  completedAt: d.completedAt ? d.completedAt.toISOString() : null,
  createdAt: d.createdAt.toISOString(),
  attemptLog: attempts.map(toAttemptDto),
});

/**
 * Turns outbox events into deliveries (one per matching active subscription, in the dispatcher's
 * transaction, so at least once and never twice), and serves the delivery log, redeliveries and
 * replays.
 */
@Injectable()
export class WebhookDeliveriesService implements OnModuleInit {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
    private readonly subscriptions: WebhookSubscriptionsService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribeAll(FAN_OUT_SUBSCRIBER, (event, manager) => this.fanOut(event, manager));
  }

  async fanOut(event: DomainEvent, manager: EntityManager): Promise<void> {
    const subs: { id: string }[] = await manager.query(`SELECT id FROM webhook_subscriptions WHERE active AND event_types && $1::text[]`, [patternsFor(event.topic)]);
    if (!subs.length) return;
    await manager.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, aggregate_type, aggregate_id, payload, occurred_at, origin, status, attempts, next_attempt_at)
       SELECT x.id, x.subscription_id, $3, $4, $5, $6, $7::jsonb, $8, 'event', 'pending', 0, now()
         FROM unnest($1::uuid[], $2::uuid[]) AS x(id, subscription_id)
       ON CONFLICT DO NOTHING`,
      [subs.map(() => newId()), subs.map((s) => s.id), event.id, event.topic, event.aggregateType, event.aggregateId, JSON.stringify(event.payload), event.occurredAt],
    );
  }

  async list(subscriptionId: string, query: ListWebhookDeliveriesQuery): Promise<Page<WebhookDeliveryDto>> {
    await this.subscriptions.findOrThrow(subscriptionId);
    const qb = this.db.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.subscription_id = :subscriptionId', { subscriptionId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    const page = await paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'd.id', map: (d) => d });
    const attempts = await this.attemptsOf(page.data.map((d) => d.id));
    return { data: page.data.map((d) => toDeliveryDto(d, attempts.get(d.id) ?? [])), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<WebhookDeliveryDto> {
    const d = await this.db.getRepository(WebhookDelivery).findOneBy({ id });
    if (!d) throw new NotFoundProblem('Webhook delivery', id);
    return toDeliveryDto(d, (await this.attemptsOf([id])).get(id) ?? []);
  }

  private async attemptsOf(ids: string[]): Promise<Map<string, WebhookDeliveryAttempt[]>> {
    const map = new Map<string, WebhookDeliveryAttempt[]>();
    if (!ids.length) return map;
    const rows = await this.db.getRepository(WebhookDeliveryAttempt).createQueryBuilder('a').where('a.delivery_id = ANY(:ids)', { ids }).orderBy('a.delivery_id').addOrderBy('a.attempt').getMany();
    for (const a of rows) map.set(a.deliveryId, [...(map.get(a.deliveryId) ?? []), a]);
    return map;
  }

  /** Sends the delivery's event once more, as a new delivery with the same `webhook-id`. */
  async redeliver(id: string): Promise<WebhookDeliveryDto> {
    return this.db.withTransaction(async (m) => {
      const d = await this.db.getRepository(WebhookDelivery).findOneBy({ id });
      if (!d) throw new NotFoundProblem('Webhook delivery', id);
      const now = new Date();
      const copy: WebhookDelivery = { ...d, id: newId(), origin: 'redelivery', status: 'pending', attempts: 0, nextAttemptAt: now, claimToken: null, lastStatusCode: null, lastError: null, completedAt: null, createdAt: now, updatedAt: now };
      await m.getRepository(WebhookDelivery).insert(copy as never);
      await this.audit.record({ action: 'integrations.webhook_delivery.redelivered', entityType: 'webhook_delivery', entityId: copy.id, before: null, after: { redeliveryOf: d.id, subscriptionId: d.subscriptionId, eventId: d.eventId } });
      await this.bus.publish('integrations.webhook_delivery.redelivered', { type: 'webhook_delivery', id: copy.id }, { deliveryId: copy.id, redeliveryOf: d.id, subscriptionId: d.subscriptionId, eventId: d.eventId, eventType: d.eventType });
      return toDeliveryDto(copy, []);
    });
  }

  /**
   * Queues the subscription's matching outbox events of [from, to) again, oldest first. The
   * outbox keeps delivered events for 7 days (platform.outbox.purge), so older ranges are empty.
   */
  async replay(subscriptionId: string, query: ReplayQuery): Promise<ReplayResultDto> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to)) {
      throw new IntegrationsException(IntegrationsErrorCode.InvalidReplayRange, '`from` must be before `to`.', {}, [{ field: 'to', message: 'must be after from' }]);
    }
    return this.db.withTransaction(async (m) => {
      const s = await this.subscriptions.findOrThrow(subscriptionId);
      const patterns = [...new Set(s.eventTypes.flatMap((t) => (t.endsWith('.*') ? [] : [t])))];
      const modules = s.eventTypes.filter((t) => t.endsWith('.*')).map((t) => `${t.slice(0, -1)}%`);
      const events: { id: string; occurred_at: Date }[] = await m.query(
        `SELECT id, occurred_at FROM outbox_events
          WHERE occurred_at >= $1 AND occurred_at < $2 AND dispatched_at IS NOT NULL
            AND (topic = ANY($3::text[]) OR topic LIKE ANY($4::text[]))
          ORDER BY occurred_at, id LIMIT $5`,
        [from, to, patterns, modules, REPLAY_BATCH + 1],
      );
      const batch = events.slice(0, REPLAY_BATCH);
      if (batch.length) {
        await m.query(
          `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, aggregate_type, aggregate_id, payload, occurred_at, origin, status, attempts, next_attempt_at)
           SELECT x.id, $3, o.id, o.topic, o.aggregate_type, o.aggregate_id, o.payload, o.occurred_at, 'replay', 'pending', 0, now()
             FROM unnest($1::uuid[], $2::uuid[]) AS x(id, event_id) JOIN outbox_events o ON o.id = x.event_id`,
          [batch.map(() => newId()), batch.map((e) => e.id), subscriptionId],
        );
      }
      const nextFrom = events.length > REPLAY_BATCH ? new Date(events[REPLAY_BATCH].occurred_at).toISOString() : null;
      await this.audit.record({ action: 'integrations.webhook_subscription.replayed', entityType: 'webhook_subscription', entityId: subscriptionId, before: null, after: { from: from.toISOString(), to: to.toISOString(), queued: batch.length } });
      await this.bus.publish('integrations.webhook_subscription.replayed', { type: 'webhook_subscription', id: subscriptionId }, { subscriptionId, from: from.toISOString(), to: to.toISOString(), queued: batch.length, nextFrom });
      return { queued: batch.length, nextFrom };
    });
  }
}

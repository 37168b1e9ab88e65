import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { nextStep, parseRetrySchedule } from './retry-policy';
import { SendResult, WebhookSender } from './webhook-sender';

interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  occurred_at: Date;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
}

/** Deliveries sent at once by one instance. */
const BATCH = 10;
/** Slack on top of the HTTP timeout before another instance may take over a claimed delivery. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due deliveries. A delivery is claimed (FOR UPDATE SKIP LOCKED, then leased by moving
 * `next_attempt_at` past the HTTP timeout with a claim token) in a short transaction, sent
 * outside any transaction, and its result recorded only if the claim still holds; so any number
 * of instances can run it and none holds a connection while a receiver answers.
 * Ordering: a delivery waits while an earlier one (by event time) for the same subscription and
 * aggregate is still pending, retrying included, or while an earlier event of that aggregate is
 * still in the outbox (instances dispatch events in parallel, so fan-outs can commit out of order).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly schedule: number[];
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly db: TransactionalConnection,
    private readonly sender: WebhookSender,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.schedule = parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE);
  }

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        if (!this.running) {
          this.running = this.deliverDue()
            .catch((err: unknown) => {
              this.logger.error(`delivery pass failed: ${String(err)}`);
              return 0;
            })
            .finally(() => (this.running = undefined));
        }
        loop();
      }, this.config.OUTBOX_POLL_INTERVAL_MS);
      this.timer.unref();
    };
    loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sends every delivery that is due, batch after batch; returns the attempts made. Usable from tests. */
  async deliverDue(): Promise<number> {
    let made = 0;
    while (!this.stopped) {
      const token = randomUUID();
      const claimed = await this.claim(token);
      if (!claimed.length) return made;
      await Promise.all(claimed.map((d) => this.attempt(d, token)));
      made += claimed.length;
    }
    return made;
  }

  private claim(token: string): Promise<ClaimedDelivery[]> {
    const leaseSeconds = (this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS) / 1000;
    return this.db.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND NOT EXISTS (
              SELECT 1 FROM webhook_deliveries e
               WHERE e.subscription_id = d.subscription_id AND e.aggregate_type = d.aggregate_type AND e.aggregate_id = d.aggregate_id
                 AND e.status = 'pending' AND (e.occurred_at, e.event_id) < (d.occurred_at, d.event_id))
            -- An earlier event of the resource not fanned out yet (another instance is dispatching it) holds it back too.
            AND NOT EXISTS (
              SELECT 1 FROM outbox_events o
               WHERE o.aggregate_type = d.aggregate_type AND o.aggregate_id = d.aggregate_id
                 AND o.dispatched_at IS NULL AND o.failed_at IS NULL AND (o.occurred_at, o.id) < (d.occurred_at, d.event_id))
          ORDER BY d.next_attempt_at, d.id
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d SET claim_token = $2, next_attempt_at = now() + make_interval(secs => $3::double precision), updated_at = now()
           FROM due, webhook_subscriptions s
          WHERE d.id = due.id AND s.id = d.subscription_id
         RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.occurred_at, d.attempts, s.url, s.secret,
                   CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END AS previous_secret
       ) SELECT * FROM claimed`,
      [BATCH, token, leaseSeconds],
    );
  }

  private async attempt(d: ClaimedDelivery, token: string): Promise<void> {
    const secrets = [d.secret, ...(d.previous_secret ? [d.previous_secret] : [])];
    try {
      const result = await this.sender.send(d.url, secrets, { id: d.event_id, type: d.event_type, timestamp: new Date(d.occurred_at).toISOString(), data: d.payload });
      await this.record(d, token, result);
    } catch (err) {
      // The lease runs out and another pass retries: at least once.
      this.logger.error(`delivery ${d.id} failed unexpectedly: ${String(err)}`);
    }
  }

  private async record(d: ClaimedDelivery, token: string, r: SendResult): Promise<void> {
    const attempt = d.attempts + 1;
    const step = nextStep({ statusCode: r.statusCode, retryAfter: r.retryAfter, refused: r.refused }, attempt, this.schedule, Date.now(), Math.random());
    const status = step.kind === 'retry' ? 'pending' : step.kind;
    const error = r.error ?? (r.statusCode !== null && step.kind !== 'succeeded' ? `HTTP ${r.statusCode}` : null);
    await this.db.withTransaction(async (m) => {
      const updated: unknown[] = await m.query(
        `WITH u AS (
           UPDATE webhook_deliveries
              SET status = $3, attempts = $4, claim_token = NULL, last_status_code = $5, last_error = $6, updated_at = now(),
                  next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $7::double precision) ELSE next_attempt_at END,
                  completed_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
            WHERE id = $1 AND claim_token = $2
           RETURNING id
         ) SELECT id FROM u`,
        [d.id, token, status, attempt, r.statusCode, error?.slice(0, 500) ?? null, step.kind === 'retry' ? step.delayMs / 1000 : 0],
      );
      if (!updated.length) return; // the lease ran out and another instance took the delivery over
      await m.query(
        `INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code, outcome, error, response_excerpt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [newId(), d.id, attempt, r.startedAt, r.durationMs, r.statusCode, step.kind, error?.slice(0, 500) ?? null, r.responseExcerpt],
      );
      if (step.kind === 'succeeded') {
        await m.query(`UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [d.subscription_id]);
      } else {
        await this.noteFailure(d.subscription_id);
      }
    });
  }

  /** Starts the failure clock; past WEBHOOK_DISABLE_AFTER_DAYS without a success, disables the subscription and says so. */
  private async noteFailure(subscriptionId: string): Promise<void> {
    const m = this.db.manager;
    await m.query(`UPDATE webhook_subscriptions SET failing_since = now() WHERE id = $1 AND failing_since IS NULL`, [subscriptionId]);
    const rows: { id: string; url: string; failing_since: Date; disabled_at: Date }[] = await m.query(
      `WITH disabled AS (
         UPDATE webhook_subscriptions SET active = false, disabled_at = now(), version = version + 1, updated_at = now()
          WHERE id = $1 AND active AND failing_since <= now() - make_interval(days => $2::int)
         RETURNING id, url, failing_since, disabled_at
       ) SELECT * FROM disabled`,
      [subscriptionId, this.config.WEBHOOK_DISABLE_AFTER_DAYS],
    );
    if (!rows.length) return;
    const s = rows[0];
    this.logger.warn(`webhook subscription ${s.id} disabled: failing since ${new Date(s.failing_since).toISOString()}`);
    await this.audit.record({ action: 'integrations.webhook_subscription.disabled', entityType: 'webhook_subscription', entityId: s.id, before: { active: true }, after: { active: false } });
    await this.bus.publish('integrations.webhook_subscription.disabled', { type: 'webhook_subscription', id: s.id }, {
      subscriptionId: s.id,
      url: s.url,
      failingSince: new Date(s.failing_since).toISOString(),
      disabledAt: new Date(s.disabled_at).toISOString(),
    });
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RequestContext } from '../context/request-context';
import { TransactionalConnection } from '../database/transactional-connection';
import { DomainEvent, EventTopic } from './catalogue';
import { EventBus } from './event-bus';

interface OutboxRow {
  id: string;
  topic: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: unknown;
  request_id: string | null;
  occurred_at: Date;
  attempts: number;
}

const MAX_ATTEMPTS = 10;
const BATCH = 100;

/**
 * Delivers outbox events to subscribers, at least once, in order of creation per claim.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of app instances can dispatch
 * together; each event's handlers and its "dispatched" mark commit in one transaction, and a
 * consumption row per (event, subscriber) makes a redelivery a no-op.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly db: TransactionalConnection,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    this.unsubscribe = this.bus.onPublished(() => this.kick());
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.kick();
        loop();
      }, this.config.OUTBOX_POLL_INTERVAL_MS);
      this.timer.unref();
    };
    loop();
    this.kick();
  }

  // Before the database connection closes (TypeORM closes it in onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Starts a dispatch pass unless one is running (then one more pass follows it). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.dispatchPending()
      .catch((err: unknown) => {
        this.logger.error(`dispatch pass failed: ${String(err)}`);
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Delivers every event that is due; returns how many were handled. Usable from tests. */
  async dispatchPending(dataSource: DataSource = this.db.dataSource): Promise<number> {
    let handled = 0;
    for (;;) {
      const done = await this.dispatchOne(dataSource);
      if (!done) return handled;
      handled++;
      if (handled % BATCH === 0) await new Promise((r) => setImmediate(r));
    }
  }

  private async dispatchOne(dataSource: DataSource): Promise<boolean> {
    let claimed: { id: string; topic: string; attempts: number } | undefined;
    try {
      return await dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, topic, aggregate_type, aggregate_id, payload, request_id, occurred_at, attempts FROM outbox_events
            WHERE dispatched_at IS NULL AND failed_at IS NULL AND available_at <= now()
            ORDER BY available_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED`,
        );
        if (!rows.length) return false;
        const row = rows[0];
        claimed = row;
        const event: DomainEvent = {
          id: row.id,
          topic: row.topic as EventTopic,
          aggregateType: row.aggregate_type,
          aggregateId: row.aggregate_id,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: row.payload as never,
        };
        for (const sub of this.bus.subscribersOf(claimed.topic)) {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO event_consumptions (event_id, subscriber, consumed_at) VALUES ($1, $2, now())
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [row.id, sub.name],
          );
          if (!inserted.length) continue; // already handled by an earlier delivery
          await RequestContext.run(
            { requestId: row.request_id ?? row.id, actor: { keyId: null, keyName: `event:${sub.name}`, scopes: new Set(['admin']) }, manager, afterCommit: [] },
            () => sub.handler(event, manager),
          );
        }
        await manager.query(`UPDATE outbox_events SET dispatched_at = now(), attempts = attempts + 1 WHERE id = $1`, [row.id]);
        return true;
      });
    } catch (err) {
      if (!claimed) throw err;
      const attempts = claimed.attempts + 1;
      this.logger.warn(`event ${claimed.id} (${claimed.topic}) failed attempt ${attempts}: ${String(err)}`);
      await dataSource.query(
        `UPDATE outbox_events
            SET attempts = $2::int, last_error = $3,
                available_at = now() + make_interval(secs => $4::int),
                failed_at = CASE WHEN $2::int >= $5::int THEN now() END
          WHERE id = $1`,
        [claimed.id, attempts, String(err).slice(0, 2000), Math.min(2 ** attempts, 3600), MAX_ATTEMPTS],
      );
      return true;
    }
  }
}

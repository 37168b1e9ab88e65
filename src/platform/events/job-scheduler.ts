import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TransactionalConnection } from '../database/transactional-connection';

export interface RecurringJob {
  /** Unique, stable name (the row in scheduled_jobs). */
  name: string;
  everySeconds: number;
  /** Runs inside a transaction; must be idempotent. */
  run: () => Promise<void>;
}

const TICK_MS = 1000;
const RETRY_AFTER_FAILURE_SECONDS = 60;

/**
 * Recurring jobs coordinated through PostgreSQL: a run is claimed by moving the job's
 * next_run_at forward with a conditional UPDATE, so with several instances exactly one runs
 * each period. The job runs in the claiming transaction: a crash rolls the claim back and
 * another instance runs it.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, RecurringJob>();
  private timer?: NodeJS.Timeout;
  private tickRunning?: Promise<unknown>;

  constructor(
    private readonly db: TransactionalConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(job: RecurringJob): void {
    this.jobs.set(job.name, job);
  }

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    this.timer = setInterval(() => {
      if (!this.tickRunning) this.tickRunning = this.runDue().finally(() => (this.tickRunning = undefined));
    }, TICK_MS);
    this.timer.unref();
  }

  // Before the database connection closes (TypeORM closes it in onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.tickRunning;
  }

  /** Runs each due job once (exported for tests and scripts). Returns the names that ran. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs.values()) {
      try {
        const claimed = await this.db.withTransaction(async (manager) => {
          await manager.query(
            `INSERT INTO scheduled_jobs (name, next_run_at) VALUES ($1, now()) ON CONFLICT (name) DO NOTHING`,
            [job.name],
          );
          // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE.
          const rows: unknown[] = await manager.query(
            `WITH claimed AS (
               UPDATE scheduled_jobs SET next_run_at = now() + make_interval(secs => $2::int), last_run_at = now()
                -- next_run_at keeps milliseconds: a value stored from now() may round up past it
                WHERE name = $1 AND next_run_at <= now() + interval '1 millisecond'
                RETURNING name
             ) SELECT name FROM claimed`,
            [job.name, job.everySeconds],
          );
          if (!rows.length) return false;
          await job.run();
          return true;
        });
        if (claimed) {
          ran.push(job.name);
          this.logger.log(`job ${job.name} ran`);
        }
      } catch (err) {
        // The claim rolled back with the job; push the next try out so a failing job is not
        // retried (and logged) every tick.
        this.logger.error(`job ${job.name} failed: ${String(err)}`);
        await this.db.dataSource
          .query(`UPDATE scheduled_jobs SET next_run_at = now() + make_interval(secs => $2::int) WHERE name = $1`, [job.name, Math.min(job.everySeconds, RETRY_AFTER_FAILURE_SECONDS)])
          .catch(() => undefined);
      }
    }
    return ran;
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionalConnection } from './database/transactional-connection';
import { JobScheduler } from './events/job-scheduler';

/** Housekeeping in bounded batches: expired idempotency records, outbox events delivered over 7 days ago. */
@Injectable()
export class PlatformJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly db: TransactionalConnection,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'platform.idempotency-records.purge',
      everySeconds: 3600,
      run: async () => {
        await this.db.manager.query(`DELETE FROM idempotency_records WHERE (scope, key) IN (SELECT scope, key FROM idempotency_records WHERE expires_at < now() LIMIT 10000)`);
      },
    });
    this.jobs.register({
      name: 'platform.outbox.purge',
      everySeconds: 3600,
      run: async () => {
        await this.db.manager.query(`DELETE FROM outbox_events WHERE id IN (SELECT id FROM outbox_events WHERE dispatched_at < now() - interval '7 days' LIMIT 10000)`);
      },
    });
  }
}

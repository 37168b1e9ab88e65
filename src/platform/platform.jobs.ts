import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionalConnection } from './database/transactional-connection';
import { JobScheduler } from './events/job-scheduler';

/** Housekeeping: expired idempotency records, delivered outbox events after 7 days. */
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
        await this.db.manager.query(`DELETE FROM idempotency_records WHERE expires_at < now()`);
      },
    });
    this.jobs.register({
      name: 'platform.outbox.purge',
      everySeconds: 3600,
      run: async () => {
        await this.db.manager.query(`DELETE FROM outbox_events WHERE dispatched_at < now() - interval '7 days'`);
      },
    });
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';
import { JobScheduler } from '../../platform/events/job-scheduler';

/** Finished deliveries (and their attempts) are kept this many days for the delivery log. */
export const DELIVERY_LOG_RETENTION_DAYS = 30;

@Injectable()
export class IntegrationsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly db: TransactionalConnection,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'integrations.webhook-deliveries.purge',
      everySeconds: 3600,
      run: async () => {
        await this.db.manager.query(
          `DELETE FROM webhook_deliveries WHERE id IN (
             SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND completed_at < now() - make_interval(days => $1::int) LIMIT 10000)`,
          [DELIVERY_LOG_RETENTION_DAYS],
        );
      },
    });
  }
}

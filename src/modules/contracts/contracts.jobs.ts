import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../platform/events/job-scheduler';
import { BillingService } from './billing/billing.service';
import { ContractLifecycleService } from './lifecycle/contract-lifecycle.service';

/**
 * Both jobs are idempotent per day (alerts and billed periods are unique rows), so running them
 * hourly only catches up; the scheduler's claim keeps two instances from running one at once.
 */
@Injectable()
export class ContractsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly lifecycle: ContractLifecycleService,
    private readonly billing: BillingService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'contracts.lifecycle.daily',
      everySeconds: 3600,
      run: async () => {
        await this.lifecycle.runDaily();
      },
    });
    this.jobs.register({
      name: 'contracts.billing.invoice-due',
      everySeconds: 3600,
      run: async () => {
        await this.billing.runDue(this.lifecycle.today());
      },
    });
  }
}

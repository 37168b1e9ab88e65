import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../platform/events/job-scheduler';
import { SlaMonitorService } from './sla/sla-monitor.service';

export const SLA_JOB = 'it.tickets.sla-check';

@Injectable()
export class ItTicketsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly monitor: SlaMonitorService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: SLA_JOB,
      everySeconds: 60,
      run: async () => {
        await this.monitor.checkDue();
      },
    });
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../../platform/events/job-scheduler';
import { ImportsService } from './imports.service';

/** Every minute: imports whose transaction ended without their final state are marked failed. */
@Injectable()
export class ImportsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly imports: ImportsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'integrations.imports.reap-abandoned',
      everySeconds: 60,
      run: async () => {
        await this.imports.reapAbandoned();
      },
    });
  }
}

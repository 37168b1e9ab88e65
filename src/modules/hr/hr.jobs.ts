import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../platform/events/job-scheduler';
import { EmployeesService } from './employees/employees.service';

@Injectable()
export class HrJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly employees: EmployeesService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'hr.terminations.apply-due',
      everySeconds: 300,
      run: async () => {
        await this.employees.applyDueTerminations();
      },
    });
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../platform/events/job-scheduler';
import { EmployeesService } from './employees/employees.service';
import { LeaveLedgerService } from './leave/leave-ledger.service';

@Injectable()
export class HrJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly employees: EmployeesService,
    private readonly leave: LeaveLedgerService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'hr.terminations.apply-due',
      everySeconds: 300,
      run: async () => {
        await this.employees.applyDueTerminations();
      },
    });
    // Idempotent per employee, leave type and period, so running hourly only catches up.
    this.jobs.register({
      name: 'hr.leave.accrue',
      everySeconds: 3600,
      run: async () => {
        await this.leave.runAccruals();
      },
    });
  }
}

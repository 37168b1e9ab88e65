import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../platform/events/job-scheduler';
import { ReservationsService } from './reservations/reservations.service';

@Injectable()
export class InventoryJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly reservations: ReservationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'inventory.reservations.expire-due',
      everySeconds: 60,
      run: async () => {
        await this.reservations.expireDue();
      },
    });
  }
}

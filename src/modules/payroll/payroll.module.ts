import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HrModule } from '../hr';
import { Compensation } from './compensation/compensation.entity';
import { CompensationController } from './compensation/compensation.controller';
import { CompensationService } from './compensation/compensation.service';
import { PaySchedule } from './pay-schedules/pay-schedule.entity';
import { PaySchedulesController } from './pay-schedules/pay-schedules.controller';
import { PaySchedulesService } from './pay-schedules/pay-schedules.service';
import './payroll.scopes';

@Module({
  imports: [TypeOrmModule.forFeature([PaySchedule, Compensation]), HrModule],
  controllers: [PaySchedulesController, CompensationController],
  providers: [PaySchedulesService, CompensationService],
})
export class PayrollModule {}

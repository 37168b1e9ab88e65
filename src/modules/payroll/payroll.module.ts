import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HrModule } from '../hr';
import { Compensation } from './compensation/compensation.entity';
import { CompensationController } from './compensation/compensation.controller';
import { CompensationService } from './compensation/compensation.service';
import { PaySchedule } from './pay-schedules/pay-schedule.entity';
import { EmployeePayScheduleController, PaySchedulesController } from './pay-schedules/pay-schedules.controller';
import { ScheduleAssignment } from './pay-schedules/schedule-assignment.entity';
import { ScheduleAssignmentsService } from './pay-schedules/schedule-assignments.service';
import { PaySchedulesService } from './pay-schedules/pay-schedules.service';
import './payroll.scopes';

@Module({
  imports: [TypeOrmModule.forFeature([PaySchedule, Compensation, ScheduleAssignment]), HrModule],
  controllers: [PaySchedulesController, EmployeePayScheduleController, CompensationController],
  providers: [PaySchedulesService, ScheduleAssignmentsService, CompensationService],
})
export class PayrollModule {}

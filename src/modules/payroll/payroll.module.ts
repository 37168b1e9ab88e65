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
import { PreviewController } from './preview/preview.controller';
import { PreviewService } from './preview/preview.service';
import { RuleSetVersion } from './rule-sets/rule-set.entity';
import { RuleSetsController } from './rule-sets/rule-sets.controller';
import { RuleSetsService } from './rule-sets/rule-sets.service';

@Module({
  imports: [TypeOrmModule.forFeature([PaySchedule, Compensation, ScheduleAssignment, RuleSetVersion]), HrModule],
  controllers: [PaySchedulesController, EmployeePayScheduleController, CompensationController, RuleSetsController, PreviewController],
  providers: [PaySchedulesService, ScheduleAssignmentsService, CompensationService, RuleSetsService, PreviewService],
})
export class PayrollModule {}

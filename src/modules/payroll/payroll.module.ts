import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HrModule } from '../hr';
import { Compensation } from './compensation/compensation.entity';
import { CompensationController } from './compensation/compensation.controller';
import { CompensationService } from './compensation/compensation.service';
import { ComponentAssignment, PayComponent } from './pay-components/pay-component.entity';
import { PayComponentsController } from './pay-components/pay-components.controller';
import { PayComponentsService } from './pay-components/pay-components.service';
import { PayRun, PayRunInput } from './pay-runs/pay-run.entity';
import { PayRunCalculationService } from './pay-runs/pay-run-calculation.service';
import { PayRunExportsService } from './pay-runs/pay-run-exports.service';
import { PayRunsController } from './pay-runs/pay-runs.controller';
import { PayRunsService } from './pay-runs/pay-runs.service';
import { PaySchedule } from './pay-schedules/pay-schedule.entity';
import { EmployeePayScheduleController, PaySchedulesController } from './pay-schedules/pay-schedules.controller';
import { ScheduleAssignment } from './pay-schedules/schedule-assignment.entity';
import { ScheduleAssignmentsService } from './pay-schedules/schedule-assignments.service';
import { PaySchedulesService } from './pay-schedules/pay-schedules.service';
import './payroll.events';
import { PayrollFacade } from './payroll.facade';
import './payroll.scopes';
import { PayslipLineRecord, PayslipRecord } from './payslips/payslip.entity';
import { PayslipsController } from './payslips/payslips.controller';
import { PayslipsService } from './payslips/payslips.service';
import { PreviewController } from './preview/preview.controller';
import { PreviewService } from './preview/preview.service';
import { RuleSetAssignment } from './rule-sets/rule-set-assignment.entity';
import { RuleSetAssignmentsController } from './rule-sets/rule-set-assignments.controller';
import { RuleSetAssignmentsService } from './rule-sets/rule-set-assignments.service';
import { RuleSetVersion } from './rule-sets/rule-set.entity';
import { RuleSetsController } from './rule-sets/rule-sets.controller';
import { RuleSetsService } from './rule-sets/rule-sets.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([PaySchedule, Compensation, ScheduleAssignment, RuleSetVersion, RuleSetAssignment, PayComponent, ComponentAssignment, PayRun, PayRunInput, PayslipRecord, PayslipLineRecord]),
    HrModule,
  ],
  controllers: [
    PaySchedulesController,
    EmployeePayScheduleController,
    CompensationController,
    RuleSetsController,
    RuleSetAssignmentsController,
    PayComponentsController,
    PreviewController,
    PayRunsController,
    PayslipsController,
  ],
  providers: [
    PayrollFacade,
    PaySchedulesService,
    ScheduleAssignmentsService,
    CompensationService,
    RuleSetsService,
    RuleSetAssignmentsService,
    PayComponentsService,
    PreviewService,
    PayRunCalculationService,
    PayRunsService,
    PayRunExportsService,
    PayslipsService,
  ],
  exports: [PayrollFacade],
})
export class PayrollModule {}

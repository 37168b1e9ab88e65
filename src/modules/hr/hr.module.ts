import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarsController } from './calendars/calendars.controller';
import { CalendarsService } from './calendars/calendars.service';
import { CalendarClosure, WorkCalendar } from './calendars/work-calendar.entity';
import { Department } from './departments/department.entity';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsService } from './departments/departments.service';
import { Employee } from './employees/employee.entity';
import { EmployeesController } from './employees/employees.controller';
import { EmployeesService } from './employees/employees.service';
import { HrFacade } from './hr.facade';
import { HrJobs } from './hr.jobs';
import './hr.scopes';
import { ChecklistTemplate, ChecklistTemplateTask, Journey, JourneyTask } from './journeys/journey.entities';
import { JourneysController } from './journeys/journeys.controller';
import { JourneysService } from './journeys/journeys.service';
import { LeaveLedgerController } from './leave/leave-ledger.controller';
import { LeaveLedgerService } from './leave/leave-ledger.service';
import { LeaveRequestsController } from './leave/leave-requests.controller';
import { LeaveRequestsService } from './leave/leave-requests.service';
import { LeaveTypesController } from './leave/leave-types.controller';
import { LeaveTypesService } from './leave/leave-types.service';
import { LeaveLedgerEntry, LeaveRequest, LeaveType } from './leave/leave.entities';
import { Position } from './positions/position.entity';
import { SchedulePublication, Shift, ShiftTemplate, WorkingTimeRule } from './shifts/shift.entities';
import { ShiftTemplatesController } from './shifts/shift-templates.controller';
import { ShiftTemplatesService } from './shifts/shift-templates.service';
import { ShiftsController } from './shifts/shifts.controller';
import { ShiftsService } from './shifts/shifts.service';
import { WorkingTimeRulesService } from './shifts/working-time-rules.service';
import { TimeEntriesService } from './timesheets/time-entries.service';
import { TimeEntry, Timesheet } from './timesheets/timesheet.entities';
import { TimesheetsController } from './timesheets/timesheets.controller';
import { TimesheetsService } from './timesheets/timesheets.service';
import { PositionsController } from './positions/positions.controller';
import { PositionsService } from './positions/positions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Department, Position, Employee, WorkCalendar, CalendarClosure, LeaveType, LeaveLedgerEntry, LeaveRequest, WorkingTimeRule, ShiftTemplate, Shift, SchedulePublication, TimeEntry, Timesheet, ChecklistTemplate, ChecklistTemplateTask, Journey, JourneyTask])],
  controllers: [DepartmentsController, PositionsController, EmployeesController, CalendarsController, LeaveTypesController, LeaveLedgerController, LeaveRequestsController, ShiftTemplatesController, ShiftsController, TimesheetsController, JourneysController],
  providers: [DepartmentsService, PositionsService, EmployeesService, CalendarsService, LeaveTypesService, LeaveLedgerService, LeaveRequestsService, WorkingTimeRulesService, ShiftTemplatesService, ShiftsService, TimeEntriesService, TimesheetsService, JourneysService, HrFacade, HrJobs],
  exports: [HrFacade],
})
export class HrModule {}

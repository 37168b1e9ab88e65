import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import { CreatePayScheduleDto, ListPaySchedulesQuery, PayPeriodListDto, PayPeriodsQuery, PayScheduleDto, PaySchedulePageDto } from './dto/pay-schedule.dto';
import { PaySchedulesService } from './pay-schedules.service';
import { AssignScheduleDto, ScheduleAssignmentDto } from './dto/schedule-assignment.dto';
import { ScheduleAssignmentsService } from './schedule-assignments.service';

@ApiTags('payroll')
@Controller('payroll/pay-schedules')
export class PaySchedulesController {
  constructor(
    private readonly schedules: PaySchedulesService,
    private readonly assignments: ScheduleAssignmentsService,
  ) {}

  @Post()
  @Endpoint({
    summary: 'Create a pay schedule',
    description: 'Weekly and bi-weekly schedules need `anchorDate`; `fixed_day` needs `payDay`; `days_after_period_end` needs `payDateOffsetDays` (422 naming the field otherwise).',
    scopes: [PAYROLL_WRITE], status: 201, type: PayScheduleDto, idempotent: true, body: true, etag: true, errors: [409],
  })
  create(@Body() body: CreatePayScheduleDto) {
    return this.schedules.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List pay schedules', scopes: [PAYROLL_READ], type: PaySchedulePageDto, errors: [422] })
  list(@Query() query: ListPaySchedulesQuery) {
    return this.schedules.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a pay schedule', scopes: [PAYROLL_READ], type: PayScheduleDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.schedules.get(id);
  }

  @Get(':id/periods')
  @Endpoint({
    summary: 'Pay periods of a schedule',
    description: 'The periods overlapping `from`…`to`, each with its pay date (working days are Monday to Friday). At most five years per call (422 `too_many_periods`).',
    scopes: [PAYROLL_READ], type: PayPeriodListDto, errors: [404, 422],
  })
  periods(@Param('id', ParseUuidPipe) id: string, @Query() query: PayPeriodsQuery) {
    return this.schedules.periods(id, query);
  }

  @Post(':id/employees')
  @Endpoint({
    summary: 'Pay an employee on this schedule',
    description: 'An employee is on one schedule: assigning them here moves them from any other. Assigning them where they already are changes nothing.',
    scopes: [PAYROLL_WRITE], status: 200, type: ScheduleAssignmentDto, idempotent: true, body: true, errors: [404],
  })
  assign(@Param('id', ParseUuidPipe) id: string, @Body() body: AssignScheduleDto) {
    return this.assignments.assign(id, body);
  }
}

@ApiTags('payroll')
@Controller('payroll/employees/:employeeId/pay-schedule')
export class EmployeePayScheduleController {
  constructor(private readonly assignments: ScheduleAssignmentsService) {}

  @Get()
  @Endpoint({ summary: 'The pay schedule an employee is paid on', description: '404 when the employee is on no schedule.', scopes: [PAYROLL_READ], type: ScheduleAssignmentDto, errors: [404] })
  get(@Param('employeeId', ParseUuidPipe) employeeId: string) {
    return this.assignments.forEmployee(employeeId);
  }
}

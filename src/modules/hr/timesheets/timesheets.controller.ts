import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_APPROVE, HR_READ, HR_WRITE } from '../hr.scopes';
import {
  ClockInDto,
  ClockOutDto,
  CreateTimeEntryDto,
  CreateTimesheetDto,
  ListTimeEntriesQuery,
  ListTimesheetsQuery,
  TimeEntryDto,
  TimeEntryPageDto,
  TimesheetDecisionDto,
  TimesheetDto,
  TimesheetPageDto,
  UpdateTimeEntryDto,
} from './dto/timesheet.dto';
import { TimeEntriesService } from './time-entries.service';
import { TimesheetsService } from './timesheets.service';

const LOCKED = 'Time inside a submitted, approved or locked timesheet cannot change: 409 `timesheet_locked`.';
const STATES = 'States: open → submitted → approved → locked; submitted → open (reopen). An action not allowed from the current state is 409 `invalid_state_transition`.';

@ApiTags('hr')
@Controller('hr')
export class TimesheetsController {
  constructor(
    private readonly entries: TimeEntriesService,
    private readonly timesheets: TimesheetsService,
  ) {}

  @Post('time-entries/clock-in')
  @Endpoint({ summary: 'Clock in', description: `Opens a time entry, linked to the employee's shift when one starts within 2 h or is under way. One open entry per employee (409). ${LOCKED}`, scopes: [HR_WRITE], status: 201, type: TimeEntryDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  clockIn(@Body() body: ClockInDto) {
    return this.entries.clockIn(body);
  }

  @Post('time-entries/:id/clock-out')
  @Endpoint({ summary: 'Clock out', description: `Closes the entry; the linked shift's unpaid break is deducted. ${LOCKED}`, scopes: [HR_WRITE], status: 200, type: TimeEntryDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  clockOut(@Param('id', ParseUuidPipe) id: string, @Body() body: ClockOutDto, @IfMatch() version?: number) {
    return this.entries.clockOut(id, body.at, version);
  }

  @Post('time-entries')
  @Endpoint({ summary: 'Enter time by hand', description: `A manual entry with a reason. ${LOCKED}`, scopes: [HR_WRITE], status: 201, type: TimeEntryDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  create(@Body() body: CreateTimeEntryDto) {
    return this.entries.createManual(body);
  }

  @Get('time-entries')
  @Endpoint({ summary: 'List time entries', scopes: [HR_READ], type: TimeEntryPageDto, errors: [422] })
  listEntries(@Query() query: ListTimeEntriesQuery) {
    return this.entries.list(query);
  }

  @Get('time-entries/:id')
  @Endpoint({ summary: 'Get a time entry', scopes: [HR_READ], type: TimeEntryDto, etag: true, errors: [404] })
  getEntry(@Param('id', ParseUuidPipe) id: string) {
    return this.entries.get(id);
  }

  @Patch('time-entries/:id')
  @Endpoint({ summary: 'Correct a time entry', description: `With a reason. ${LOCKED}`, scopes: [HR_WRITE], type: TimeEntryDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateTimeEntryDto, @IfMatch() version?: number) {
    return this.entries.update(id, body, version);
  }

  @Post('timesheets')
  @Endpoint({ summary: 'Open a timesheet', description: 'One per employee and period (at most 32 days; periods of one employee do not overlap: 409 `timesheet_overlap`).', scopes: [HR_WRITE], status: 201, type: TimesheetDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  createTimesheet(@Body() body: CreateTimesheetDto) {
    return this.timesheets.create(body);
  }

  @Get('timesheets')
  @Endpoint({ summary: 'List timesheets', description: '`periodStart`: timesheets starting on or after; `periodEnd`: ending on or before. Totals appear once approved.', scopes: [HR_READ], type: TimesheetPageDto, errors: [422] })
  list(@Query() query: ListTimesheetsQuery) {
    return this.timesheets.list(query);
  }

  @Get('timesheets/:id')
  @Endpoint({ summary: 'Get a timesheet', description: 'Regular, overtime (daily, then weekly threshold of the employment type), night (22:00–06:00 local) and holiday minutes, per day too; live until approval, frozen after. An employee without a work calendar is 422 `no_work_calendar`.', scopes: [HR_READ], type: TimesheetDto, etag: true, errors: [404, 422] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.timesheets.get(id);
  }

  @Post('timesheets/:id/submit')
  @Endpoint({ summary: 'Submit a timesheet', description: `Refused while an entry is clocked in (409 \`open_time_entry\`). Emits \`hr.timesheet.submitted\`. ${STATES}`, scopes: [HR_WRITE], status: 200, type: TimesheetDto, idempotent: true, ifMatch: true, etag: true, errors: [404, 409] })
  submit(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.timesheets.submit(id, version);
  }

  @Post('timesheets/:id/approve')
  @Endpoint({ summary: 'Approve a timesheet', description: `By the employee's manager (403 \`not_the_approver\`); freezes the totals payroll reads and emits \`hr.timesheet.approved\`. ${STATES}`, scopes: [HR_APPROVE], status: 200, type: TimesheetDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  approve(@Param('id', ParseUuidPipe) id: string, @Body() body: TimesheetDecisionDto, @IfMatch() version?: number) {
    return this.timesheets.approve(id, body, version);
  }

  @Post('timesheets/:id/reopen')
  @Endpoint({ summary: 'Send a submitted timesheet back', description: `By the employee's manager; the time can be corrected again. Emits \`hr.timesheet.reopened\`. ${STATES}`, scopes: [HR_APPROVE], status: 200, type: TimesheetDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  reopen(@Param('id', ParseUuidPipe) id: string, @Body() body: TimesheetDecisionDto, @IfMatch() version?: number) {
    return this.timesheets.reopen(id, body, version);
  }

  @Post('timesheets/:id/lock')
  @Endpoint({ summary: 'Lock an approved timesheet', description: `Final (e.g. once payroll has used it). Emits \`hr.timesheet.locked\`. ${STATES}`, scopes: [HR_APPROVE], status: 200, type: TimesheetDto, idempotent: true, ifMatch: true, etag: true, errors: [404, 409] })
  lock(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.timesheets.lock(id, version);
  }
}

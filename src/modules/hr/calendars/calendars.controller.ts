import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import { CalendarsService } from './calendars.service';
import { CalendarDto, CalendarPageDto, CreateCalendarDto, ListCalendarsQuery, UpdateCalendarDto, WorkingDaysDto, WorkingDaysQuery } from './dto/calendar.dto';

@ApiTags('hr')
@Controller('hr/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Post()
  @Endpoint({
    summary: 'Create a work calendar',
    description: 'Working weekdays, daily hours, the country (and region) whose public holidays apply, and company closures. A calendar with a `location` is the default for employees of that work location. Unknown time zone or holiday region: 422.',
    scopes: [HR_WRITE], status: 201, type: CalendarDto, idempotent: true, body: true, etag: true, errors: [409],
  })
  create(@Body() body: CreateCalendarDto) {
    return this.calendars.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List work calendars', scopes: [HR_READ], type: CalendarPageDto, errors: [422] })
  list(@Query() query: ListCalendarsQuery) {
    return this.calendars.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a work calendar', scopes: [HR_READ], type: CalendarDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.calendars.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update a work calendar', description: 'Send only the fields to change; `closures`, when sent, replaces the whole list.', scopes: [HR_WRITE], type: CalendarDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateCalendarDto, @IfMatch() version?: number) {
    return this.calendars.update(id, body, version);
  }

  @Get(':id/working-days')
  @Endpoint({ summary: 'Working days of a calendar in a date range', description: 'Each day of the range (at most 366 days, both ends included) with its kind: working, weekend, public_holiday or closure.', scopes: [HR_READ], type: WorkingDaysDto, errors: [404, 422] })
  workingDays(@Param('id', ParseUuidPipe) id: string, @Query() query: WorkingDaysQuery) {
    return this.calendars.workingDays(id, query.from, query.to);
  }
}

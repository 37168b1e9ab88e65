import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { IT_ADMIN, IT_READ } from '../it-tickets.scopes';
import {
  BusinessCalendarDto,
  BusinessCalendarPageDto,
  CreateBusinessCalendarDto,
  CreateSlaPolicyDto,
  ItSettingsDto,
  ListConfigQuery,
  PriorityMatrixDto,
  SlaPolicyDto,
  SlaPolicyPageDto,
  UpdateItSettingsDto,
  UpdateSlaPolicyDto,
} from './dto/sla-config.dto';
import { SlaReportDto, SlaReportQuery } from './dto/sla-report.dto';
import { SlaConfigService } from './sla-config.service';
import { SlaReportService } from './sla-report.service';

@ApiTags('it')
@Controller('it')
export class SlaController {
  constructor(
    private readonly config: SlaConfigService,
    private readonly reports: SlaReportService,
  ) {}

  @Post('business-calendars')
  @Endpoint({ summary: 'Create a business-hours calendar', description: 'Working days and daily hours in an IANA time zone; public holidays of `holidayCountry`/`holidayRegion` (date-holidays) are not worked. 422 `unknown_time_zone`, `unknown_holiday_region`.', scopes: [IT_ADMIN], status: 201, type: BusinessCalendarDto, idempotent: true, body: true, etag: true })
  createCalendar(@Body() body: CreateBusinessCalendarDto) {
    return this.config.createCalendar(body);
  }

  @Get('business-calendars')
  @Endpoint({ summary: 'List business calendars', scopes: [IT_READ], type: BusinessCalendarPageDto, errors: [422] })
  listCalendars(@Query() query: ListConfigQuery) {
    return this.config.listCalendars(query);
  }

  @Get('business-calendars/:id')
  @Endpoint({ summary: 'Get a business calendar', scopes: [IT_READ], type: BusinessCalendarDto, etag: true, errors: [404] })
  getCalendar(@Param('id', ParseUuidPipe) id: string) {
    return this.config.getCalendar(id);
  }

  @Post('sla-policies')
  @Endpoint({ summary: 'Create an SLA policy', description: 'Matches tickets by type, priority and category (null = any; the most specific active policy wins). Targets in business minutes of its calendar.', scopes: [IT_ADMIN], status: 201, type: SlaPolicyDto, idempotent: true, body: true, etag: true })
  createPolicy(@Body() body: CreateSlaPolicyDto) {
    return this.config.createPolicy(body);
  }

  @Get('sla-policies')
  @Endpoint({ summary: 'List SLA policies', scopes: [IT_READ], type: SlaPolicyPageDto, errors: [422] })
  listPolicies(@Query() query: ListConfigQuery) {
    return this.config.listPolicies(query);
  }

  @Get('sla-policies/:id')
  @Endpoint({ summary: 'Get an SLA policy', scopes: [IT_READ], type: SlaPolicyDto, etag: true, errors: [404] })
  getPolicy(@Param('id', ParseUuidPipe) id: string) {
    return this.config.getPolicy(id);
  }

  @Patch('sla-policies/:id')
  @Endpoint({ summary: 'Edit an SLA policy', description: 'Applies to tickets as their clocks are next recomputed (a transition, an edit, the SLA job).', scopes: [IT_ADMIN], type: SlaPolicyDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  updatePolicy(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateSlaPolicyDto, @IfMatch() version?: number) {
    return this.config.updatePolicy(id, body, version);
  }

  @Get('priority-matrix')
  @Endpoint({ summary: 'The impact × urgency → priority matrix', scopes: [IT_READ], type: PriorityMatrixDto })
  matrix() {
    return this.config.priorityMatrix();
  }

  @Put('priority-matrix')
  @Endpoint({ summary: 'Replace the priority matrix', description: 'All nine cells. Tickets keep their priority until their impact or urgency is edited.', scopes: [IT_ADMIN], type: PriorityMatrixDto, body: true, noOp: true })
  replaceMatrix(@Body() body: PriorityMatrixDto) {
    return this.config.replacePriorityMatrix(body);
  }

  @Get('settings')
  @Endpoint({ summary: 'Desk settings', description: 'Reopen window and attachment size limit.', scopes: [IT_READ], type: ItSettingsDto, etag: true })
  settings() {
    return this.config.getSettings();
  }

  @Patch('settings')
  @Endpoint({ summary: 'Change desk settings', scopes: [IT_ADMIN], type: ItSettingsDto, ifMatch: true, body: true, etag: true, noOp: true })
  updateSettings(@Body() body: UpdateItSettingsDto, @IfMatch() version?: number) {
    return this.config.updateSettings(body, version);
  }

  @Get('reports/sla')
  @Endpoint({ summary: 'SLA attainment report', description: 'Tickets with an SLA policy raised between `from` and `to` (company time zone): met/breached counts, met percentage and median business minutes for first response and resolution, per priority, per group and in total.', scopes: [IT_READ], type: SlaReportDto, errors: [422] })
  report(@Query() query: SlaReportQuery) {
    return this.reports.report(query.from, query.to);
  }
}

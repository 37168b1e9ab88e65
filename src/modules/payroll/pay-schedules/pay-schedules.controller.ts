import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import { CreatePayScheduleDto, ListPaySchedulesQuery, PayPeriodListDto, PayPeriodsQuery, PayScheduleDto, PaySchedulePageDto } from './dto/pay-schedule.dto';
import { PaySchedulesService } from './pay-schedules.service';

@ApiTags('payroll')
@Controller('payroll/pay-schedules')
export class PaySchedulesController {
  constructor(private readonly schedules: PaySchedulesService) {}

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
}

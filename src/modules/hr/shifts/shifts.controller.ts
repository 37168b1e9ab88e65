import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import {
  BulkCreateShiftsDto,
  ClaimShiftDto,
  CopyWeekDto,
  CreateShiftDto,
  ListPublicationsQuery,
  ListShiftsQuery,
  PublishScheduleDto,
  SchedulePublicationDto,
  SchedulePublicationPageDto,
  ShiftBatchDto,
  ShiftDto,
  ShiftPageDto,
  ShiftValidationDto,
  UpdateShiftDto,
  ValidateShiftDto,
} from './dto/shift.dto';
import { ShiftsService } from './shifts.service';

const CHECKS = 'Assigning an employee runs every check and answers 409 `shift_conflict` listing each reason in `reasons`: `overlap` with another shift, `on_leave` (approved leave that day), `insufficient_rest` (under 11 h since the previous or before the next shift), `weekly_hours_exceeded` (the employment type\'s limit, ISO week at the location), `after_termination`, `before_hire`.';

@ApiTags('hr')
@Controller('hr')
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Post('shifts')
  @Endpoint({ summary: 'Create a shift', description: `Without \`employeeId\` the shift is open. ${CHECKS} A shift inside a published period is published at once and emits \`hr.shift.changed\`.`, scopes: [HR_WRITE], status: 201, type: ShiftDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateShiftDto) {
    return this.shifts.create(body);
  }

  @Post('shifts/validate')
  @Endpoint({ summary: 'Check an assignment without saving', description: `The checks of an assignment, as data. ${CHECKS}`, scopes: [HR_READ], status: 200, type: ShiftValidationDto, body: true })
  validate(@Body() body: ValidateShiftDto) {
    return this.shifts.validate(body);
  }

  @Post('shifts/bulk')
  @Endpoint({ summary: 'Create open shifts from a template', description: 'One shift per chosen weekday in the date range (at most 62 days), at the template\'s local times at its location.', scopes: [HR_WRITE], status: 201, type: ShiftBatchDto, idempotent: true, body: true, errors: [404] })
  bulk(@Body() body: BulkCreateShiftsDto) {
    return this.shifts.bulkCreate(body);
  }

  @Post('shifts/copy-week')
  @Endpoint({ summary: 'Copy a week of shifts', description: 'Copies the shifts of a location starting in one ISO week into another, at the same local times. Each copy keeps its employee when the assignment checks pass; otherwise it is open and listed in `leftOpen` with the reasons.', scopes: [HR_WRITE], status: 201, type: ShiftBatchDto, idempotent: true, body: true })
  copyWeek(@Body() body: CopyWeekDto) {
    return this.shifts.copyWeek(body);
  }

  @Get('shifts')
  @Endpoint({ summary: 'List shifts', description: 'Employee-facing systems show `published=true` only.', scopes: [HR_READ], type: ShiftPageDto, errors: [422] })
  list(@Query() query: ListShiftsQuery) {
    return this.shifts.list(query);
  }

  @Get('shifts/:id')
  @Endpoint({ summary: 'Get a shift', scopes: [HR_READ], type: ShiftDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.shifts.get(id);
  }

  @Patch('shifts/:id')
  @Endpoint({ summary: 'Update or (un)assign a shift', description: `\`employeeId: null\` makes the shift open. ${CHECKS} Changes to a published shift emit \`hr.shift.changed\`.`, scopes: [HR_WRITE], type: ShiftDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateShiftDto, @IfMatch() version?: number) {
    return this.shifts.update(id, body, version);
  }

  @Delete('shifts/:id')
  @Endpoint({ summary: 'Delete a shift', description: 'Deleting a published shift emits `hr.shift.changed` (`change: deleted`).', scopes: [HR_WRITE], status: 204, ifMatch: true, errors: [404] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.shifts.remove(id, version);
  }

  @Post('shifts/:id/claim')
  @Endpoint({ summary: 'Claim an open shift', description: `An employee holding the shift's position takes a published open shift (422 \`not_eligible_for_shift\` otherwise; 409 \`shift_not_published\`). Under concurrency the first valid claim wins; the others get 409 \`shift_already_taken\`. ${CHECKS} Emits \`hr.shift.changed\`.`, scopes: [HR_WRITE], status: 200, type: ShiftDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  claim(@Param('id', ParseUuidPipe) id: string, @Body() body: ClaimShiftDto, @IfMatch() version?: number) {
    return this.shifts.claim(id, body.employeeId, version);
  }

  @Post('schedule-publications')
  @Endpoint({ summary: 'Publish a schedule period', description: 'Publishes the shifts of a location whose local start date is in the range (at most 62 days) and emits `hr.schedule.published` with the employees who have shifts in it. Later changes to those shifts emit `hr.shift.changed`.', scopes: [HR_WRITE], status: 201, type: SchedulePublicationDto, idempotent: true, body: true })
  publish(@Body() body: PublishScheduleDto) {
    return this.shifts.publish(body);
  }

  @Get('schedule-publications')
  @Endpoint({ summary: 'List schedule publications', scopes: [HR_READ], type: SchedulePublicationPageDto, errors: [422] })
  publications(@Query() query: ListPublicationsQuery) {
    return this.shifts.publications(query);
  }
}

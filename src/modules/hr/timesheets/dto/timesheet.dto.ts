import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate } from '../../../../platform/http/validators';
import { TIMESHEET_STATUSES } from '../timesheet.entities';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const instantMessage = (f: string) => `${f} must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00+01:00`;
const EMPLOYEE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f40';

export class ClockInDto {
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID })
  @IsUUID('all')
  employeeId: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now.', example: '2026-12-07T08:58:00+01:00' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('at') })
  at?: string;
}

export class ClockOutDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now.', example: '2026-12-07T17:31:00+01:00' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('at') })
  at?: string;
}

export class CreateTimeEntryDto {
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID })
  @IsUUID('all')
  employeeId: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-07T09:00:00+01:00' })
  @Matches(INSTANT, { message: instantMessage('clockInAt') })
  clockInAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-07T17:30:00+01:00' })
  @Matches(INSTANT, { message: instantMessage('clockOutAt') })
  clockOutAt: string;

  @ApiPropertyOptional({ description: 'Unpaid break; default: the linked shift\'s break, else 0.', example: 30, minimum: 0, maximum: 240 })
  @IsOptional() @IsInt() @Min(0) @Max(240)
  breakMinutes?: number;

  @ApiProperty({ description: 'Why the time is entered by hand.', example: 'Badge reader broken', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

export class UpdateTimeEntryDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-07T09:00:00+01:00' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('clockInAt') })
  clockInAt?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-07T17:30:00+01:00' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('clockOutAt') })
  clockOutAt?: string;

  @ApiPropertyOptional({ example: 30, minimum: 0, maximum: 240 })
  @IsOptional() @IsInt() @Min(0) @Max(240)
  breakMinutes?: number;

  @ApiProperty({ description: 'Every correction says why.', example: 'Forgot to clock out', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

export class TimeEntryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fa0' }) id: string;
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The shift the time was matched to.', example: null }) shiftId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-07T08:00:00.000Z' }) clockInAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while clocked in.', example: '2026-12-07T16:30:00.000Z' }) clockOutAt: string | null;
  @ApiProperty({ example: 30 }) breakMinutes: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Duration minus the break; null while clocked in.', example: 480 }) workedMinutes: number | null;
  @ApiProperty({ enum: ['clock', 'manual'], example: 'clock' }) source: string;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) reason: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListTimeEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Clocked in at or after.', example: '2026-12-01T00:00:00Z' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('from') })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Clocked in before.', example: '2027-01-01T00:00:00Z' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('to') })
  to?: string;

  @ApiPropertyOptional({ enum: ['clockInAt', '-clockInAt'], default: 'clockInAt' })
  @IsOptional() @IsIn(['clockInAt', '-clockInAt'])
  sort?: string;
}
export class TimeEntryPageDto extends pageOf(TimeEntryDto, 'TimeEntryPage') {}

export class CreateTimesheetDto {
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID })
  @IsUUID('all')
  employeeId: string;

  @ApiProperty({ format: 'date', example: '2026-12-07' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ format: 'date', description: 'Included; at most 31 days after periodStart.', example: '2026-12-13' })
  @IsCalendarDate()
  periodEnd: string;
}

export class TimesheetDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'The employee\'s manager, who decides.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f41' })
  @IsUUID('all')
  approverEmployeeId: string;
}

export class TimeTotalsDto {
  @ApiProperty({ example: 2700 }) workedMinutes: number;
  @ApiProperty({ example: 2400 }) regularMinutes: number;
  @ApiProperty({ description: 'Beyond the daily, then the weekly threshold of the employee\'s working-time rule.', example: 300 }) overtimeMinutes: number;
  @ApiProperty({ description: 'Worked between 22:00 and 06:00 local time.', example: 0 }) nightMinutes: number;
  @ApiProperty({ description: 'Worked on public holidays of the employee\'s calendar.', example: 0 }) holidayMinutes: number;
}

export class TimesheetDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-07' }) date: string;
  @ApiProperty({ example: 540 }) workedMinutes: number;
  @ApiProperty({ example: 60 }) dailyOvertimeMinutes: number;
}

export class TimesheetDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fb0' }) id: string;
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ format: 'date', example: '2026-12-07' }) periodStart: string;
  @ApiProperty({ format: 'date', example: '2026-12-13' }) periodEnd: string;
  @ApiProperty({ enum: TIMESHEET_STATUSES, example: 'open' }) status: string;
  @ApiProperty({ maxItems: 4, items: { type: 'string', enum: ['submit', 'approve', 'reopen', 'lock'] }, type: [String], example: ['submit'] }) allowedActions: string[];
  @ApiProperty({ type: TimeTotalsDto, nullable: true, description: 'Live on a single read; frozen at approval. In lists only once approved.' }) totals: TimeTotalsDto | null;
  @ApiPropertyOptional({ maxItems: 7, type: [TimesheetDayDto], description: 'Per day (single reads only).' }) days?: TimesheetDayDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) approvedByEmployeeId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) approvedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListTimesheetsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Timesheets starting on or after.', example: '2026-12-01' })
  @IsOptional() @IsCalendarDate()
  periodStart?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Timesheets ending on or before.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  periodEnd?: string;

  @ApiPropertyOptional({ enum: TIMESHEET_STATUSES, example: 'approved' })
  @IsOptional() @IsIn(TIMESHEET_STATUSES)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ enum: ['periodStart', '-periodStart'], default: 'periodStart' })
  @IsOptional() @IsIn(['periodStart', '-periodStart'])
  sort?: string;
}
export class TimesheetPageDto extends pageOf(TimesheetDto, 'TimesheetPage') {}

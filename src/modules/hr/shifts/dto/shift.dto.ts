import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CURSOR_MAX_LENGTH, pageOf, PageQuery } from '../../../../platform/http/pagination';
import { MAX_CONFLICT_REASONS } from '../shift-rules';
import { IsCalendarDate } from '../../../../platform/http/validators';
import { EMPLOYMENT_TYPES } from '../../employees/employee.entity';

/** Shifts one batch (bulk create, copy week, publish) handles; a larger batch is refused with 422. */
export const MAX_SHIFTS_PER_BATCH = 2000;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const instantMessage = (f: string) => `${f} must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00+01:00`;
const EMPLOYEE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f40';
const POSITION_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f30';
const SHIFT_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f90';

// ---------- working-time rules ----------

export class WorkingTimeRuleDto {
  @ApiProperty({ enum: EMPLOYMENT_TYPES, example: 'full_time' }) employmentType: string;
  @ApiProperty({ description: 'Most scheduled minutes in an ISO week (shift assignment refuses more).', example: 2880 }) maxWeeklyMinutes: number;
  @ApiProperty({ description: 'Worked minutes in a day beyond which time is overtime.', example: 480 }) dailyOvertimeAfterMinutes: number;
  @ApiProperty({ description: 'Worked minutes in an ISO week beyond which time is overtime.', example: 2400 }) weeklyOvertimeAfterMinutes: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class UpdateWorkingTimeRuleDto {
  @ApiPropertyOptional({ example: 2880, minimum: 0, maximum: 10080 })
  @IsOptional() @IsInt() @Min(0) @Max(10080)
  maxWeeklyMinutes?: number;

  @ApiPropertyOptional({ example: 480, minimum: 0, maximum: 1440 })
  @IsOptional() @IsInt() @Min(0) @Max(1440)
  dailyOvertimeAfterMinutes?: number;

  @ApiPropertyOptional({ example: 2400, minimum: 0, maximum: 10080 })
  @IsOptional() @IsInt() @Min(0) @Max(10080)
  weeklyOvertimeAfterMinutes?: number;
}

export class WorkingTimeRuleListDto {
  @ApiProperty({ maxItems: EMPLOYMENT_TYPES.length, type: [WorkingTimeRuleDto], description: 'One per employment type (never more than four: a single page).' }) data: WorkingTimeRuleDto[];
  @ApiProperty({ maxLength: CURSOR_MAX_LENGTH, type: String, nullable: true, example: null }) nextCursor: string | null;
}

// ---------- templates ----------

export class CreateShiftTemplateDto {
  @ApiProperty({ example: 'Early', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ maxLength: 5, pattern: TIME.source, description: 'Local time (HH:MM) at the location.', example: '06:00' })
  @Matches(TIME, { message: 'startTime must be a time as HH:MM' })
  startTime: string;

  @ApiProperty({ maxLength: 5, pattern: TIME.source, description: 'Local time (HH:MM); earlier than startTime means the shift ends the next day.', example: '14:30' })
  @Matches(TIME, { message: 'endTime must be a time as HH:MM' })
  endTime: string;

  @ApiProperty({ example: 30, minimum: 0, maximum: 240 })
  @IsInt() @Min(0) @Max(240)
  unpaidBreakMinutes: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: POSITION_ID })
  @IsOptional() @IsUUID('all')
  positionId?: string | null;

  @ApiProperty({ description: 'A location: the `location` of a work calendar (gives the time zone and holidays).', example: 'New York', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  location: string;
}

export class UpdateShiftTemplateDto extends PartialType(CreateShiftTemplateDto) {}

export class ShiftTemplateDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f85' }) id: string;
  @ApiProperty({ maxLength: 100, example: 'Early' }) name: string;
  @ApiProperty({ maxLength: 5, pattern: TIME.source, example: '06:00' }) startTime: string;
  @ApiProperty({ maxLength: 5, pattern: TIME.source, example: '14:30' }) endTime: string;
  @ApiProperty({ example: 30 }) unpaidBreakMinutes: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: POSITION_ID }) positionId: string | null;
  @ApiProperty({ maxLength: 200, example: 'New York' }) location: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const TEMPLATE_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export class ListShiftTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_SORTS, default: 'name' })
  @IsOptional() @IsIn(TEMPLATE_SORTS)
  sort?: string;
}
export class ShiftTemplatePageDto extends pageOf(ShiftTemplateDto, 'ShiftTemplatePage') {}

// ---------- shifts ----------

export class CreateShiftDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:00:00-05:00' })
  @Matches(INSTANT, { message: instantMessage('startsAt') })
  startsAt: string;

  @ApiProperty({ format: 'date-time', description: 'After startsAt, at most 24 h later.', example: '2026-12-01T17:30:00-05:00' })
  @Matches(INSTANT, { message: instantMessage('endsAt') })
  endsAt: string;

  @ApiProperty({ description: 'Unpaid break in minutes.', example: 30, minimum: 0, maximum: 240 })
  @IsInt() @Min(0) @Max(240)
  breakMinutes: number;

  @ApiProperty({ description: 'The `location` of a work calendar.', example: 'New York', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  location: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: POSITION_ID })
  @IsOptional() @IsUUID('all')
  positionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Assigned employee; null or absent makes an open shift.', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string | null;
}

export class UpdateShiftDto extends PartialType(CreateShiftDto) {}

export class ValidateShiftDto extends OmitType(CreateShiftDto, ['employeeId'] as const) {
  @ApiPropertyOptional({ format: 'uuid', description: 'The shift being changed, so it does not conflict with itself.', example: SHIFT_ID })
  @IsOptional() @IsUUID('all')
  shiftId?: string;

  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID })
  @IsUUID('all')
  employeeId: string;
}

export class AssignmentConflictDto {
  @ApiProperty({ enum: ['overlap', 'on_leave', 'insufficient_rest', 'weekly_hours_exceeded', 'after_termination', 'before_hire'], example: 'insufficient_rest' }) code: string;
  @ApiProperty({ maxLength: 300, example: 'Only 9 h 30 min of rest after the previous shift; at least 11 h are required.' }) message: string;
  @ApiPropertyOptional({ format: 'uuid', example: SHIFT_ID }) shiftId?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f80' }) leaveRequestId?: string;
}

export class ShiftValidationDto {
  @ApiProperty({ example: false }) valid: boolean;
  @ApiProperty({ maxItems: MAX_CONFLICT_REASONS, type: [AssignmentConflictDto] }) reasons: AssignmentConflictDto[];
}

export class ShiftDto {
  @ApiProperty({ format: 'uuid', example: SHIFT_ID }) id: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T14:00:00.000Z' }) startsAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T22:30:00.000Z' }) endsAt: string;
  @ApiProperty({ example: 30 }) breakMinutes: number;
  @ApiProperty({ description: 'Duration minus the break.', example: 480 }) workedMinutes: number;
  @ApiProperty({ maxLength: 200, example: 'New York' }) location: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: POSITION_ID }) positionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) employeeId: string | null;
  @ApiProperty({ description: 'No employee assigned.', example: true }) open: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) templateId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when a schedule period covering the shift is published.', example: null }) publishedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const SHIFT_SORTS = ['startsAt', '-startsAt'] as const;
export class ListShiftsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'New York', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only open (unassigned) shifts, or only assigned ones.' })
  @IsOptional() @IsIn(['true', 'false'])
  open?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only published shifts (what employees see), or only drafts.' })
  @IsOptional() @IsIn(['true', 'false'])
  published?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'date-time', description: 'Shifts starting at or after.', example: '2026-12-01T00:00:00Z' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('from') })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Shifts starting before.', example: '2026-12-08T00:00:00Z' })
  @IsOptional() @Matches(INSTANT, { message: instantMessage('to') })
  to?: string;

  @ApiPropertyOptional({ enum: SHIFT_SORTS, default: 'startsAt' })
  @IsOptional() @IsIn(SHIFT_SORTS)
  sort?: string;
}
export class ShiftPageDto extends pageOf(ShiftDto, 'ShiftPage') {}

export class BulkCreateShiftsDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f85' })
  @IsUUID('all')
  templateId: string;

  @ApiProperty({ format: 'date', example: '2026-12-07' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', description: 'Included; at most 62 days after `from`.', example: '2026-12-20' })
  @IsCalendarDate()
  to: string;

  @ApiProperty({ maxItems: 7, description: 'ISO weekdays to create shifts on: 1 = Monday … 7 = Sunday.', type: [Number], example: [1, 2, 3, 4, 5] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  weekdays: number[];
}

export class CopyWeekDto {
  @ApiProperty({ example: 'New York', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  location: string;

  @ApiProperty({ format: 'date', description: 'Monday of the week to copy.', example: '2026-12-07' })
  @IsCalendarDate()
  fromWeek: string;

  @ApiProperty({ format: 'date', description: 'Monday of the week to fill.', example: '2026-12-14' })
  @IsCalendarDate()
  toWeek: string;

  @ApiPropertyOptional({ description: 'Keep each shift\'s employee when the assignment checks pass (otherwise the copy is open).', default: true, example: true })
  @IsOptional() @IsBoolean()
  includeAssignments?: boolean;
}

export class LeftOpenDto {
  @ApiProperty({ format: 'uuid', example: SHIFT_ID }) shiftId: string;
  @ApiProperty({ format: 'uuid', example: SHIFT_ID }) sourceShiftId: string;
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ maxItems: MAX_CONFLICT_REASONS, type: [AssignmentConflictDto] }) reasons: AssignmentConflictDto[];
}

export class ShiftBatchDto {
  @ApiProperty({ maxItems: MAX_SHIFTS_PER_BATCH, type: [ShiftDto] }) shifts: ShiftDto[];
  @ApiProperty({ maxItems: MAX_SHIFTS_PER_BATCH, type: [LeftOpenDto], description: 'Copies whose employee could not be kept, with the reasons.' }) leftOpen: LeftOpenDto[];
}

export class ClaimShiftDto {
  @ApiProperty({ format: 'uuid', description: 'The employee claiming the open shift (must hold the shift\'s position).', example: EMPLOYEE_ID })
  @IsUUID('all')
  employeeId: string;
}

// ---------- publications ----------

export class PublishScheduleDto {
  @ApiProperty({ example: 'New York', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  location: string;

  @ApiProperty({ format: 'date', description: 'Local date at the location.', example: '2026-12-07' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ format: 'date', description: 'Included; at most 62 days after startDate.', example: '2026-12-13' })
  @IsCalendarDate()
  endDate: string;
}

export class SchedulePublicationDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f95' }) id: string;
  @ApiProperty({ maxLength: 200, example: 'New York' }) location: string;
  @ApiProperty({ format: 'date', example: '2026-12-07' }) startDate: string;
  @ApiProperty({ format: 'date', example: '2026-12-13' }) endDate: string;
  @ApiProperty({ description: 'Shifts in the period.', example: 24 }) shiftCount: number;
  @ApiProperty({ maxItems: MAX_SHIFTS_PER_BATCH, items: { type: 'string', format: 'uuid', maxLength: 36 }, type: [String], description: 'Employees with shifts in the period.', example: [EMPLOYEE_ID] }) employeeIds: string[];
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListPublicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}
export class SchedulePublicationPageDto extends pageOf(SchedulePublicationDto, 'SchedulePublicationPage') {}

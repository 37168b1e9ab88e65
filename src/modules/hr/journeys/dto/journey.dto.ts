import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate } from '../../../../platform/http/validators';
import { JOURNEY_KINDS, JOURNEY_STATUSES, TASK_KINDS } from '../journey.entities';

const EMPLOYEE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f40';
const TEMPLATE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fc0';
const DEPARTMENT_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

export class TemplateTaskDto {
  @ApiProperty({ example: 'Order a laptop', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 50, type: String, nullable: true, description: 'Owner as a role (e.g. `manager`, `it`, `hr`); exactly one of ownerRole and ownerDepartmentId.', example: 'it' })
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: 'ownerRole must be lower-case letters, digits or _' })
  ownerRole?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Owner as a department.', example: null })
  @IsOptional() @IsUUID('all')
  ownerDepartmentId?: string | null;

  @ApiProperty({ description: 'Due this many days after (negative: before) the start date, or the last day for offboarding.', example: -3, minimum: -365, maximum: 365 })
  @IsInt() @Min(-365) @Max(365)
  dueOffsetDays: number;

  @ApiProperty({ enum: TASK_KINDS, description: '`it_ticket` and `contract` tasks will be fulfilled by those modules (through `hr.onboarding.started` / `hr.offboarding.started`); until then they are completed by hand.', example: 'it_ticket' })
  @IsIn(TASK_KINDS)
  kind: (typeof TASK_KINDS)[number];
}

export class CreateChecklistTemplateDto {
  @ApiProperty({ example: 'Engineering onboarding', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ enum: JOURNEY_KINDS, example: 'onboarding' })
  @IsIn(JOURNEY_KINDS)
  kind: (typeof JOURNEY_KINDS)[number];

  @ApiProperty({ maxItems: 100, type: [TemplateTaskDto], description: 'In order; 1 to 100 tasks.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => TemplateTaskDto)
  tasks: TemplateTaskDto[];
}

export class UpdateChecklistTemplateDto extends PartialType(CreateChecklistTemplateDto) {}

export class TemplateTaskViewDto {
  @ApiProperty({ maxLength: 200, example: 'Order a laptop' }) title: string;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: 'it' }) ownerRole: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) ownerDepartmentId: string | null;
  @ApiProperty({ example: -3 }) dueOffsetDays: number;
  @ApiProperty({ enum: TASK_KINDS, example: 'it_ticket' }) kind: string;
}

export class ChecklistTemplateDto {
  @ApiProperty({ format: 'uuid', example: TEMPLATE_ID }) id: string;
  @ApiProperty({ maxLength: 100, example: 'Engineering onboarding' }) name: string;
  @ApiProperty({ enum: JOURNEY_KINDS, example: 'onboarding' }) kind: string;
  @ApiProperty({ maxItems: 100, type: [TemplateTaskViewDto] }) tasks: TemplateTaskViewDto[];
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListChecklistTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: JOURNEY_KINDS, example: 'onboarding' })
  @IsOptional() @IsIn(JOURNEY_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: ['name', '-name'], default: 'name' })
  @IsOptional() @IsIn(['name', '-name'])
  sort?: string;
}
export class ChecklistTemplatePageDto extends pageOf(ChecklistTemplateDto, 'ChecklistTemplatePage') {}

export class StartOnboardingDto {
  @ApiProperty({ format: 'uuid', description: 'An onboarding template.', example: TEMPLATE_ID })
  @IsUUID('all')
  templateId: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default: the hire date.', example: '2027-01-04' })
  @IsOptional() @IsCalendarDate()
  startDate?: string;
}

export class StartOffboardingDto {
  @ApiProperty({ format: 'uuid', description: 'An offboarding template.', example: TEMPLATE_ID })
  @IsUUID('all')
  templateId: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ example: 'Laptop handed over', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class JourneyTaskDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fd1' }) id: string;
  @ApiProperty({ maxLength: 200, example: 'Order a laptop' }) title: string;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: 'it' }) ownerRole: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: DEPARTMENT_ID }) ownerDepartmentId: string | null;
  @ApiProperty({ enum: TASK_KINDS, example: 'it_ticket' }) kind: string;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) dueDate: string;
  @ApiProperty({ enum: ['open', 'done'], example: 'open' }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) doneAt: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, description: 'Acting user or API key that completed it.', example: null }) doneBy: string | null;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) note: string | null;
}

export class JourneyProgressDto {
  @ApiProperty({ example: 2 }) done: number;
  @ApiProperty({ example: 5 }) total: number;
  @ApiProperty({ description: 'Whole percent.', example: 40 }) percent: number;
}

export class JourneyDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fd0' }) id: string;
  @ApiProperty({ format: 'uuid', example: EMPLOYEE_ID }) employeeId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: TEMPLATE_ID }) templateId: string | null;
  @ApiProperty({ enum: JOURNEY_KINDS, example: 'onboarding' }) kind: string;
  @ApiProperty({ format: 'date', description: 'Start date (onboarding) or last day (offboarding).', example: '2027-01-04' }) anchorDate: string;
  @ApiProperty({ enum: JOURNEY_STATUSES, example: 'in_progress' }) status: string;
  @ApiProperty({ type: JourneyProgressDto }) progress: JourneyProgressDto;
  @ApiProperty({ maxItems: 100, type: [JourneyTaskDto] }) tasks: JourneyTaskDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) completedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListJourneysQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: EMPLOYEE_ID })
  @IsOptional() @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ enum: JOURNEY_STATUSES, example: 'in_progress' })
  @IsOptional() @IsIn(JOURNEY_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}
export class JourneyPageDto extends pageOf(JourneyDto, 'JourneyPage') {}

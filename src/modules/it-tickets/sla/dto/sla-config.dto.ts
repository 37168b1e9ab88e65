import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { PAUSABLE_STATES, PRIORITIES, TICKET_TYPES } from '../../tickets/ticket.entities';

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const HHMM_OR_24 = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

export class CreateBusinessCalendarDto {
  @ApiProperty({ example: 'Berlin office hours', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ description: 'IANA time zone the hours are in.', example: 'Europe/Berlin', maxLength: 64 })
  @IsString() @MaxLength(64)
  timeZone: string;

  @ApiProperty({ type: [Number], description: 'ISO weekdays worked (1 = Monday … 7 = Sunday).', example: [1, 2, 3, 4, 5], minItems: 1, maxItems: 7 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  workingDays: number[];

  @ApiProperty({ example: '09:00', pattern: HHMM.source, maxLength: 5 })
  @IsString() @MaxLength(5) @Matches(HHMM, { message: 'startTime must be HH:MM' })
  startTime: string;

  @ApiProperty({ example: '17:00', pattern: HHMM_OR_24.source, maxLength: 5 })
  @IsString() @MaxLength(5) @Matches(HHMM_OR_24, { message: 'endTime must be HH:MM or 24:00' })
  endTime: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO 3166-1 country whose public holidays (date-holidays) are not worked.', example: 'DE', maxLength: 2 })
  @IsOptional() @IsString() @MaxLength(2) @Matches(/^[A-Z]{2}$/, { message: 'holidayCountry must be an upper-case ISO 3166-1 code' })
  holidayCountry?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'State or region code within the country (date-holidays), e.g. BY.', example: 'BE', maxLength: 10 })
  @IsOptional() @IsString() @MaxLength(10) @Matches(/^[A-Z0-9]{1,10}$/, { message: 'holidayRegion must be an upper-case code' })
  holidayRegion?: string | null;
}

export class BusinessCalendarDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000a1' }) id: string;
  @ApiProperty({ example: 'Berlin office hours', maxLength: 100 }) name: string;
  @ApiProperty({ example: 'Europe/Berlin', maxLength: 64 }) timeZone: string;
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 7, example: [1, 2, 3, 4, 5] }) workingDays: number[];
  @ApiProperty({ example: '09:00', maxLength: 5, pattern: HHMM.source }) startTime: string;
  @ApiProperty({ example: '17:00', maxLength: 5, pattern: HHMM_OR_24.source }) endTime: string;
  @ApiProperty({ type: String, nullable: true, example: 'DE', maxLength: 2, pattern: '^[A-Z]{2}$' }) holidayCountry: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'BE', maxLength: 10, pattern: '^[A-Z0-9]{1,10}$' }) holidayRegion: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}
export class BusinessCalendarPageDto extends pageOf(BusinessCalendarDto, 'BusinessCalendarPage') {}

export class CreateSlaPolicyDto {
  @ApiProperty({ example: 'P1 incidents', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ enum: TICKET_TYPES, nullable: true, description: 'Matches this ticket type only (any when null).', example: 'incident' })
  @IsOptional() @IsIn(TICKET_TYPES)
  ticketType?: string | null;

  @ApiPropertyOptional({ enum: PRIORITIES, nullable: true, description: 'Matches this priority only (any when null).', example: 'P1' })
  @IsOptional() @IsIn(PRIORITIES)
  priority?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Matches this category only (any when null).', example: 'network', maxLength: 50 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  category?: string | null;

  @ApiProperty({ description: 'First-response target in business minutes.', example: 30, minimum: 1, maximum: 525600 })
  @IsInt() @Min(1) @Max(525600)
  firstResponseMinutes: number;

  @ApiProperty({ description: 'Resolution target in business minutes.', example: 240, minimum: 1, maximum: 525600 })
  @IsInt() @Min(1) @Max(525600)
  resolutionMinutes: number;

  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000a1' })
  @IsUUID('all')
  calendarId: string;

  @ApiPropertyOptional({ type: [String], enum: PAUSABLE_STATES, description: 'States in which the clocks pause.', example: ['waiting_on_requester', 'waiting_on_third_party'], maxItems: 2, default: ['waiting_on_requester', 'waiting_on_third_party'] })
  @IsOptional() @IsArray() @ArrayMaxSize(2) @ArrayUnique() @IsIn(PAUSABLE_STATES, { each: true })
  pausingStates?: string[];

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}
export class UpdateSlaPolicyDto extends PartialType(CreateSlaPolicyDto) {}

export class SlaPolicyDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000b1' }) id: string;
  @ApiProperty({ example: 'P1 incidents', maxLength: 100 }) name: string;
  @ApiProperty({ enum: TICKET_TYPES, nullable: true, example: 'incident' }) ticketType: string | null;
  @ApiProperty({ enum: PRIORITIES, nullable: true, example: 'P1' }) priority: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 50 }) category: string | null;
  @ApiProperty({ example: 30 }) firstResponseMinutes: number;
  @ApiProperty({ example: 240 }) resolutionMinutes: number;
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000a1' }) calendarId: string;
  @ApiProperty({ type: [String], enum: PAUSABLE_STATES, maxItems: PAUSABLE_STATES.length, example: ['waiting_on_requester'] }) pausingStates: string[];
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}
export class SlaPolicyPageDto extends pageOf(SlaPolicyDto, 'SlaPolicyPage') {}

export class ListConfigQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: 'createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class PriorityMatrixCellDto {
  @ApiProperty({ description: '1 = high, 3 = low.', example: 1, minimum: 1, maximum: 3 })
  @IsInt() @Min(1) @Max(3)
  impact: number;

  @ApiProperty({ description: '1 = high, 3 = low.', example: 2, minimum: 1, maximum: 3 })
  @IsInt() @Min(1) @Max(3)
  urgency: number;

  @ApiProperty({ enum: PRIORITIES, example: 'P2' })
  @IsIn(PRIORITIES)
  priority: string;
}

export class PriorityMatrixDto {
  @ApiProperty({ type: [PriorityMatrixCellDto], description: 'All nine impact × urgency cells.', minItems: 9, maxItems: 9 })
  @IsArray() @ArrayMinSize(9) @ArrayMaxSize(9) @ValidateNested({ each: true }) @Type(() => PriorityMatrixCellDto)
  cells: PriorityMatrixCellDto[];
}

export class UpdateItSettingsDto {
  @ApiPropertyOptional({ description: 'How long after resolution a ticket may be reopened (hours).', example: 168, minimum: 0, maximum: 8760 })
  @IsOptional() @IsInt() @Min(0) @Max(8760)
  reopenWindowHours?: number;

  @ApiPropertyOptional({ description: 'Largest attachment accepted (bytes); larger is 413. The platform-wide UPLOAD_MAX_BYTES caps it.', example: 5242880, minimum: 1, maximum: 104857600 })
  @IsOptional() @IsInt() @Min(1) @Max(104857600)
  attachmentMaxBytes?: number;
}

export class ItSettingsDto {
  @ApiProperty({ example: 168 }) reopenWindowHours: number;
  @ApiProperty({ example: 5242880 }) attachmentMaxBytes: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

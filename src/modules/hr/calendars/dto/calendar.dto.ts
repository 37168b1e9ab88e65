import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';

export class ClosureDto {
  @ApiProperty({ format: 'date', example: '2026-12-24' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: 'Office closed (Christmas Eve)', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;
}

export class CreateCalendarDto {
  @ApiProperty({ example: 'Berlin office', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ description: 'IANA time zone of the place.', example: 'Europe/Berlin', maxLength: 64 })
  @IsString() @MaxLength(64)
  timeZone: string;

  @ApiPropertyOptional({ maxLength: 2, type: String, nullable: true, description: 'ISO 3166-1 alpha-2 country whose public holidays apply (from the `date-holidays` data); null for none.', example: 'DE' })
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code, e.g. DE' })
  country?: string | null;

  @ApiPropertyOptional({ maxLength: 10, type: String, nullable: true, description: 'Region (state) code for regional holidays, e.g. BE for Berlin.', example: 'BE' })
  @IsOptional() @Matches(/^[A-Z0-9]{1,10}$/, { message: 'region must be an upper-case region code, e.g. BE' })
  region?: string | null;

  @ApiProperty({ maxItems: 7, description: 'Worked ISO weekdays: 1 = Monday … 7 = Sunday.', type: [Number], example: [1, 2, 3, 4, 5] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  workingWeekdays: number[];

  @ApiProperty({ description: 'Hours in a working day (converts days to hours for leave counted in hours).', example: '8.00' })
  @IsDecimalString({ precision: 4, scale: 2, min: '0' })
  dailyHours: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Work location this calendar is the default for (matches an employee\'s `workLocation`); unique.', example: 'Berlin HQ', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ maxItems: 366, type: [ClosureDto], description: 'Company-specific closures; on update, the full list replaces the old one.' })
  @IsOptional() @IsArray() @ArrayMaxSize(366) @ValidateNested({ each: true }) @Type(() => ClosureDto)
  closures?: ClosureDto[];
}

export class UpdateCalendarDto extends PartialType(CreateCalendarDto) {}

export class CalendarDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) id: string;
  @ApiProperty({ maxLength: 100, example: 'Berlin office' }) name: string;
  @ApiProperty({ maxLength: 64, example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ maxLength: 2, pattern: '^[A-Z]{2}$', type: String, nullable: true, example: 'DE' }) country: string | null;
  @ApiProperty({ maxLength: 10, pattern: '^[A-Z0-9]{1,10}$', type: String, nullable: true, example: 'BE' }) region: string | null;
  @ApiProperty({ maxItems: 7, type: [Number], example: [1, 2, 3, 4, 5] }) workingWeekdays: number[];
  @ApiProperty({ ...decimalSchema({ precision: 4, scale: 2, min: '0' }), example: '8.00' }) dailyHours: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'Berlin HQ' }) location: string | null;
  @ApiProperty({ maxItems: 366, type: [ClosureDto] }) closures: ClosureDto[];
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const CALENDAR_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export class ListCalendarsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CALENDAR_SORTS, default: 'name' })
  @IsOptional() @IsIn(CALENDAR_SORTS)
  sort?: string;
}

export class CalendarPageDto extends pageOf(CalendarDto, 'CalendarPage') {}

export class WorkingDaysQuery {
  @ApiProperty({ format: 'date', example: '2026-12-21' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', description: 'Included; at most 366 days after `from`.', example: '2026-12-31' })
  @IsCalendarDate()
  to: string;
}

export class CalendarDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-25' }) date: string;
  @ApiProperty({ enum: ['working', 'weekend', 'public_holiday', 'closure'], example: 'public_holiday' }) kind: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, description: 'Name of the holiday or closure.', example: 'Christmas Day' }) name: string | null;
}

export class WorkingDaysDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) calendarId: string;
  @ApiProperty({ format: 'date', example: '2026-12-21' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) to: string;
  @ApiProperty({ description: 'Working days in the range (both ends included).', example: 6 }) workingDays: number;
  @ApiProperty({ maxItems: 366, type: [CalendarDayDto] }) days: CalendarDayDto[];
}

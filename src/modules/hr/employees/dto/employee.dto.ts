import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIBAN,
  IsIn,
  IsInt,
  Max,
  Min,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MoneyDto } from '../../../../platform/money/money.dto';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate } from '../../../../platform/http/validators';
import { EMPLOYEE_STATUSES, EMPLOYMENT_TYPES } from '../employee.entity';

const SENSITIVE = 'Sensitive: needs scope `hr:sensitive` to read or write.';
const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f40';

/** An IBAN is at most 34 characters; input may group it with spaces (4 per group). */
export const IBAN_INPUT_MAX_LENGTH = 42;
/** People one org chart answer holds; `truncated` tells when the tree was cut. */
export const ORG_CHART_MAX_NODES = 2000;

export class CreateEmployeeDto {
  @ApiProperty({ example: 'Ada', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Lovelace', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  lastName: string;

  @ApiProperty({ description: 'Unique, case-insensitive.', example: 'ada.lovelace@example.com', maxLength: 254 })
  @IsEmail({}, { message: 'workEmail must be an email' }) @MaxLength(254)
  workEmail: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+44 20 7946 0958', maxLength: 32 })
  @IsOptional() @Matches(/^\+?[0-9 ()./-]{3,32}$/, { message: 'phone must be digits, spaces and + ( ) . / -' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '1990-12-10' })
  @IsOptional() @IsCalendarDate()
  birthDate?: string | null;

  @ApiProperty({ format: 'date', example: '2026-01-05' })
  @IsCalendarDate()
  hireDate: string;

  @ApiProperty({ enum: EMPLOYMENT_TYPES, example: 'full_time' })
  @IsIn(EMPLOYMENT_TYPES)
  employmentType: (typeof EMPLOYMENT_TYPES)[number];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  departmentId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f30' })
  @IsOptional() @IsUUID('all')
  positionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Another employee; chains may not loop.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f41' })
  @IsOptional() @IsUUID('all')
  managerId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'London HQ', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  workLocation?: string | null;

  @ApiPropertyOptional({ maxLength: 2, type: String, nullable: true, description: 'ISO 3166-1 alpha-2.', example: 'GB' })
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code, e.g. GB' }) @IsISO31661Alpha2()
  country?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Work calendar (working days, public holidays). Without one, the calendar whose location is the work location applies.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsOptional() @IsUUID('all')
  workCalendarId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: SENSITIVE, example: 'QQ123456C', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  nationalId?: string | null;

  @ApiPropertyOptional({ maxLength: IBAN_INPUT_MAX_LENGTH, type: String, nullable: true, description: `IBAN, checksum validated; spaces allowed on input. ${SENSITIVE}`, example: 'GB82WEST12345698765432' })
  @IsOptional() @MaxLength(IBAN_INPUT_MAX_LENGTH) @IsIBAN()
  iban?: string | null;

  @ApiPropertyOptional({ type: MoneyDto, nullable: true, description: `Base salary per year. ${SENSITIVE}` })
  @IsOptional() @ValidateNested() @Type(() => MoneyDto)
  baseSalary?: MoneyDto | null;
}

export class UpdateEmployeeDto extends PartialType(CreateEmployeeDto) {
  @ApiPropertyOptional({
    enum: ['active', 'on_leave'],
    description: 'Move between active and on_leave. Termination is the `terminate` action.',
    example: 'on_leave',
  })
  @IsOptional() @IsIn(['active', 'on_leave'])
  status?: 'active' | 'on_leave';
}

export class TerminateEmployeeDto {
  @ApiProperty({ format: 'date', description: 'Last day of employment; may be in the future (status changes on that date).', example: '2026-12-31' })
  @IsCalendarDate()
  terminationDate: string;

  @ApiProperty({ example: 'Resigned to pursue a PhD.', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

export class EmployeeDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ maxLength: 23, pattern: '^EMP-\\d{5,19}$', example: 'EMP-00042' }) employeeNumber: string;
  @ApiProperty({ maxLength: 100, example: 'Ada' }) firstName: string;
  @ApiProperty({ maxLength: 100, example: 'Lovelace' }) lastName: string;
  @ApiProperty({ maxLength: 254, example: 'ada.lovelace@example.com' }) workEmail: string;
  @ApiProperty({ maxLength: 32, type: String, nullable: true, example: '+44 20 7946 0958' }) phone: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1990-12-10' }) birthDate: string | null;
  @ApiProperty({ format: 'date', example: '2026-01-05' }) hireDate: string;
  @ApiProperty({ enum: EMPLOYMENT_TYPES, example: 'full_time' }) employmentType: string;
  @ApiProperty({ enum: EMPLOYEE_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) departmentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f30' }) positionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f41' }) managerId: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'London HQ' }) workLocation: string | null;
  @ApiProperty({ maxLength: 2, pattern: '^[A-Z]{2}$', type: String, nullable: true, example: 'GB' }) country: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Assigned work calendar; null means the calendar of the work location.', example: null }) workCalendarId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null, description: 'Set by the terminate action.' }) terminationDate: string | null;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) terminationReason: string | null;
  @ApiPropertyOptional({ maxLength: 64, type: String, nullable: true, description: `${SENSITIVE} Omitted without it.`, example: 'QQ123456C' }) nationalId?: string | null;
  @ApiPropertyOptional({ maxLength: 34, pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$', type: String, nullable: true, description: `${SENSITIVE} Omitted without it.`, example: 'GB82WEST12345698765432' }) iban?: string | null;
  @ApiPropertyOptional({ type: MoneyDto, nullable: true, description: `${SENSITIVE} Omitted without it.` }) baseSalary?: MoneyDto | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const EMPLOYEE_SORTS = ['lastName', '-lastName', 'hireDate', '-hireDate', 'createdAt', '-createdAt'] as const;

export class ListEmployeesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_STATUSES, example: 'active' })
  @IsOptional() @IsIn(EMPLOYEE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f41' })
  @IsOptional() @IsUUID('all')
  managerId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f30' })
  @IsOptional() @IsUUID('all')
  positionId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Hired on or after.', example: '2026-01-01' })
  @IsOptional() @IsCalendarDate()
  hiredFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Hired on or before.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  hiredTo?: string;

  @ApiPropertyOptional({ description: 'Search in name, work email and employee number (case-insensitive, at least 2 characters).', example: 'lovelace', minLength: 2, maxLength: 100 })
  @IsOptional() @IsString() @MinLength(2) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_SORTS, default: 'lastName' })
  @IsOptional() @IsIn(EMPLOYEE_SORTS)
  sort?: string;
}

export class ListReportsQuery extends OmitType(ListEmployeesQuery, ['managerId'] as const) {}

export class EmployeePageDto extends pageOf(EmployeeDto, 'EmployeePage') {}

export class OrgChartQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Start from this employee; without it, from everyone who has no manager.', example: ID })
  @IsOptional() @IsUUID('all')
  rootId?: string;

  @ApiPropertyOptional({ description: 'Levels below the root(s) to include.', minimum: 0, maximum: 20, default: 5, example: 3 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(20)
  depth?: number;

  @ApiPropertyOptional({ description: 'Include terminated employees.', enum: ['true', 'false'], default: 'false' })
  @IsOptional() @IsIn(['true', 'false'])
  includeTerminated?: 'true' | 'false';
}

export class OrgChartNodeDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ maxLength: 23, pattern: '^EMP-\\d{5,19}$', example: 'EMP-00042' }) employeeNumber: string;
  @ApiProperty({ maxLength: 100, example: 'Ada' }) firstName: string;
  @ApiProperty({ maxLength: 100, example: 'Lovelace' }) lastName: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'Senior Backend Engineer' }) positionTitle: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) departmentId: string | null;
  @ApiProperty({ enum: EMPLOYEE_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ maxItems: ORG_CHART_MAX_NODES, description: 'Direct reports within the requested depth.', type: () => [OrgChartNodeDto], example: [] }) reports: OrgChartNodeDto[];
  @ApiProperty({ description: 'Direct reports in total (also those beyond the depth).', example: 0 }) directReportCount: number;
}

export class OrgChartDto {
  @ApiProperty({ maxItems: ORG_CHART_MAX_NODES, type: [OrgChartNodeDto] }) roots: OrgChartNodeDto[];
  @ApiProperty({ description: 'True when the node limit (2000) cut the tree short; narrow it with rootId or depth.', example: false }) truncated: boolean;
}

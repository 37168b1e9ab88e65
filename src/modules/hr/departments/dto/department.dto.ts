import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';

export class CreateDepartmentDto {
  @ApiProperty({ maxLength: 20, description: 'Unique short code, upper case.', example: 'ENG-PLAT', pattern: '^[A-Z0-9][A-Z0-9_-]{0,19}$' })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'code must be 1-20 upper-case letters, digits, "-" or "_"' })
  code: string;

  @ApiProperty({ example: 'Platform Engineering', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'CC-4100', maxLength: 50 })
  @IsOptional() @IsString() @MaxLength(50)
  costCenter?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Parent department; null for a top-level one.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Employee heading the department.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f20' })
  @IsOptional() @IsUUID('all')
  headEmployeeId?: string | null;
}

export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto) {}

export class DepartmentDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) id: string;
  @ApiProperty({ maxLength: 20, example: 'ENG-PLAT' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Platform Engineering' }) name: string;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: 'CC-4100' }) costCenter: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f00' }) parentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f20' }) headEmployeeId: string | null;
  @ApiProperty({ example: 1, description: 'Increases with every change; the ETag.' }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const DEPARTMENT_SORTS = ['name', '-name', 'code', '-code', 'createdAt', '-createdAt'] as const;

export class ListDepartmentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only direct children of this department.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f00' })
  @IsOptional() @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ description: 'Only top-level departments.', enum: ['true', 'false'] })
  @IsOptional() @IsIn(['true', 'false'])
  topLevel?: 'true' | 'false';

  @ApiPropertyOptional({ enum: DEPARTMENT_SORTS, default: 'name' })
  @IsOptional() @IsIn(DEPARTMENT_SORTS)
  sort?: string;
}

export class DepartmentPageDto extends pageOf(DepartmentDto, 'DepartmentPage') {}

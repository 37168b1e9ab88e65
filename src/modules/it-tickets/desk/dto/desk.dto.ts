import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';

/** Groups that can exist at once (the SLA report has one row per group). */
export const MAX_IT_GROUPS = 200;

export class CreateItGroupDto {
  @ApiProperty({ example: 'NETWORK', pattern: '^[A-Z0-9][A-Z0-9_-]*$', maxLength: 40 })
  @IsString() @MaxLength(40) @Matches(/^[A-Z0-9][A-Z0-9_-]*$/, { message: 'code must be upper-case letters, digits, "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Network team', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;
}

export class ItGroupDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-000000000001' }) id: string;
  @ApiProperty({ example: 'SERVICE_DESK', maxLength: 40, pattern: '^[A-Z0-9][A-Z0-9_-]*$' }) code: string;
  @ApiProperty({ example: 'Service desk', maxLength: 100 }) name: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}
export class ItGroupPageDto extends pageOf(ItGroupDto, 'ItGroupPage') {}

export class CreateAgentDto {
  @ApiProperty({ format: 'uuid', description: 'The employee (HR) who gets the agent role.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsUUID('all')
  employeeId: string;

  @ApiProperty({ type: [String], format: 'uuid', example: ['0193c000-0000-7000-8000-000000000001'], maxItems: 20 })
  @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true })
  groupIds: string[];
}

export class UpdateAgentDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', example: ['0193c000-0000-7000-8000-000000000001'], maxItems: 20 })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true })
  groupIds?: string[];

  @ApiPropertyOptional({ example: false })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class AgentDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) employeeId: string;
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 20, example: ['0193c000-0000-7000-8000-000000000001'] }) groupIds: string[];
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}
export class AgentPageDto extends pageOf(AgentDto, 'AgentPage') {}

export class ListDeskQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: 'createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

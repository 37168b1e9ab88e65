import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';

export class CreatePositionDto {
  @ApiProperty({ example: 'Senior Backend Engineer', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsUUID('all')
  departmentId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'L5', maxLength: 20 })
  @IsOptional() @IsString() @MaxLength(20)
  grade?: string | null;

  @ApiProperty({ description: 'Budgeted number of people in this position.', example: 3, minimum: 0, maximum: 100000 })
  @IsInt() @Min(0) @Max(100000)
  headcountBudget: number;
}

export class UpdatePositionDto extends PartialType(CreatePositionDto) {}

export class PositionDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f30' }) id: string;
  @ApiProperty({ maxLength: 200, example: 'Senior Backend Engineer' }) title: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) departmentId: string;
  @ApiProperty({ maxLength: 20, type: String, nullable: true, example: 'L5' }) grade: string | null;
  @ApiProperty({ example: 3 }) headcountBudget: number;
  @ApiProperty({ description: 'Employees (not terminated) holding the position; derived.', example: 2 }) filledCount: number;
  @ApiProperty({ description: 'headcountBudget − filledCount; negative when over budget.', example: 1 }) openCount: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const POSITION_SORTS = ['title', '-title', 'createdAt', '-createdAt'] as const;

export class ListPositionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({ enum: POSITION_SORTS, default: 'title' })
  @IsOptional() @IsIn(POSITION_SORTS)
  sort?: string;
}

export class PositionPageDto extends pageOf(PositionDto, 'PositionPage') {}

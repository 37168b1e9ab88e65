import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsDecimalString } from '../../../../platform/http/validators';
import { COUNT_STATUSES, CountStatus } from '../count.entity';

/** Lines one count holds (one per item and lot); recording more is refused with 422. */
export const MAX_COUNT_LINES = 10000;

export class OpenCountDto {
  @ApiProperty({ format: 'uuid', description: 'The location counted; one open count per location.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsUUID('all')
  locationId: string;

  @ApiPropertyOptional({ example: 'Year-end count, aisle A', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class CountLineInputDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsUUID('all')
  itemId: string;

  @ApiPropertyOptional({ description: 'Required for lot-tracked items (one line per lot).', example: 'L2026-11-A', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  lotNumber?: string;

  @ApiProperty({ description: 'What was counted; 0 when none was found.', example: '7.000' })
  @IsDecimalString({ precision: 14, scale: 3, min: '0' })
  countedQuantity: string;
}

export class RecordCountLinesDto {
  @ApiProperty({ maxItems: 1000, type: [CountLineInputDto], description: 'Counted quantities; a line counted again replaces the earlier figure.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => CountLineInputDto)
  lines: CountLineInputDto[];
}

export class CountLineDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ maxLength: 64, type: String, nullable: true, example: null }) lotNumber: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), example: '7.000' }) countedQuantity: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), type: String, nullable: true, description: 'On hand when the count was posted; null before.', example: '8.000' }) expectedQuantity: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 15, scale: 3 }), type: String, nullable: true, description: 'counted − expected (the count correction); null before posting.', example: '-1.000' }) difference: string | null;
}

export class CountDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fd0' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' }) locationId: string;
  @ApiProperty({ enum: COUNT_STATUSES, example: 'open' }) status: CountStatus;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: 'Year-end count, aisle A' }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) postedAt: string | null;
  @ApiProperty({ maxItems: MAX_COUNT_LINES, type: [CountLineDto] }) lines: CountLineDto[];
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class CountSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fd0' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' }) locationId: string;
  @ApiProperty({ enum: COUNT_STATUSES, example: 'open' }) status: CountStatus;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) postedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class CountPageDto extends pageOf(CountSummaryDto, 'CountPage') {}

export class ListCountsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsOptional() @IsUUID('all')
  locationId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsDecimalString } from '../../../../platform/http/validators';
import { Tracking, TRACKINGS, ValuationMethod, VALUATION_METHODS } from '../item.entity';

export class CreateItemDto {
  @ApiProperty({ description: 'Stock keeping unit, unique; upper-case letters, digits, ".", "_", "-".', example: 'BOLT-M8-40', maxLength: 64, pattern: '^[A-Z0-9][A-Z0-9._-]*$' })
  @IsString() @MaxLength(64) @Matches(/^[A-Z0-9][A-Z0-9._-]*$/, { message: 'sku must be upper-case letters, digits, ".", "_" or "-"' })
  sku: string;

  @ApiProperty({ example: 'Hex bolt M8 × 40 mm, zinc plated', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'DIN 933, class 8.8', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ description: 'Unit of measure the quantities are in.', example: 'pcs', minLength: 1, maxLength: 20 })
  @IsString() @MinLength(1) @MaxLength(20)
  unitOfMeasure: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Fasteners', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  category?: string | null;

  @ApiProperty({ enum: TRACKINGS, description: 'none, lot (with expiry, issued earliest expiry first) or serial (one serial per unit).', example: 'none' })
  @IsIn(TRACKINGS)
  tracking: Tracking;

  @ApiProperty({ enum: VALUATION_METHODS, description: 'How issues take cost out: moving average or FIFO.', example: 'moving_average' })
  @IsIn(VALUATION_METHODS)
  valuationMethod: ValuationMethod;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When available stock drops to or below it, `inventory.item.below_reorder_point` fires.', example: '100.000' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 3, min: '0' })
  reorderPoint?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Usual quantity ordered.', example: '500.000' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 3, min: '0' })
  reorderQuantity?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  preferredSupplierId?: string | null;

  @ApiPropertyOptional({ default: true, example: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

/** Tracking and valuation method are fixed once stock may exist. */
export class UpdateItemDto extends PartialType(OmitType(CreateItemDto, ['tracking', 'valuationMethod'] as const)) {}

export class ItemDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) id: string;
  @ApiProperty({ maxLength: 64, example: 'BOLT-M8-40' }) sku: string;
  @ApiProperty({ maxLength: 200, example: 'Hex bolt M8 × 40 mm, zinc plated' }) name: string;
  @ApiProperty({ maxLength: 2000, type: String, nullable: true, example: 'DIN 933, class 8.8' }) description: string | null;
  @ApiProperty({ maxLength: 20, example: 'pcs' }) unitOfMeasure: string;
  @ApiProperty({ maxLength: 100, type: String, nullable: true, example: 'Fasteners' }) category: string | null;
  @ApiProperty({ enum: TRACKINGS, example: 'none' }) tracking: Tracking;
  @ApiProperty({ enum: VALUATION_METHODS, example: 'moving_average' }) valuationMethod: ValuationMethod;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), type: String, nullable: true, example: '100.000' }) reorderPoint: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), type: String, nullable: true, example: '500.000' }) reorderQuantity: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) preferredSupplierId: string | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ description: 'Available stock is at or below the reorder point (derived).', example: false }) belowReorderPoint: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const ITEM_SORTS = ['sku', '-sku', 'name', '-name', 'createdAt', '-createdAt'] as const;

export class ListItemsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Fasteners', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true' })
  @IsOptional() @IsIn(['true', 'false'])
  active?: string;

  @ApiPropertyOptional({ enum: ITEM_SORTS, default: 'sku' })
  @IsOptional() @IsIn(ITEM_SORTS)
  sort?: string;
}

export class ItemPageDto extends pageOf(ItemDto, 'ItemPage') {}

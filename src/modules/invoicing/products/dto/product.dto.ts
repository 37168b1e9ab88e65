import { UNIT_CODE } from '../../limits';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsDecimalString } from '../../../../platform/http/validators';

export const UNIT_CODE_PATTERN = /^[A-Z0-9]{2,3}$/;

export class CreateProductDto {
  @ApiProperty({ description: 'Unique; upper-case letters, digits, ".", "_", "-".', example: 'CONSULT-H', maxLength: 50, pattern: '^[A-Z0-9][A-Z0-9._-]*$' })
  @IsString() @MaxLength(50) @Matches(/^[A-Z0-9][A-Z0-9._-]*$/, { message: 'code must be upper-case letters, digits, ".", "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Consulting hour', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Unit of measure, UN/ECE recommendation 20 (C62 piece, HUR hour, KGM kilogram, ...).', example: 'HUR', pattern: '^[A-Z0-9]{2,3}$', maxLength: 3 })
  @IsString() @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a UN/ECE recommendation 20 code such as C62, HUR or KGM' })
  unitCode: string;

  @ApiProperty({ description: 'Net price per unit, up to 4 decimals.', example: '120.00' })
  @IsDecimalString({ scale: 4, min: '0' })
  unitPrice: string;

  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' })
  @IsUUID('all')
  taxCategoryId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Inventory item issued from stock when an invoice with this product is issued; needs stockLocationId.', example: null })
  @IsOptional() @IsUUID('all')
  inventoryItemId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Inventory location the stock is issued from.', example: null })
  @IsOptional() @IsUUID('all')
  stockLocationId?: string | null;

  @ApiPropertyOptional({ default: true, example: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['code'] as const)) {}

export class ProductDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a30' }) id: string;
  @ApiProperty({ maxLength: 50, pattern: '^[A-Z0-9][A-Z0-9._-]*$', example: 'CONSULT-H' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Consulting hour' }) name: string;
  @ApiProperty({ ...UNIT_CODE, example: 'HUR' }) unitCode: string;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 4, min: '0' }), example: '120.0000' }) unitPrice: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' }) taxCategoryId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) inventoryItemId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) stockLocationId: string | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['code', '-code'], default: 'code' })
  @IsOptional() @IsIn(['code', '-code'])
  sort?: string;
}

export class ProductPageDto extends pageOf(ProductDto, 'ProductPage') {}

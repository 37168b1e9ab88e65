import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { ASSET_CATEGORIES, ASSET_STATUSES } from '../asset.entities';

export class CreateAssetDto {
  @ApiProperty({ example: 'LT-00042', pattern: '^[A-Z0-9][A-Z0-9_-]*$', maxLength: 40 })
  @IsString() @MaxLength(40) @Matches(/^[A-Z0-9][A-Z0-9_-]*$/, { message: 'assetTag must be upper-case letters, digits, "_" or "-"' })
  assetTag: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'C02XG0FDJGH5', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  serialNumber?: string | null;

  @ApiProperty({ example: 'MacBook Pro 14" M3', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  model: string;

  @ApiProperty({ enum: ASSET_CATEGORIES, example: 'laptop' })
  @IsIn(ASSET_CATEGORIES)
  category: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-03-15' })
  @IsOptional() @IsCalendarDate()
  purchaseDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Decimal string, 2 places.', example: '2399.00' })
  @IsOptional() @IsDecimalString({ precision: 14, scale: 2, min: '0' })
  purchaseCost?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO 4217, required with purchaseCost.', example: 'EUR', pattern: '^[A-Z]{3}$', maxLength: 3 })
  @IsOptional() @IsString() @MaxLength(3) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' })
  currency?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2029-03-15' })
  @IsOptional() @IsCalendarDate()
  warrantyEnd?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'License assets only: how many seats may be assigned.', example: 25, minimum: 1, maximum: 100000 })
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  seats?: number | null;
}

export class CheckOutAssetDto {
  @ApiProperty({ format: 'uuid', description: 'The employee receiving the asset (or a seat of the license).', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsUUID('all')
  employeeId: string;
}

export class CheckInAssetDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'License assets: whose seat comes back (required). Hardware: the current holder (checked when given).', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  employeeId?: string;
}

export class AssetDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000c1' }) id: string;
  @ApiProperty({ example: 'LT-00042', maxLength: 40, pattern: '^[A-Z0-9][A-Z0-9_-]*$' }) assetTag: string;
  @ApiProperty({ type: String, nullable: true, example: 'C02XG0FDJGH5', maxLength: 100 }) serialNumber: string | null;
  @ApiProperty({ example: 'MacBook Pro 14" M3', maxLength: 100 }) model: string;
  @ApiProperty({ enum: ASSET_CATEGORIES, example: 'laptop' }) category: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-15' }) purchaseDate: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 2, min: '0' }), nullable: true, example: '2399.00' }) purchaseCost: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR', maxLength: 3, pattern: '^[A-Z]{3}$' }) currency: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2029-03-15' }) warrantyEnd: string | null;
  @ApiProperty({ enum: ASSET_STATUSES, example: 'assigned' }) status: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Hardware: the current holder.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) holderId: string | null;
  @ApiProperty({ type: Number, nullable: true, example: null }) seats: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'License assets: seats assigned now.', example: null }) seatsUsed: number | null;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}
export class AssetPageDto extends pageOf(AssetDto, 'ItAssetPage') {}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000c9' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000c1' }) assetId: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) employeeId: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) checkedOutAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) checkedInAt: string | null;
}
export class AssignmentPageDto extends pageOf(AssignmentDto, 'ItAssetAssignmentPage') {}

export class ListAssetsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ASSET_STATUSES, example: 'in_stock' })
  @IsOptional() @IsIn(ASSET_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ASSET_CATEGORIES, example: 'laptop' })
  @IsOptional() @IsIn(ASSET_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  holderId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt', 'assetTag', '-assetTag'], default: 'assetTag' })
  @IsOptional() @IsIn(['createdAt', '-createdAt', 'assetTag', '-assetTag'])
  sort?: string;
}

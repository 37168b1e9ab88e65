import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { LocationKind, LOCATION_KINDS } from '../location.entity';

export class CreateWarehouseDto {
  @ApiProperty({ description: 'Unique; upper-case letters, digits, "_", "-".', example: 'BER1', maxLength: 20, pattern: '^[A-Z0-9][A-Z0-9_-]*$' })
  @IsString() @MaxLength(20) @Matches(/^[A-Z0-9][A-Z0-9_-]*$/, { message: 'code must be upper-case letters, digits, "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Berlin main warehouse', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Lager Str. 1, 12345 Berlin', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ default: true, example: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateWarehouseDto extends PartialType(OmitType(CreateWarehouseDto, ['code'] as const)) {}

export class WarehouseDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) id: string;
  @ApiProperty({ maxLength: 20, example: 'BER1' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Berlin main warehouse' }) name: string;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: 'Lager Str. 1, 12345 Berlin' }) address: string | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListWarehousesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['code', '-code'], default: 'code' })
  @IsOptional() @IsIn(['code', '-code'])
  sort?: string;
}

export class WarehousePageDto extends pageOf(WarehouseDto, 'WarehousePage') {}

export class CreateLocationDto {
  @ApiProperty({ description: 'Unique within the warehouse.', example: 'A-01-03', maxLength: 50, pattern: '^[A-Z0-9][A-Z0-9._-]*$' })
  @IsString() @MaxLength(50) @Matches(/^[A-Z0-9][A-Z0-9._-]*$/, { message: 'code must be upper-case letters, digits, ".", "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Aisle A, shelf 1, bin 3', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: LOCATION_KINDS, example: 'bin' })
  @IsIn(LOCATION_KINDS)
  kind: LocationKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Parent location in the same warehouse.', example: null })
  @IsOptional() @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'Receipts and returns may be put here.', default: true, example: true })
  @IsOptional() @IsBoolean()
  receivable?: boolean;

  @ApiPropertyOptional({ description: 'Issues may pick from here.', default: true, example: true })
  @IsOptional() @IsBoolean()
  pickable?: boolean;

  @ApiPropertyOptional({ default: true, example: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateLocationDto extends PartialType(OmitType(CreateLocationDto, ['code', 'kind'] as const)) {}

export class LocationDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f80' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) warehouseId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) parentId: string | null;
  @ApiProperty({ maxLength: 50, example: 'A-01-03' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Aisle A, shelf 1, bin 3' }) name: string;
  @ApiProperty({ enum: LOCATION_KINDS, example: 'bin' }) kind: LocationKind;
  @ApiProperty({ example: true }) receivable: boolean;
  @ApiProperty({ example: true }) pickable: boolean;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListLocationsQuery extends PageQuery {
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Children of this location.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f80' })
  @IsOptional() @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ enum: ['code', '-code'], default: 'code' })
  @IsOptional() @IsIn(['code', '-code'])
  sort?: string;
}

export class LocationPageDto extends pageOf(LocationDto, 'LocationPage') {}

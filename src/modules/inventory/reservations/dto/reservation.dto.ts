import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsDecimalString } from '../../../../platform/http/validators';
import { RESERVATION_REFERENCE_TYPES, RESERVATION_STATUSES, ReservationReferenceType, ReservationStatus } from '../reservation.entity';

export class CreateReservationDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsUUID('all')
  itemId: string;

  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsUUID('all')
  locationId: string;

  @ApiProperty({ example: '2.000' })
  @IsDecimalString({ precision: 14, scale: 3, min: '0' }) @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity: string;

  @ApiProperty({ enum: RESERVATION_REFERENCE_TYPES, example: 'invoice' })
  @IsIn(RESERVATION_REFERENCE_TYPES)
  referenceType: ReservationReferenceType;

  @ApiPropertyOptional({ example: 'INV-2026-000042', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  referenceId?: string;

  @ApiProperty({ format: 'date-time', description: 'When the reservation lapses if not consumed or released.', example: '2026-12-06T17:00:00Z' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class ConsumeReservationDto {
  @ApiPropertyOptional({ description: 'Lot-tracked items: the lot to issue (FEFO when omitted).', example: 'L2026-11-A', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  lotNumber?: string;

  @ApiPropertyOptional({ maxItems: 1000, items: { type: 'string', maxLength: 100 }, type: [String], description: 'Serial-tracked items: the serials issued.', example: ['SN-0001'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(100, { each: true })
  serialNumbers?: string[];
}

export class ReservationDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fc0' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' }) locationId: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), example: '2.000' }) quantity: string;
  @ApiProperty({ enum: RESERVATION_REFERENCE_TYPES, example: 'invoice' }) referenceType: ReservationReferenceType;
  @ApiProperty({ maxLength: 100, type: String, nullable: true, example: 'INV-2026-000042' }) referenceId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-06T17:00:00.000Z' }) expiresAt: string;
  @ApiProperty({ enum: RESERVATION_STATUSES, example: 'active' }) status: ReservationStatus;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ReservationPageDto extends pageOf(ReservationDto, 'ReservationPage') {}

export class ListReservationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsOptional() @IsUUID('all')
  itemId?: string;

  @ApiPropertyOptional({ enum: RESERVATION_STATUSES, example: 'active' })
  @IsOptional() @IsIn(RESERVATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'INV-2026-000042', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  referenceId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

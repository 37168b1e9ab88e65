import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';

export class CreateSupplierDto {
  @ApiProperty({ example: 'Würth Industrie Service', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Petra Schmidt', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'orders@wuerth.example', maxLength: 254 })
  @IsOptional() @IsEmail() @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+49 7940 15-0', maxLength: 32 })
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'DE146290624', maxLength: 50 })
  @IsOptional() @IsString() @MaxLength(50)
  taxId?: string | null;

  @ApiProperty({ maxLength: 3, description: 'ISO 4217 currency the supplier invoices in.', example: 'EUR', pattern: '^[A-Z]{3}$' })
  @IsString() @MaxLength(3) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' })
  currency: string;

  @ApiPropertyOptional({ description: 'Days from order to delivery.', example: 5, minimum: 0, maximum: 3650, default: 0 })
  @IsOptional() @IsInt() @Min(0) @Max(3650)
  leadTimeDays?: number;
}

export class UpdateSupplierDto extends PartialType(CreateSupplierDto) {}

export class SupplierDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60' }) id: string;
  @ApiProperty({ maxLength: 200, example: 'Würth Industrie Service' }) name: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'Petra Schmidt' }) contactName: string | null;
  @ApiProperty({ maxLength: 254, type: String, nullable: true, example: 'orders@wuerth.example' }) contactEmail: string | null;
  @ApiProperty({ maxLength: 32, type: String, nullable: true, example: '+49 7940 15-0' }) phone: string | null;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: 'DE146290624' }) taxId: string | null;
  @ApiProperty({ maxLength: 3, pattern: '^[A-Z]{3}$', example: 'EUR' }) currency: string;
  @ApiProperty({ example: 5 }) leadTimeDays: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export const SUPPLIER_SORTS = ['name', '-name'] as const;

export class ListSuppliersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUPPLIER_SORTS, default: 'name' })
  @IsOptional() @IsIn(SUPPLIER_SORTS)
  sort?: string;
}

export class SupplierPageDto extends pageOf(SupplierDto, 'SupplierPage') {}

import { CURRENCY } from '../../limits';
import { decimalSchema } from '../../../../platform/http/validators';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsDecimalString } from '../../../../platform/http/validators';
import { AddressDto, AddressViewDto } from '../../address.dto';
import { ELECTRONIC_ADDRESS_DESCRIPTION, ElectronicAddressDto, ElectronicAddressViewDto } from '../../electronic-address.dto';

export class CreateCustomerDto {
  @ApiProperty({ description: 'Registered name (BT-44).', example: 'Globex Corporation Ltd', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  legalName: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Trading name (BT-45).', example: 'Globex', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  tradingName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'VAT identifier (BT-48).', example: 'FR40303265045', maxLength: 30 })
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}[A-Z0-9+*.]{2,28}$/, { message: 'vatId must start with a 2-letter country prefix, e.g. FR40303265045' })
  vatId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Other tax registration id.', example: '123/456/78901', maxLength: 50 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  taxId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Legal registration id (BT-47).', example: 'RCS 303 265 045', maxLength: 50 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  companyId?: string | null;

  @ApiProperty({ type: AddressDto })
  @ValidateNested() @Type(() => AddressDto)
  billingAddress: AddressDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ap@globex.example', maxLength: 254 })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: ElectronicAddressDto, nullable: true, description: ELECTRONIC_ADDRESS_DESCRIPTION })
  @IsOptional() @ValidateNested() @Type(() => ElectronicAddressDto)
  electronicAddress?: ElectronicAddressDto | null;

  @ApiProperty({ description: 'Default invoice currency, ISO 4217.', example: 'EUR', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' }) @IsISO4217CurrencyCode()
  currency: string;

  @ApiPropertyOptional({ description: 'Net days: the due date is the issue date plus this.', minimum: 0, maximum: 365, default: 30, example: 30 })
  @IsOptional() @IsInt() @Min(0) @Max(365)
  paymentTermsDays?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Credit limit in the customer currency (recorded, not enforced in this version).', example: '50000.00' })
  @IsOptional() @IsDecimalString({ scale: 2, min: '0' })
  creditLimit?: string | null;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {}

export class CustomerDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) id: string;
  @ApiProperty({ maxLength: 200, example: 'Globex Corporation Ltd' }) legalName: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'Globex' }) tradingName: string | null;
  @ApiProperty({ maxLength: 30, type: String, nullable: true, example: 'FR40303265045' }) vatId: string | null;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: null }) taxId: string | null;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: 'RCS 303 265 045' }) companyId: string | null;
  @ApiProperty({ type: AddressViewDto }) billingAddress: AddressViewDto;
  @ApiProperty({ maxLength: 254, type: String, nullable: true, example: 'ap@globex.example' }) email: string | null;
  @ApiProperty({ type: ElectronicAddressViewDto, nullable: true, description: 'Peppol electronic address (BT-49); null when the UBL export derives it from the VAT number.' }) electronicAddress: ElectronicAddressViewDto | null;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ example: 30 }) paymentTermsDays: number;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 2, min: '0' }), type: String, nullable: true, example: '50000.00' }) creditLimit: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class ListCustomersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive prefix of the legal or trading name.', example: 'glob', maxLength: 100 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['legalName', '-legalName', 'createdAt', '-createdAt'], default: 'legalName' })
  @IsOptional() @IsIn(['legalName', '-legalName', 'createdAt', '-createdAt'])
  sort?: string;
}

export class CustomerPageDto extends pageOf(CustomerDto, 'CustomerPage') {}

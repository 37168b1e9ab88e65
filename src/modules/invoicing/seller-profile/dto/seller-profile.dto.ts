import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBIC, IsEmail, IsIBAN, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { AddressDto, AddressViewDto } from '../../address.dto';
import { ELECTRONIC_ADDRESS_DESCRIPTION, ElectronicAddressDto, ElectronicAddressViewDto } from '../../electronic-address.dto';

export class CreateSellerProfileDto {
  @ApiProperty({ example: 'Acme Back Office GmbH', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  legalName: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'VAT identifier (BT-31).', example: 'DE123456789', maxLength: 30 })
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}[A-Z0-9+*.]{2,28}$/, { message: 'vatId must start with a 2-letter country prefix, e.g. DE123456789' })
  vatId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Legal registration id (BT-30).', example: 'HRB 12345', maxLength: 50 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  companyId?: string | null;

  @ApiProperty({ type: AddressDto })
  @ValidateNested() @Type(() => AddressDto)
  address: AddressDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'billing@acme.example', maxLength: 254 })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: ElectronicAddressDto, nullable: true, description: `${ELECTRONIC_ADDRESS_DESCRIPTION} Each version states it anew: a version without it has none.` })
  @IsOptional() @ValidateNested() @Type(() => ElectronicAddressDto)
  electronicAddress?: ElectronicAddressDto | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+49 30 1234567', maxLength: 50 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  phone?: string | null;

  @ApiProperty({ description: 'Account payments go to.', example: 'DE89370400440532013000', maxLength: 34 })
  @IsIBAN() @MaxLength(34)
  iban: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'COBADEFFXXX', maxLength: 11 })
  @IsOptional() @IsBIC() @MaxLength(11)
  bic?: string | null;
}

export class SellerProfileDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a01' }) id: string;
  @ApiProperty({ description: 'Increases by one with each change; invoices record the version they were issued with.', example: 1 }) versionNo: number;
  @ApiProperty({ maxLength: 200, example: 'Acme Back Office GmbH' }) legalName: string;
  @ApiProperty({ maxLength: 30, type: String, nullable: true, example: 'DE123456789' }) vatId: string | null;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: 'HRB 12345' }) companyId: string | null;
  @ApiProperty({ type: AddressViewDto }) address: AddressViewDto;
  @ApiProperty({ maxLength: 254, type: String, nullable: true, example: 'billing@acme.example' }) email: string | null;
  @ApiProperty({ type: ElectronicAddressViewDto, nullable: true, description: 'Peppol electronic address (BT-34); null when the UBL export derives it from the VAT number.' }) electronicAddress: ElectronicAddressViewDto | null;
  @ApiProperty({ maxLength: 50, type: String, nullable: true, example: '+49 30 1234567' }) phone: string | null;
  @ApiProperty({ maxLength: 34, example: 'DE89370400440532013000' }) iban: string;
  @ApiProperty({ maxLength: 11, type: String, nullable: true, example: 'COBADEFFXXX' }) bic: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListSellerProfilesQuery extends PageQuery {}

export class SellerProfilePageDto extends pageOf(SellerProfileDto, 'SellerProfilePage') {}

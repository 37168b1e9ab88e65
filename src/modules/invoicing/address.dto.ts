import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A postal address as EN 16931 needs it (BG-5 / BG-8). */
export class AddressDto {
  @ApiProperty({ example: 'Hauptstraße 1', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  line1: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '3rd floor', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: 'Berlin', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  city: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '10115', maxLength: 20 })
  @IsOptional() @IsString() @MaxLength(20)
  postalCode?: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2.', example: 'DE', pattern: '^[A-Z]{2}$', minLength: 2, maxLength: 2 })
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an upper-case ISO 3166-1 alpha-2 code, e.g. DE' }) @IsISO31661Alpha2()
  countryCode: string;
}

export class AddressViewDto {
  @ApiProperty({ maxLength: 200, example: 'Hauptstraße 1' }) line1: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: null }) line2: string | null;
  @ApiProperty({ maxLength: 100, example: 'Berlin' }) city: string;
  @ApiProperty({ maxLength: 20, type: String, nullable: true, example: '10115' }) postalCode: string | null;
  @ApiProperty({ minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$', example: 'DE' }) countryCode: string;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string | null;
  countryCode: string;
}

export const toAddress = (a: AddressDto): Address => ({ line1: a.line1.trim(), line2: a.line2 ?? null, city: a.city.trim(), postalCode: a.postalCode ?? null, countryCode: a.countryCode });

import { DATE, TAX_RATE } from '../../limits';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { TAX_CATEGORY_CODES, TaxCategoryCode } from '../../invoices/totals.calculator';

export class CreateTaxCategoryDto {
  @ApiProperty({ enum: TAX_CATEGORY_CODES, description: 'EN 16931 VAT category (UNCL5305): S standard, Z zero, E exempt, AE reverse charge, K intra-community, G export, O outside scope, L Canary Islands, M Ceuta/Melilla.', example: 'S' })
  @IsIn(TAX_CATEGORY_CODES)
  code: TaxCategoryCode;

  @ApiProperty({ description: 'Percent; 0 for Z, E, AE, K, G and O; above 0 for S.', example: '19.00' })
  @IsDecimalString({ scale: 2, min: '0' })
  rate: string;

  @ApiProperty({ example: 'Standard rate', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Exemption reason text (BT-120); E, AE, K, G and O need it or a code.', example: 'Reverse charge', maxLength: 300 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  exemptionReason?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Exemption reason code (BT-121, VATEX list).', example: 'VATEX-EU-AE', maxLength: 30 })
  @IsOptional() @IsString() @Matches(/^[A-Z0-9-]{1,30}$/, { message: 'exemptionReasonCode must be upper-case letters, digits or "-", e.g. VATEX-EU-AE' })
  exemptionReasonCode?: string | null;

  @ApiProperty({ description: 'First day the rate applies.', example: '2026-01-01' })
  @IsCalendarDate()
  validFrom: string;
}

export class TaxCategoryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' }) id: string;
  @ApiProperty({ enum: TAX_CATEGORY_CODES, example: 'S' }) code: TaxCategoryCode;
  @ApiProperty({ ...TAX_RATE, example: '19.00' }) rate: string;
  @ApiProperty({ maxLength: 100, example: 'Standard rate' }) name: string;
  @ApiProperty({ maxLength: 300, type: String, nullable: true, example: null }) exemptionReason: string | null;
  @ApiProperty({ maxLength: 30, type: String, nullable: true, example: null }) exemptionReasonCode: string | null;
  @ApiProperty({ ...DATE, example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListTaxCategoriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TAX_CATEGORY_CODES, example: 'S' })
  @IsOptional() @IsIn(TAX_CATEGORY_CODES)
  code?: string;
}

export class TaxCategoryPageDto extends pageOf(TaxCategoryDto, 'TaxCategoryPage') {}

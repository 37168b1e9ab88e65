import { AMOUNT, CURRENCY, DATE, DOCUMENT_NUMBER_MAX_LENGTH, QUANTITY, TAX_RATE, UNIT_CODE } from '../../limits';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsDecimalString } from '../../../../platform/http/validators';
import { CustomerDto } from '../../customers/dto/customer.dto';
import { InvoiceTotalsDto, MAX_INVOICE_LINES, TaxBreakdownDto } from '../../invoices/dto/invoice.dto';
import { SellerProfileDto } from '../../seller-profile/dto/seller-profile.dto';
import { TAX_CATEGORY_CODES, TaxCategoryCode } from '../../invoices/totals.calculator';

export class CreditLineInputDto {
  @ApiProperty({ format: 'uuid', description: 'The invoice line credited.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a61' })
  @IsUUID('all')
  invoiceLineId: string;

  @ApiProperty({ description: 'Quantity credited: above zero, at most what is left uncredited on the line.', example: '2' })
  @IsDecimalString({ scale: 4, min: '0' }) @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity: string;
}

export class CreateCreditNoteDto {
  @ApiProperty({ format: 'uuid', description: 'A series with documentType credit_note.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a41' })
  @IsUUID('all')
  seriesId: string;

  @ApiProperty({ example: 'Two units returned damaged', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ type: [CreditLineInputDto], description: 'Lines and quantities credited; omitted: everything not yet credited (a full credit note, which voids an open invoice).', maxItems: 500 })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CreditLineInputDto)
  lines?: CreditLineInputDto[];

  @ApiPropertyOptional({ description: 'Return the credited quantities of stocked lines to their stock location.', default: false, example: true })
  @IsOptional() @IsBoolean()
  returnStock?: boolean;
}

export class CreditNoteLineDto {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a61' }) invoiceLineId: string;
  @ApiProperty({ maxLength: 500, example: 'Hex bolt M8' }) description: string;
  @ApiProperty({ ...QUANTITY, example: '2.0000' }) quantity: string;
  @ApiProperty({ ...UNIT_CODE, example: 'C62' }) unitCode: string;
  @ApiProperty({ ...AMOUNT, example: '0.5000' }) unitPrice: string;
  @ApiProperty({ ...AMOUNT, description: 'The share of the invoice line\'s allowance for this quantity.', example: '0.0000' }) allowance: string;
  @ApiProperty({ enum: TAX_CATEGORY_CODES, example: 'S' }) taxCategory: TaxCategoryCode;
  @ApiProperty({ ...TAX_RATE, example: '19.00' }) taxRate: string;
  @ApiProperty({ ...AMOUNT, example: '1.00' }) netAmount: string;
}

export class CreditNoteDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a70' }) id: string;
  @ApiProperty({ maxLength: DOCUMENT_NUMBER_MAX_LENGTH, example: 'CN-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' }) invoiceId: string;
  @ApiProperty({ maxLength: DOCUMENT_NUMBER_MAX_LENGTH, example: 'INV-2026-000042' }) invoiceNumber: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a41' }) seriesId: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...DATE, example: '2026-11-29' }) issueDate: string;
  @ApiProperty({ maxLength: 500, example: 'Two units returned damaged' }) reason: string;
  @ApiProperty({ type: [CreditNoteLineDto], maxItems: MAX_INVOICE_LINES }) lines: CreditNoteLineDto[];
  @ApiProperty({ type: [TaxBreakdownDto], maxItems: MAX_INVOICE_LINES }) taxBreakdown: TaxBreakdownDto[];
  @ApiProperty({ type: InvoiceTotalsDto, description: 'Totals of the credit note (prepaid is always 0).' }) totals: InvoiceTotalsDto;
  @ApiProperty({ type: CustomerDto }) customer: CustomerDto;
  @ApiProperty({ type: SellerProfileDto }) seller: SellerProfileDto;
  @ApiProperty({ example: false }) stockReturned: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListCreditNotesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' })
  @IsOptional() @IsUUID('all')
  invoiceId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class CreditNoteSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a70' }) id: string;
  @ApiProperty({ maxLength: DOCUMENT_NUMBER_MAX_LENGTH, example: 'CN-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' }) invoiceId: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...DATE, example: '2026-11-29' }) issueDate: string;
  @ApiProperty({ maxLength: 500, example: 'Two units returned damaged' }) reason: string;
  @ApiProperty({ ...AMOUNT, example: '1.19' }) taxInclusiveAmount: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class CreditNotePageDto extends pageOf(CreditNoteSummaryDto, 'CreditNotePage') {}

import { AMOUNT, CURRENCY, DATE, DOCUMENT_NUMBER_MAX_LENGTH, QUANTITY, TAX_RATE, UNIT_CODE } from '../../limits';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO4217CurrencyCode, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { CustomerDto } from '../../customers/dto/customer.dto';
import { UNIT_CODE_PATTERN } from '../../products/dto/product.dto';
import { SellerProfileDto } from '../../seller-profile/dto/seller-profile.dto';
import { TAX_CATEGORY_CODES, TaxCategoryCode } from '../totals.calculator';
import { INVOICE_STATUSES, InvoiceStatus } from '../invoice.entity';

/** Lines of one invoice (and so of one credit note). */
export const MAX_INVOICE_LINES = 500;
/** Document-level allowances and charges of one invoice. */
export const MAX_ALLOWANCES_CHARGES = 100;
/** The actions `allowedActions` lists on an invoice. */
export const INVOICE_ACTIONS = ['edit', 'delete', 'issue', 'void'] as const;

export class InvoiceLineInputDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A product fills in description, unit, price and tax category unless given here; a stocked product is issued from stock when the invoice is issued.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a30' })
  @IsOptional() @IsUUID('all')
  productId?: string | null;

  @ApiPropertyOptional({ description: 'Required without a product.', example: 'Consulting, November', minLength: 1, maxLength: 500 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  description?: string;

  @ApiProperty({ description: 'Above zero, up to 4 decimals (3 for stocked products).', example: '7.5' })
  @IsDecimalString({ scale: 4, min: '0' }) @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity: string;

  @ApiPropertyOptional({ description: 'UN/ECE recommendation 20 code; the product\'s, or C62 (piece), when omitted.', example: 'HUR', pattern: '^[A-Z0-9]{2,3}$', maxLength: 3 })
  @IsOptional() @IsString() @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a UN/ECE recommendation 20 code such as C62, HUR or KGM' })
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Net price per unit, up to 4 decimals; required without a product.', example: '120.00' })
  @IsOptional() @IsDecimalString({ scale: 4, min: '0' })
  unitPrice?: string;

  @ApiPropertyOptional({ description: 'Line allowance (discount) amount, subtracted before rounding.', example: '10.00', default: '0' })
  @IsOptional() @IsDecimalString({ scale: 4, min: '0' })
  allowance?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required without a product.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' })
  @IsOptional() @IsUUID('all')
  taxCategoryId?: string;
}

export class AllowanceChargeInputDto {
  @ApiProperty({ description: 'false: an allowance (discount) on the document, true: a charge (e.g. freight).', example: false })
  @IsBoolean()
  chargeIndicator: boolean;

  @ApiProperty({ description: 'Net amount.', example: '25.00' })
  @IsDecimalString({ scale: 4, min: '0' })
  amount: string;

  @ApiProperty({ example: 'Loyalty discount', minLength: 1, maxLength: 300 })
  @IsString() @MinLength(1) @MaxLength(300)
  reason: string;

  @ApiProperty({ format: 'uuid', description: 'The VAT category the amount belongs to.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' })
  @IsUUID('all')
  taxCategoryId: string;
}

export class CreateInvoiceDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' })
  @IsUUID('all')
  customerId: string;

  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a40' })
  @IsUUID('all')
  seriesId: string;

  @ApiPropertyOptional({ description: 'ISO 4217; the customer\'s default currency when omitted.', example: 'EUR', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' }) @IsISO4217CurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Fixed due date; when null the due date is the issue date plus the customer\'s payment terms.', example: null })
  @IsOptional() @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Buyer reference (BT-10).', example: 'PO-4711', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  buyerReference?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Purchase order reference (BT-13).', example: '4500012345', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  orderReference?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Thank you for your business.', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ description: 'Amount already paid (BT-113).', example: '0.00', default: '0' })
  @IsOptional() @IsDecimalString({ scale: 4, min: '0' })
  prepaidAmount?: string;

  @ApiPropertyOptional({ type: [InvoiceLineInputDto], maxItems: MAX_INVOICE_LINES, default: [] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_INVOICE_LINES) @ValidateNested({ each: true }) @Type(() => InvoiceLineInputDto)
  lines?: InvoiceLineInputDto[];

  @ApiPropertyOptional({ type: [AllowanceChargeInputDto], maxItems: MAX_ALLOWANCES_CHARGES, description: 'Document-level allowances and charges.', default: [] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ALLOWANCES_CHARGES) @ValidateNested({ each: true }) @Type(() => AllowanceChargeInputDto)
  allowancesCharges?: AllowanceChargeInputDto[];
}

export class UpdateInvoiceDto extends PartialType(OmitType(CreateInvoiceDto, ['seriesId'] as const)) {}

export class InvoiceLineDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a61' }) id: string;
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) productId: string | null;
  @ApiProperty({ maxLength: 500, example: 'Consulting, November' }) description: string;
  @ApiProperty({ ...QUANTITY, example: '7.5000' }) quantity: string;
  @ApiProperty({ ...UNIT_CODE, example: 'HUR' }) unitCode: string;
  @ApiProperty({ ...AMOUNT, example: '120.0000' }) unitPrice: string;
  @ApiProperty({ ...AMOUNT, example: '10.0000' }) allowance: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' }) taxCategoryId: string;
  @ApiProperty({ enum: TAX_CATEGORY_CODES, example: 'S' }) taxCategory: TaxCategoryCode;
  @ApiProperty({ ...TAX_RATE, example: '19.00' }) taxRate: string;
  @ApiProperty({ ...AMOUNT, description: 'Quantity × price − allowance, rounded half-up to the currency minor unit.', example: '890.00' }) netAmount: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) inventoryItemId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) stockLocationId: string | null;
}

export class AllowanceChargeDto {
  @ApiProperty({ example: 1 }) seq: number;
  @ApiProperty({ example: false }) chargeIndicator: boolean;
  @ApiProperty({ ...AMOUNT, example: '25.00' }) amount: string;
  @ApiProperty({ maxLength: 300, example: 'Loyalty discount' }) reason: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a20' }) taxCategoryId: string;
  @ApiProperty({ enum: TAX_CATEGORY_CODES, example: 'S' }) taxCategory: TaxCategoryCode;
  @ApiProperty({ ...TAX_RATE, example: '19.00' }) taxRate: string;
}

export class TaxBreakdownDto {
  @ApiProperty({ enum: TAX_CATEGORY_CODES, example: 'S' }) taxCategory: TaxCategoryCode;
  @ApiProperty({ ...TAX_RATE, example: '19.00' }) taxRate: string;
  @ApiProperty({ ...AMOUNT, example: '865.00' }) taxableAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'Taxable amount × rate, rounded once, half-up.', example: '164.35' }) taxAmount: string;
  @ApiProperty({ maxLength: 300, type: String, nullable: true, example: null }) exemptionReason: string | null;
}

export class InvoiceTotalsDto {
  @ApiProperty({ ...AMOUNT, description: 'Sum of line net amounts (BT-106).', example: '890.00' }) lineTotal: string;
  @ApiProperty({ ...AMOUNT, description: 'Document allowances (BT-107).', example: '25.00' }) allowanceTotal: string;
  @ApiProperty({ ...AMOUNT, description: 'Document charges (BT-108).', example: '0.00' }) chargeTotal: string;
  @ApiProperty({ ...AMOUNT, description: 'BT-109.', example: '865.00' }) taxExclusiveAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'BT-110.', example: '164.35' }) taxTotal: string;
  @ApiProperty({ ...AMOUNT, description: 'BT-112.', example: '1029.35' }) taxInclusiveAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'BT-113.', example: '0.00' }) prepaidAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'Amount due (BT-115).', example: '1029.35' }) payableAmount: string;
}

export class InvoiceSettlementDto {
  @ApiProperty({ ...AMOUNT, description: 'Total of the credit notes issued against the invoice.', example: '0.00' }) creditedAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'Payments allocated to the invoice.', example: '500.00' }) paidAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'Still owed: payable − credited − paid, never below zero (0 on drafts).', example: '529.35' }) amountDue: string;
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' }) id: string;
  @ApiProperty({ maxLength: DOCUMENT_NUMBER_MAX_LENGTH, type: String, nullable: true, description: 'Given when the invoice is issued.', example: null }) number: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES, example: 'draft' }) status: InvoiceStatus;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a40' }) seriesId: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...DATE, type: String, nullable: true, description: 'Set when issued.', example: null }) issueDate: string | null;
  @ApiProperty({ ...DATE, type: String, nullable: true, description: 'On a draft: the fixed due date, or null (from payment terms at issue).', example: null }) dueDate: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'PO-4711' }) buyerReference: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: null }) orderReference: string | null;
  @ApiProperty({ maxLength: 2000, type: String, nullable: true, example: null }) note: string | null;
  @ApiProperty({ type: [InvoiceLineDto], maxItems: MAX_INVOICE_LINES }) lines: InvoiceLineDto[];
  @ApiProperty({ type: [AllowanceChargeDto], maxItems: MAX_ALLOWANCES_CHARGES }) allowancesCharges: AllowanceChargeDto[];
  @ApiProperty({ type: [TaxBreakdownDto], maxItems: MAX_INVOICE_LINES + MAX_ALLOWANCES_CHARGES, description: 'One entry per VAT category and rate (BG-23).' }) taxBreakdown: TaxBreakdownDto[];
  @ApiProperty({ type: InvoiceTotalsDto }) totals: InvoiceTotalsDto;
  @ApiProperty({ type: CustomerDto, nullable: true, description: 'The customer as it was at issue; null on a draft.' }) customer: CustomerDto | null;
  @ApiProperty({ type: SellerProfileDto, nullable: true, description: 'The seller profile version used at issue; null on a draft.' }) seller: SellerProfileDto | null;
  @ApiProperty({ type: InvoiceSettlementDto }) settlement: InvoiceSettlementDto;
  @ApiProperty({ description: 'Issued or partially paid with the due date before today (company time zone).', example: false }) overdue: boolean;
  @ApiProperty({ type: [String], maxItems: INVOICE_ACTIONS.length, items: { type: 'string', enum: [...INVOICE_ACTIONS] }, description: 'Actions the current state allows (payments and credit notes have their own endpoints).', example: ['edit', 'delete', 'issue'] }) allowedActions: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) issuedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) voidedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class InvoiceSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' }) id: string;
  @ApiProperty({ maxLength: DOCUMENT_NUMBER_MAX_LENGTH, type: String, nullable: true, example: 'INV-2026-000042' }) number: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES, example: 'issued' }) status: InvoiceStatus;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...DATE, type: String, nullable: true, example: '2026-11-29' }) issueDate: string | null;
  @ApiProperty({ ...DATE, type: String, nullable: true, example: '2026-12-29' }) dueDate: string | null;
  @ApiProperty({ ...AMOUNT, example: '1029.35' }) payableAmount: string;
  @ApiProperty({ ...AMOUNT, example: '1029.35' }) amountDue: string;
  @ApiProperty({ example: false }) overdue: boolean;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListInvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, example: 'issued' })
  @IsOptional() @IsIn(INVOICE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' })
  @IsOptional() @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: issued or partially paid invoices whose due date has passed.', example: 'true' })
  @IsOptional() @IsIn(['true', 'false'])
  overdue?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class InvoicePageDto extends pageOf(InvoiceSummaryDto, 'InvoicePage') {}

export class VoidInvoiceDto {
  @ApiProperty({ format: 'uuid', description: 'A credit-note series: the void issues a credit note for everything not yet credited.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a41' })
  @IsUUID('all')
  creditNoteSeriesId: string;

  @ApiProperty({ example: 'Invoice sent to the wrong customer', minLength: 1, maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ description: 'Return the stocked lines to inventory.', default: false, example: false })
  @IsOptional() @IsBoolean()
  returnStock?: boolean;
}

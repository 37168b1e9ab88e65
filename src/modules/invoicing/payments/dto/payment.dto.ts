import { AMOUNT, CURRENCY, DATE, DOCUMENT_NUMBER_MAX_LENGTH, MAX_CREDIT_CURRENCIES, MAX_PAYMENT_ALLOCATIONS, MAX_PAYMENT_REFUNDS } from '../../limits';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO4217CurrencyCode, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { PAYMENT_METHODS, PaymentMethod } from '../payment.entity';

export class AllocationInputDto {
  @ApiProperty({ format: 'uuid', description: 'An issued or partially paid invoice of the payment\'s customer, in its currency.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' })
  @IsUUID('all')
  invoiceId: string;

  @ApiProperty({ description: 'Above zero, at most the invoice\'s amount due.', example: '500.00' })
  @IsDecimalString({ scale: 4, min: '0' }) @Matches(/[1-9]/, { message: 'amount must be above zero' })
  amount: string;
}

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' })
  @IsUUID('all')
  customerId: string;

  @ApiPropertyOptional({ description: 'ISO 4217; the customer\'s default currency when omitted.', example: 'EUR', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' }) @IsISO4217CurrencyCode()
  currency?: string;

  @ApiProperty({ description: 'Amount received, above zero.', example: '1000.00' })
  @IsDecimalString({ scale: 4, min: '0' }) @Matches(/[1-9]/, { message: 'amount must be above zero' })
  amount: string;

  @ApiProperty({ description: 'Value date (YYYY-MM-DD).', example: '2026-11-29' })
  @IsCalendarDate()
  receivedOn: string;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Bank reference, cheque number, ...', example: 'SEPA-20261129-0042', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  reference?: string | null;

  @ApiPropertyOptional({ type: [AllocationInputDto], description: 'Invoices paid by it; what is not allocated stays as customer credit.', maxItems: 100, default: [] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AllocationInputDto)
  allocations?: AllocationInputDto[];
}

export class AllocatePaymentDto {
  @ApiProperty({ type: [AllocationInputDto], description: 'Allocations from the payment\'s unallocated amount (customer credit).', minItems: 1, maxItems: 100 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AllocationInputDto)
  allocations: AllocationInputDto[];
}

export class RefundPaymentDto {
  @ApiProperty({ description: 'Above zero, at most the payment\'s unallocated amount.', example: '50.00' })
  @IsDecimalString({ scale: 4, min: '0' }) @Matches(/[1-9]/, { message: 'amount must be above zero' })
  amount: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  refundedOn: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Refund of overpayment', maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  reference?: string | null;
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a60' }) invoiceId: string;
  @ApiProperty({ maxLength: DOCUMENT_NUMBER_MAX_LENGTH, type: String, nullable: true, example: 'INV-2026-000042' }) invoiceNumber: string | null;
  @ApiProperty({ ...AMOUNT, description: 'Net amount currently allocated (after any release by credit notes).', example: '500.00' }) amount: string;
}

export class RefundDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a80' }) id: string;
  @ApiProperty({ ...AMOUNT, example: '50.00' }) amount: string;
  @ApiProperty({ ...DATE, example: '2026-11-30' }) refundedOn: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: null }) reference: string | null;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a90' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...AMOUNT, example: '1000.00' }) amount: string;
  @ApiProperty({ ...DATE, example: '2026-11-29' }) receivedOn: string;
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' }) method: PaymentMethod;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'SEPA-20261129-0042' }) reference: string | null;
  @ApiProperty({ ...AMOUNT, example: '950.00' }) allocatedAmount: string;
  @ApiProperty({ ...AMOUNT, example: '0.00' }) refundedAmount: string;
  @ApiProperty({ ...AMOUNT, description: 'Customer credit left on this payment.', example: '50.00' }) unallocatedAmount: string;
  @ApiProperty({ type: [AllocationDto], maxItems: MAX_PAYMENT_ALLOCATIONS, description: `At most ${MAX_PAYMENT_ALLOCATIONS} per payment.` }) allocations: AllocationDto[];
  @ApiProperty({ type: [RefundDto], maxItems: MAX_PAYMENT_REFUNDS, description: `At most ${MAX_PAYMENT_REFUNDS} per payment.` }) refunds: RefundDto[];
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class PaymentSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a90' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...AMOUNT, example: '1000.00' }) amount: string;
  @ApiProperty({ ...DATE, example: '2026-11-29' }) receivedOn: string;
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' }) method: PaymentMethod;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'SEPA-20261129-0042' }) reference: string | null;
  @ApiProperty({ ...AMOUNT, example: '50.00' }) unallocatedAmount: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListPaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' })
  @IsOptional() @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class PaymentPageDto extends pageOf(PaymentSummaryDto, 'PaymentPage') {}

export class CustomerCreditDto {
  @ApiProperty({ ...CURRENCY, example: 'EUR' }) currency: string;
  @ApiProperty({ ...AMOUNT, description: 'Unallocated money of the customer\'s payments, usable on later invoices or refundable.', example: '50.00' }) amount: string;
}

export class CustomerCreditListDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10' }) customerId: string;
  @ApiProperty({ type: [CustomerCreditDto], maxItems: MAX_CREDIT_CURRENCIES, description: 'One entry per currency.' }) credit: CustomerCreditDto[];
}

import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { PURCHASE_ORDER_STATUSES, PurchaseOrderStatus } from '../purchase-order.entity';

export class PurchaseOrderLineInputDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsUUID('all')
  itemId: string;

  @ApiProperty({ example: '100.000' })
  @IsDecimalString({ precision: 14, scale: 3, min: '0' }) @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity: string;

  @ApiProperty({ description: 'Cost per unit, in the order currency.', example: '0.1200' })
  @IsDecimalString({ precision: 18, scale: 4, min: '0' })
  unitCost: string;
}

export class CreatePurchaseOrderDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60' })
  @IsUUID('all')
  supplierId: string;

  @ApiProperty({ maxItems: 500, type: [PurchaseOrderLineInputDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PurchaseOrderLineInputDto)
  lines: PurchaseOrderLineInputDto[];

  @ApiPropertyOptional({ description: 'How far (percent of the ordered quantity) a line may be over-received.', example: '5.00', default: '0' })
  @IsOptional() @IsDecimalString({ precision: 5, scale: 2, min: '0' })
  overReceiptTolerancePercent?: string;

  @ApiPropertyOptional({ example: '2026-12-15' })
  @IsOptional() @IsCalendarDate()
  expectedDate?: string;

  @ApiPropertyOptional({ example: 'Deliver to gate 3', maxLength: 1000 })
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class ReceiveLineDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fe1' })
  @IsUUID('all')
  lineId: string;

  @ApiProperty({ example: '40.000' })
  @IsDecimalString({ precision: 14, scale: 3, min: '0' }) @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity: string;

  @ApiPropertyOptional({ description: 'Lot-tracked items: the lot received.', example: 'L2026-12-A', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  lotNumber?: string;

  @ApiPropertyOptional({ example: '2027-12-31' })
  @IsOptional() @IsCalendarDate()
  expiryDate?: string;

  @ApiPropertyOptional({ maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 100 }, type: [String], description: 'Serial-tracked items: one per unit.', example: ['SN-1001'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true })
  serialNumbers?: string[];
}

export class ReceivePurchaseOrderDto {
  @ApiProperty({ format: 'uuid', description: 'A receivable location.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsUUID('all')
  locationId: string;

  @ApiProperty({ maxItems: 500, type: [ReceiveLineDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ReceiveLineDto)
  lines: ReceiveLineDto[];
}

export class PurchaseOrderLineDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fe1' }) id: string;
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), example: '100.000' }) quantity: string;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 4, min: '0' }), example: '0.1200' }) unitCost: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), example: '40.000' }) receivedQuantity: string;
}

export class PurchaseOrderDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fe0' }) id: string;
  @ApiProperty({ maxLength: 27, pattern: '^PO-\\d{4}-\\d{6,19}$', example: 'PO-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60' }) supplierId: string;
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, example: 'draft' }) status: PurchaseOrderStatus;
  @ApiProperty({ maxLength: 3, pattern: '^[A-Z]{3}$', description: 'The supplier\'s currency.', example: 'EUR' }) currency: string;
  @ApiProperty({ ...decimalSchema({ precision: 5, scale: 2, min: '0' }), example: '0.00' }) overReceiptTolerancePercent: string;
  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2026-12-15' }) expectedDate: string | null;
  @ApiProperty({ maxLength: 1000, type: String, nullable: true, example: null }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) orderedAt: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 24, scale: 2, min: '0' }), description: 'Sum of quantity × unit cost, 2 decimals.', example: '12.00' }) total: string;
  @ApiProperty({ maxItems: 500, type: [PurchaseOrderLineDto] }) lines: PurchaseOrderLineDto[];
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class PurchaseOrderSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fe0' }) id: string;
  @ApiProperty({ maxLength: 27, pattern: '^PO-\\d{4}-\\d{6,19}$', example: 'PO-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60' }) supplierId: string;
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, example: 'ordered' }) status: PurchaseOrderStatus;
  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2026-12-15' }) expectedDate: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class PurchaseOrderPageDto extends pageOf(PurchaseOrderSummaryDto, 'PurchaseOrderPage') {}

export class ListPurchaseOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60' })
  @IsOptional() @IsUUID('all')
  supplierId?: string;

  @ApiPropertyOptional({ enum: PURCHASE_ORDER_STATUSES, example: 'ordered' })
  @IsOptional() @IsIn(PURCHASE_ORDER_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class UpdatePurchaseOrderDto extends PartialType(OmitType(CreatePurchaseOrderDto, ['supplierId'] as const)) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CURSOR_MAX_LENGTH, MAX_LIMIT, pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { MoveKind, MOVE_KINDS, ReferenceType, REFERENCE_TYPES } from '../stock-move.entity';

/** Moves one request can create: 1000 serials, or an issue split over at most 1000 lots (the ledger refuses more). */
export const MAX_MOVES_PER_REQUEST = 1000;
/** Lots listed per stock level, earliest expiry first; GET /inventory/lots lists them all. */
export const MAX_LOTS_PER_LEVEL = 100;
/** Rows of one valuation page (item × warehouse); a larger report continues with `nextCursor`. */
export const MAX_VALUATION_ROWS = 10000;

export const HTTP_MOVE_KINDS = ['receipt', 'issue', 'transfer', 'adjustment', 'return'] as const;
export const HTTP_REFERENCE_TYPES = ['invoice', 'credit_note', 'manual'] as const;
const AS_OF = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2}))?$/;
/** `YYYY-MM-DDTHH:MM:SS.sss+HH:MM`. */
const AS_OF_MAX_LENGTH = 29;
const AS_OF_DESCRIPTION =
  'A past instant (ISO 8601 with offset) or a calendar date (YYYY-MM-DD, meaning the end of that day in the company time zone).';

export class CreateStockMoveDto {
  @ApiProperty({
    enum: HTTP_MOVE_KINDS,
    description: 'receipt and return: toLocationId only; issue: fromLocationId only; transfer: both; adjustment: toLocationId to increase or fromLocationId to decrease. Count corrections come only from posted counts.',
    example: 'receipt',
  })
  @IsIn(HTTP_MOVE_KINDS)
  kind: (typeof HTTP_MOVE_KINDS)[number];

  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsUUID('all')
  itemId: string;

  @ApiProperty({ description: 'Positive, up to 3 decimals, in the item\'s unit of measure.', example: '10.000' })
  @IsDecimalString({ precision: 14, scale: 3, min: '0' }) @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f80' })
  @IsOptional() @IsUUID('all')
  fromLocationId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsOptional() @IsUUID('all')
  toLocationId?: string;

  @ApiPropertyOptional({ description: 'Lot-tracked items: the lot received (required coming in), or the lot to take (earliest expiry first when omitted).', example: 'L2026-11-A', maxLength: 64 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  lotNumber?: string;

  @ApiPropertyOptional({ description: 'Expiry of a new lot.', example: '2027-05-31' })
  @IsOptional() @IsCalendarDate()
  expiryDate?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'Serial-tracked items: one serial number per unit.', example: ['SN-0001', 'SN-0002'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true })
  serialNumbers?: string[];

  @ApiPropertyOptional({ description: 'Cost per unit, 4 decimals; required on receipts. Other increases default to the item\'s current average cost.', example: '5.0000' })
  @IsOptional() @IsDecimalString({ precision: 18, scale: 4, min: '0' })
  unitCost?: string;

  @ApiPropertyOptional({ description: 'Why; required on adjustments.', example: 'Damaged in handling', maxLength: 500 })
  @ValidateIf((o: CreateStockMoveDto) => o.kind === 'adjustment' || o.reason !== undefined) @IsString() @MinLength(1) @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ enum: HTTP_REFERENCE_TYPES, default: 'manual', description: 'The source document. Purchase-order receipts and count corrections have their own endpoints.', example: 'manual' })
  @IsOptional() @IsIn(HTTP_REFERENCE_TYPES)
  referenceType?: ReferenceType;

  @ApiPropertyOptional({ description: 'Id or number of the source document.', example: 'INV-2026-000042', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  referenceId?: string;
}

class MoveActorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f00' }) keyId: string | null;
  @ApiProperty({ maxLength: 100, example: 'erp-connector' }) keyName: string;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'jane.doe@example.com' }) actingUser: string | null;
}

export class StockMoveDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f90' }) id: string;
  @ApiProperty({ enum: MOVE_KINDS, example: 'receipt' }) kind: MoveKind;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), example: '10.000' }) quantity: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) fromLocationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' }) toLocationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) lotId: string | null;
  @ApiProperty({ maxLength: 64, type: String, nullable: true, example: null }) lotNumber: string | null;
  @ApiProperty({ maxLength: 100, type: String, nullable: true, example: null }) serialNumber: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 4 }), type: String, nullable: true, description: 'Cost per unit moved (receipts: as given; issues: at the item\'s valuation method). Null on transfers.', example: '5.0000' }) unitCost: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 20, scale: 4 }), type: String, nullable: true, description: 'Cost of the quantity moved. Null on transfers.', example: '50.0000' }) totalCost: string | null;
  @ApiProperty({ maxLength: 500, type: String, nullable: true, example: null }) reason: string | null;
  @ApiProperty({ enum: REFERENCE_TYPES, example: 'manual' }) referenceType: ReferenceType;
  @ApiProperty({ maxLength: 100, type: String, nullable: true, example: null }) referenceId: string | null;
  @ApiProperty({ type: MoveActorDto }) actor: MoveActorDto;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) occurredAt: string;
}

export class StockMoveListDto {
  @ApiProperty({ maxItems: MAX_MOVES_PER_REQUEST, type: [StockMoveDto], description: 'One move per lot taken (FEFO may split an issue) and per serial.' }) data: StockMoveDto[];
}

export class ListStockMovesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsOptional() @IsUUID('all')
  itemId?: string;

  @ApiPropertyOptional({ enum: REFERENCE_TYPES, example: 'invoice' })
  @IsOptional() @IsIn(REFERENCE_TYPES)
  referenceType?: string;

  @ApiPropertyOptional({ example: 'INV-2026-000042', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  referenceId?: string;

  @ApiPropertyOptional({ enum: ['occurredAt', '-occurredAt'], default: '-occurredAt' })
  @IsOptional() @IsIn(['occurredAt', '-occurredAt'])
  sort?: string;
}

export class StockMovePageDto extends pageOf(StockMoveDto, 'StockMovePage') {}

export class StockQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'itemId or locationId (or both) is required.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsOptional() @IsUUID('all')
  itemId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' })
  @IsOptional() @IsUUID('all')
  locationId?: string;

  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION, example: '2026-11-01', maxLength: AS_OF_MAX_LENGTH, pattern: AS_OF.source })
  @IsOptional() @IsString() @MaxLength(AS_OF_MAX_LENGTH) @Matches(AS_OF, { message: 'asOf must be YYYY-MM-DD or an ISO 8601 instant with offset' })
  asOf?: string;
}

export class LotStockDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9fa0' }) lotId: string;
  @ApiProperty({ maxLength: 64, example: 'L2026-11-A' }) lotNumber: string;
  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2027-05-31' }) expiryDate: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3, min: '0' }), example: '4.000' }) onHand: string;
}

export class StockLevelDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ maxLength: 64, example: 'BOLT-M8-40' }) sku: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81' }) locationId: string;
  @ApiProperty({ maxLength: 50, example: 'A-01-03' }) locationCode: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) warehouseId: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3, min: '0' }), example: '10.000' }) onHand: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3, min: '0' }), type: String, nullable: true, description: 'Null for past dates (reservations are not in the ledger).', example: '2.000' }) reserved: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3 }), type: String, nullable: true, description: 'onHand − reserved; null for past dates.', example: '8.000' }) available: string | null;
  @ApiProperty({ maxItems: MAX_LOTS_PER_LEVEL, type: [LotStockDto], description: 'Lot-tracked items: on hand per lot (current stock only).' }) lots: LotStockDto[];
}

export class StockReportDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The instant answered; null for current stock.', example: null }) asOf: string | null;
  @ApiProperty({ maxItems: MAX_LIMIT, type: [StockLevelDto], description: 'By SKU, then location id.' }) data: StockLevelDto[];
  @ApiProperty({ maxLength: CURSOR_MAX_LENGTH, type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page.', example: null }) nextCursor: string | null;
}

export class ValuationQuery {
  @ApiPropertyOptional({ description: `${AS_OF_DESCRIPTION} Default: now.`, example: '2026-10-31', maxLength: AS_OF_MAX_LENGTH, pattern: AS_OF.source })
  @IsOptional() @IsString() @MaxLength(AS_OF_MAX_LENGTH) @Matches(AS_OF, { message: 'asOf must be YYYY-MM-DD or an ISO 8601 instant with offset' })
  asOf?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' })
  @IsOptional() @IsUUID('all')
  warehouseId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' })
  @IsOptional() @IsUUID('all')
  itemId?: string;

  @ApiPropertyOptional({ description: 'Rows per page.', minimum: 1, maximum: MAX_VALUATION_ROWS, default: MAX_VALUATION_ROWS, example: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_VALUATION_ROWS)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`.', example: 'eyJzIjoidmFsdWF0aW9uIiwidiI6IkJPTFQtTTgtNDAiLCJpZCI6IjAxOTNiMGYyLTdjMWEtN2Q0ZS05YTU1LTdhMWUzYzJiOWY3MCJ9', maxLength: CURSOR_MAX_LENGTH })
  @IsOptional() @IsString() @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;
}

export class ValuationRowDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ maxLength: 64, example: 'BOLT-M8-40' }) sku: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) warehouseId: string;
  @ApiProperty({ maxLength: 20, example: 'BER1' }) warehouseCode: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3, min: '0' }), example: '5.000' }) quantity: string;
  @ApiProperty({ ...decimalSchema({ precision: 26, scale: 4 }), description: 'Item unit cost at asOf, 4 decimals.', example: '7.0000' }) unitCost: string;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 2 }), description: 'quantity × unit cost, 2 decimals.', example: '35.00' }) value: string;
}

export class ValuationReportDto {
  @ApiProperty({ format: 'date-time', example: '2026-10-31T23:59:59.999Z' }) asOf: string;
  @ApiProperty({ maxItems: MAX_VALUATION_ROWS, type: [ValuationRowDto], description: 'By SKU, then warehouse id.' }) data: ValuationRowDto[];
  @ApiProperty({ maxLength: CURSOR_MAX_LENGTH, type: String, nullable: true, description: 'Pass as `cursor` (same filters and `asOf`) to get the next page; null on the last page.', example: null }) nextCursor: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 24, scale: 2 }), description: 'Sum of the values of the whole report (every page), not only this page.', example: '35.00' }) totalValue: string;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, description: 'Rows in the whole report (every page).', example: 1 }) rowCount: number;
}


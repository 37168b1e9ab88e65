import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { pageOf, PageQuery } from '../../../platform/http/pagination';
import { decimalSchema } from '../../../platform/http/validators';

export class ReorderSuggestionDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50' }) itemId: string;
  @ApiProperty({ maxLength: 64, example: 'BOLT-M8-40' }) sku: string;
  @ApiProperty({ maxLength: 200, example: 'Hex bolt M8 × 40 mm' }) name: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3 }), description: 'On hand − reserved, across all locations.', example: '40.000' }) available: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 3, min: '0' }), description: 'Ordered on open purchase orders, not yet received.', example: '0.000' }) onOrder: string;
  @ApiProperty({ ...decimalSchema({ precision: 17, scale: 3 }), description: 'available + onOrder.', example: '40.000' }) projected: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), example: '100.000' }) reorderPoint: string;
  @ApiProperty({ ...decimalSchema({ precision: 14, scale: 3, min: '0' }), type: String, nullable: true, example: '500.000' }) reorderQuantity: string | null;
  @ApiProperty({ ...decimalSchema({ precision: 17, scale: 3, min: '0' }), description: 'max(reorderQuantity, reorderPoint − projected).', example: '500.000' }) suggestedQuantity: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) preferredSupplierId: string | null;
  @ApiProperty({ maxLength: 200, type: String, nullable: true, example: 'Acme Supplies' }) supplierName: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 7 }) leadTimeDays: number | null;
}

export class ReorderSuggestionPageDto extends pageOf(ReorderSuggestionDto, 'ReorderSuggestionPage') {}

export class ReorderSuggestionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f60' })
  @IsOptional() @IsUUID('all')
  supplierId?: string;

  @ApiPropertyOptional({ enum: ['sku', '-sku'], default: 'sku' })
  @IsOptional() @IsIn(['sku', '-sku'])
  sort?: string;
}

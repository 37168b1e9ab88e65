import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';
import { IMPORT_KINDS, IMPORT_MODES, IMPORT_STATUSES } from '../import.entity';

export class CreateImportQuery {
  @ApiProperty({ enum: IMPORT_KINDS, description: 'What the rows are.', example: 'departments' })
  @IsIn(IMPORT_KINDS)
  kind: (typeof IMPORT_KINDS)[number];

  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'commit', description: '`validate` checks every row (database refusals included) and writes nothing.' })
  @IsOptional() @IsIn(IMPORT_MODES)
  mode?: (typeof IMPORT_MODES)[number];
}

export class ImportDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS, example: 'departments' }) kind: string;
  @ApiProperty({ enum: IMPORT_MODES, example: 'commit' }) mode: string;
  @ApiProperty({ enum: IMPORT_STATUSES, example: 'committed', description: '`running` while rows are read; `committed`, `validated` or `failed` at the end.' }) status: string;
  @ApiProperty({ example: 1200, description: 'Data rows read so far (the header excluded).' }) processedRows: number;
  @ApiProperty({ example: 1200, description: 'Rows written (0 unless committed; in validate mode, rows that would be written).' }) importedRows: number;
  @ApiProperty({ example: 0 }) errorCount: number;
  @ApiProperty({ example: 48213, description: 'Bytes of the body read so far.' }) bytesRead: number;
  @ApiProperty({ type: Number, nullable: true, example: 48213, description: 'Content-Length of the body, null when sent chunked.' }) totalBytes: number | null;
  @ApiProperty({ type: String, nullable: true, maxLength: 500, example: null, description: 'Why a failed import stopped (bad rows, size limit, unreadable CSV).' }) failureReason: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-29T10:00:04.210Z' }) finishedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 4210, description: 'Milliseconds from start to finish.' }) durationMs: number | null;
  @ApiProperty({ example: 3 }) version: number;
}

export class ImportRowErrorDto {
  @ApiProperty({ example: 7, description: 'Data row number: 1 is the first line after the header; 0 is the header itself.' }) row: number;
  @ApiProperty({ example: 'code', maxLength: 200, description: 'Column (API field name), or `(row)` for the row as a whole.' }) field: string;
  @ApiProperty({ example: 'A department with this code already exists.', maxLength: 1000 }) message: string;
}

export class ImportRowErrorPageDto extends pageOf(ImportRowErrorDto, 'ImportRowErrorPage') {}
export class ImportPageDto extends pageOf(ImportDto, 'ImportPage') {}

export const IMPORT_SORTS = ['startedAt', '-startedAt'] as const;

export class ListImportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: IMPORT_KINDS })
  @IsOptional() @IsIn(IMPORT_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional() @IsIn(IMPORT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: IMPORT_SORTS, default: '-startedAt' })
  @IsOptional() @IsIn(IMPORT_SORTS)
  sort?: string;
}

export class ListImportErrorsQuery extends PageQuery {}

/** One row of an `opening-stock` import. */
export class OpeningStockRowDto {
  @ApiProperty({ example: 'BOLT-M8-40', maxLength: 50 })
  @IsString() @MinLength(1) @MaxLength(50)
  sku: string;

  @ApiProperty({ example: 'MAIN', maxLength: 20 })
  @IsString() @MinLength(1) @MaxLength(20)
  warehouseCode: string;

  @ApiProperty({ example: 'A-01-03', maxLength: 50, description: 'Location code inside the warehouse.' })
  @IsString() @MinLength(1) @MaxLength(50)
  locationCode: string;

  @ApiProperty({ example: '120', description: 'Decimal string above zero, up to 3 decimals.', maxLength: 16 })
  @IsDecimalString({ scale: 3, min: '0.001' }) @MaxLength(16)
  quantity: string;

  @ApiProperty({ example: '0.1250', description: 'Cost per unit, up to 4 decimals.', maxLength: 17 })
  @IsDecimalString({ scale: 4, min: '0' }) @MaxLength(17)
  unitCost: string;

  @ApiPropertyOptional({ example: 'L2026-11', maxLength: 50, description: 'Lot-tracked items only.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  lotNumber?: string;

  @ApiPropertyOptional({ example: '2027-06-30', format: 'date', maxLength: 10, description: 'Lot expiry, where tracked.' })
  @IsOptional() @IsCalendarDate() @MaxLength(10)
  expiryDate?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 1000, example: ['SN-0001', 'SN-0002'], description: 'Serial-tracked items: one per unit, `|`-separated in the cell.' })
  @IsOptional() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(100, { each: true })
  serialNumbers?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { SERIES_DOCUMENT_TYPES, SeriesDocumentType } from '../series.entity';

export class CreateSeriesDto {
  @ApiProperty({ description: 'Unique; upper-case letters, digits, "_", "-".', example: 'MAIN', maxLength: 20, pattern: '^[A-Z0-9][A-Z0-9_-]*$' })
  @IsString() @MaxLength(20) @Matches(/^[A-Z0-9][A-Z0-9_-]*$/, { message: 'code must be upper-case letters, digits, "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Main invoice series', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Literal text with one counter token `{000000}` (its width the padding) and optionally `{YYYY}` or `{YY}` (the issue year).', example: 'INV-{YYYY}-{000000}', minLength: 1, maxLength: 60 })
  @IsString() @MinLength(1) @MaxLength(60)
  pattern: string;

  @ApiPropertyOptional({ description: 'The counter restarts at 1 each calendar year of the issue date (the pattern then needs a year token).', default: true, example: true })
  @IsOptional() @IsBoolean()
  yearlyReset?: boolean;

  @ApiPropertyOptional({ enum: SERIES_DOCUMENT_TYPES, description: 'What the series numbers: invoices or credit notes (each has its own numbering).', default: 'invoice', example: 'invoice' })
  @IsOptional() @IsIn(SERIES_DOCUMENT_TYPES)
  documentType?: SeriesDocumentType;
}

export class SeriesDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a40' }) id: string;
  @ApiProperty({ maxLength: 20, pattern: '^[A-Z0-9][A-Z0-9_-]*$', example: 'MAIN' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Main invoice series' }) name: string;
  @ApiProperty({ maxLength: 60, example: 'INV-{YYYY}-{000000}' }) pattern: string;
  @ApiProperty({ example: true }) yearlyReset: boolean;
  @ApiProperty({ enum: SERIES_DOCUMENT_TYPES, example: 'invoice' }) documentType: SeriesDocumentType;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListSeriesQuery extends PageQuery {}

export class SeriesPageDto extends pageOf(SeriesDto, 'InvoiceSeriesPage') {}

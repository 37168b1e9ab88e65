import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../platform/http/validators';
import { PARTIES } from '../contracts/contract.entity';
import { OBLIGATION_KINDS, OBLIGATION_STATUSES, RECURRENCES } from './obligation.entity';

const EXAMPLE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

export class CreateObligationDto {
  @ApiPropertyOptional({ enum: OBLIGATION_KINDS, default: 'obligation', example: 'milestone' })
  @IsOptional() @IsIn(OBLIGATION_KINDS)
  kind?: (typeof OBLIGATION_KINDS)[number];

  @ApiProperty({ example: 'Deliver the quarterly service report', minLength: 1, maxLength: 1000 })
  @IsString() @MinLength(1) @MaxLength(1000)
  description: string;

  @ApiProperty({ enum: PARTIES, example: 'counterparty' })
  @IsIn(PARTIES)
  responsibleParty: (typeof PARTIES)[number];

  @ApiProperty({ description: 'The (first) due date.', example: '2026-03-31' })
  @IsCalendarDate()
  dueDate: string;

  @ApiPropertyOptional({ enum: RECURRENCES, default: 'none', description: 'A recurring obligation moves to its next due date when completed or missed.', example: 'quarterly' })
  @IsOptional() @IsIn(RECURRENCES)
  recurrence?: (typeof RECURRENCES)[number];

  @ApiPropertyOptional({ description: 'Decimal string (needs `currency`).', example: '1500.00' })
  @IsOptional() @IsDecimalString({ precision: 18, scale: 2, min: '0' })
  amount?: string;

  @ApiPropertyOptional({ example: 'EUR', pattern: '^[A-Z]{3}$', maxLength: 3 })
  @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code' }) @MaxLength(3)
  currency?: string;
}

export class ObligationDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) contractId: string;
  @ApiProperty({ enum: OBLIGATION_KINDS, example: 'obligation' }) kind: string;
  @ApiProperty({ example: 'Deliver the quarterly service report', maxLength: 1000 }) description: string;
  @ApiProperty({ enum: PARTIES, example: 'counterparty' }) responsibleParty: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) dueDate: string;
  @ApiProperty({ enum: RECURRENCES, example: 'quarterly' }) recurrence: string;
  @ApiProperty({ enum: OBLIGATION_STATUSES, example: 'open' }) status: string;
  @ApiProperty({ description: 'Open and due before today (company time zone).', example: false }) overdue: boolean;
  @ApiProperty({ ...decimalSchema({ precision: 18, scale: 2, min: '0' }), nullable: true, example: '1500.00' }) amount: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR', maxLength: 3, pattern: '^[A-Z]{3}$' }) currency: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) completedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ObligationPageDto extends pageOf(ObligationDto, 'ObligationPage') {}

export class ListObligationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OBLIGATION_STATUSES, example: 'open' })
  @IsOptional() @IsIn(OBLIGATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: only open obligations due before today.', example: 'true' })
  @IsOptional() @IsIn(['true', 'false'])
  overdue?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Due on or before this date.', example: '2026-12-31' })
  @IsOptional() @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['dueDate', '-dueDate'], default: 'dueDate' })
  @IsOptional() @IsIn(['dueDate', '-dueDate'])
  sort?: string;
}

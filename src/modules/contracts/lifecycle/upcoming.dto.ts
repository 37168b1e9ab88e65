import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CURSOR_MAX_LENGTH, MAX_LIMIT, PageQuery } from '../../../platform/http/pagination';
import { IsCalendarDate } from '../../../platform/http/validators';

const EXAMPLE_ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
export const UPCOMING_KINDS = ['end', 'notice_deadline', 'obligation', 'renewal'] as const;

export class UpcomingQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Window from today, in days: `1d` to `366d`.', default: '90d', example: '90d', pattern: '^[1-9][0-9]{0,2}d$', maxLength: 4 })
  @IsOptional() @IsString() @MaxLength(4) @Matches(/^([1-9][0-9]?|[12][0-9]{2}|3[0-5][0-9]|36[0-6])d$/, { message: 'within must be a number of days from 1d to 366d, e.g. 90d' })
  within?: string;

  @ApiPropertyOptional({ description: 'The day the window starts (default today in the company time zone).', example: '2026-11-29' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class UpcomingItemDto {
  @ApiProperty({ enum: UPCOMING_KINDS, description: '`renewal`: next term starts; `notice_deadline`: last day to give notice; `end`: a contract that does not renew automatically ends; `obligation`: an open obligation is due (overdue ones first).', example: 'notice_deadline' }) kind: string;
  @ApiProperty({ format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) contractId: string;
  @ApiProperty({ example: 'CTR-2026-0001', maxLength: 28, pattern: '^CTR-\\d{4}-\\d{4,19}$' }) contractNumber: string;
  @ApiProperty({ example: 'Support and maintenance 2026', maxLength: 200 }) title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) obligationId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 1000, description: 'The obligation\'s description (obligations only).' }) description: string | null;
}

export class UpcomingPageDto {
  @ApiProperty({ type: [UpcomingItemDto], maxItems: MAX_LIMIT, description: `At most \`limit\` items (${MAX_LIMIT} at most).` }) data: UpcomingItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page.', maxLength: CURSOR_MAX_LENGTH, pattern: '^[A-Za-z0-9_-]+$', example: null }) nextCursor: string | null;
}

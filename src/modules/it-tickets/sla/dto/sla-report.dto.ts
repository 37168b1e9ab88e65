import { ApiProperty } from '@nestjs/swagger';
import { decimalSchema, IsCalendarDate } from '../../../../platform/http/validators';
import { MAX_IT_GROUPS } from '../../desk/dto/desk.dto';
import { PRIORITIES } from '../../tickets/ticket.entities';

export class SlaReportQuery {
  @ApiProperty({ format: 'date', description: 'First day (tickets raised on or after), company time zone.', example: '2026-11-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', description: 'Last day (included).', example: '2026-11-30' })
  @IsCalendarDate()
  to: string;
}

export class SlaTargetFiguresDto {
  @ApiProperty({ example: 8 }) met: number;
  @ApiProperty({ example: 2 }) breached: number;
  @ApiProperty({ ...decimalSchema({ precision: 4, scale: 1, min: '0' }), nullable: true, description: 'met / (met + breached) × 100, one decimal, half-up.', example: '80.0' }) metPercent: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median business minutes of stopped clocks (percentile_cont 0.5).', example: 42.5 }) medianBusinessMinutes: number | null;
}

export class SlaReportRowDto {
  @ApiProperty({ enum: PRIORITIES, nullable: true, example: 'P2' }) priority: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193c000-0000-7000-8000-000000000001' }) groupId: string | null;
  @ApiProperty({ example: 10 }) tickets: number;
  @ApiProperty({ type: SlaTargetFiguresDto }) firstResponse: SlaTargetFiguresDto;
  @ApiProperty({ type: SlaTargetFiguresDto }) resolution: SlaTargetFiguresDto;
}

export class SlaReportDto {
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to: string;
  @ApiProperty({ example: 'Europe/Berlin', maxLength: 64 }) timeZone: string;
  @ApiProperty({ type: [SlaReportRowDto], maxItems: PRIORITIES.length, description: 'One row per priority (groupId null).' }) byPriority: SlaReportRowDto[];
  @ApiProperty({ type: [SlaReportRowDto], maxItems: MAX_IT_GROUPS + 1, description: `One row per group (priority null; a null group = unassigned); at most ${MAX_IT_GROUPS} groups can exist.` }) byGroup: SlaReportRowDto[];
  @ApiProperty({ type: SlaReportRowDto }) total: SlaReportRowDto;
}

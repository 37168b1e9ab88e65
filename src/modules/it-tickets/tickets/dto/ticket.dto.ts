import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { IsCalendarDate } from '../../../../platform/http/validators';
import { PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../ticket.entities';
import { TICKET_ACTIONS } from '../ticket-transitions';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const TAG = /^[a-z0-9][a-z0-9_-]*$/;
const TAG_ITEMS = { type: 'string', maxLength: 40, pattern: TAG.source } as const;

export class CreateTicketDto {
  @ApiProperty({ example: 'VPN drops every 10 minutes', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'Since this morning the VPN client disconnects every 10 minutes on the office Wi-Fi.', maxLength: 10000, default: '' })
  @IsOptional() @IsString() @MaxLength(10000)
  description?: string;

  @ApiProperty({ enum: TICKET_TYPES, example: 'incident' })
  @IsIn(TICKET_TYPES)
  type: string;

  @ApiProperty({ example: 'network', minLength: 1, maxLength: 50 })
  @IsString() @MinLength(1) @MaxLength(50)
  category: string;

  @ApiProperty({ description: '1 = many people or a critical service, 3 = one person.', example: 2, minimum: 1, maximum: 3 })
  @IsInt() @Min(1) @Max(3)
  impact: number;

  @ApiProperty({ description: '1 = work is blocked now, 3 = can wait.', example: 1, minimum: 1, maximum: 3 })
  @IsInt() @Min(1) @Max(3)
  urgency: number;

  @ApiProperty({ format: 'uuid', description: 'The employee (HR) who asks.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsUUID('all')
  requesterId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active agent (in `groupId` when given).', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' })
  @IsOptional() @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193c000-0000-7000-8000-000000000001' })
  @IsOptional() @IsUUID('all')
  groupId?: string;

  @ApiPropertyOptional({ type: [String], items: TAG_ITEMS, example: ['vpn', 'wifi'], maxItems: 20, default: [] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MaxLength(40, { each: true }) @Matches(TAG, { each: true, message: 'tags must be lower-case letters, digits, "_" or "-"' })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Related IT assets.', example: ['0193c000-0000-7000-8000-0000000000c1'], maxItems: 50 })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true })
  assetIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'A business due date besides the SLA (e.g. a start date).', example: '2026-12-14' })
  @IsOptional() @IsCalendarDate()
  dueDate?: string | null;
}

export class UpdateTicketDto {
  @ApiPropertyOptional({ example: 'VPN drops every 10 minutes on Wi-Fi', minLength: 1, maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'Also on the guest network.', maxLength: 10000 })
  @IsOptional() @IsString() @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ example: 'network', minLength: 1, maxLength: 50 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  category?: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 3 })
  @IsOptional() @IsInt() @Min(1) @Max(3)
  impact?: number;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 3 })
  @IsOptional() @IsInt() @Min(1) @Max(3)
  urgency?: number;

  @ApiPropertyOptional({ type: [String], items: TAG_ITEMS, example: ['vpn'], maxItems: 20 })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MaxLength(40, { each: true }) @Matches(TAG, { each: true, message: 'tags must be lower-case letters, digits, "_" or "-"' })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', example: ['0193c000-0000-7000-8000-0000000000c1'], maxItems: 50 })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true })
  assetIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Pin an SLA policy (otherwise the best match for type, priority and category). Clocks are recomputed from the full history, paused time included.', example: '0193c000-0000-7000-8000-0000000000b1' })
  @IsOptional() @IsUUID('all')
  slaPolicyId?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-14' })
  @IsOptional() @IsCalendarDate()
  dueDate?: string | null;
}

export class AssignTicketDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An active agent; null to unassign.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' })
  @IsOptional() @IsUUID('all')
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: '0193c000-0000-7000-8000-000000000001' })
  @IsOptional() @IsUUID('all')
  groupId?: string | null;
}

export class CreateCommentDto {
  @ApiProperty({ format: 'uuid', description: 'The employee writing (agent or requester).', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' })
  @IsUUID('all')
  authorId: string;

  @ApiProperty({ example: 'Please update the VPN client to 5.2 and tell us if it still drops.', minLength: 1, maxLength: 10000 })
  @IsString() @MinLength(1) @MaxLength(10000)
  body: string;

  @ApiProperty({ enum: ['public', 'internal'], description: 'Internal notes are for agents only and never count as a response.', example: 'public' })
  @IsIn(['public', 'internal'])
  visibility: 'public' | 'internal';
}

export class CommentDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000d1' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000e1' }) ticketId: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' }) authorId: string;
  @ApiProperty({ example: true }) byAgent: boolean;
  @ApiProperty({ enum: ['public', 'internal'], example: 'public' }) visibility: string;
  @ApiProperty({ example: 'Please update the VPN client to 5.2.', maxLength: 10000 }) body: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:12:00.000Z' }) createdAt: string;
}
export class CommentPageDto extends pageOf(CommentDto, 'ItCommentPage') {}

export class TransitionDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000f1' }) id: string;
  @ApiProperty({ enum: ['create', ...TICKET_ACTIONS], example: 'start' }) action: string;
  @ApiProperty({ enum: TICKET_STATUSES, nullable: true, example: 'open' }) fromStatus: string | null;
  @ApiProperty({ enum: TICKET_STATUSES, example: 'in_progress' }) toStatus: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:00.000Z' }) at: string;
  @ApiProperty({ description: 'The X-Acting-User, or else the API key name.', example: 'service-desk-app', maxLength: 200 }) actor: string;
}
export class TransitionPageDto extends pageOf(TransitionDto, 'ItTransitionPage') {}

export class SlaClockDto {
  @ApiProperty({ example: 240 }) targetMinutes: number;
  @ApiProperty({ description: 'Business minutes counted so far (or until the clock stopped).', example: 95 }) elapsedMinutes: number;
  @ApiProperty({ description: 'Business minutes spent in pausing states.', example: 30 }) pausedMinutes: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the target is (or was) reached; null while paused before reaching it or after meeting it.', example: '2026-11-30T13:00:00.000Z' }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-30T12:12:00.000Z' }) atRiskAt: string | null;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'breached'], example: 'running' }) state: string;
  @ApiProperty({ example: false }) breached: boolean;
}

export class TicketSlaDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193c000-0000-7000-8000-0000000000b1' }) policyId: string | null;
  @ApiProperty({ type: SlaClockDto, nullable: true }) firstResponse: SlaClockDto | null;
  @ApiProperty({ type: SlaClockDto, nullable: true }) resolution: SlaClockDto | null;
}

export class TicketDto {
  @ApiProperty({ format: 'uuid', example: '0193c000-0000-7000-8000-0000000000e1' }) id: string;
  @ApiProperty({ example: 'IT-1042', maxLength: 20, pattern: '^IT-\\d{1,17}$' }) number: string;
  @ApiProperty({ example: 'VPN drops every 10 minutes', maxLength: 200 }) title: string;
  @ApiProperty({ example: 'Since this morning the VPN client disconnects.', maxLength: 10000 }) description: string;
  @ApiProperty({ enum: TICKET_TYPES, example: 'incident' }) type: string;
  @ApiProperty({ example: 'network', maxLength: 50 }) category: string;
  @ApiProperty({ example: 2 }) impact: number;
  @ApiProperty({ example: 1 }) urgency: number;
  @ApiProperty({ enum: PRIORITIES, example: 'P2' }) priority: string;
  @ApiProperty({ enum: TICKET_STATUSES, example: 'in_progress' }) status: string;
  @ApiProperty({ type: [String], items: { type: 'string', enum: [...TICKET_ACTIONS] }, maxItems: TICKET_ACTIONS.length, example: ['resolve', 'wait_on_requester'] }) allowedActions: string[];
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) requesterId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' }) assigneeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0193c000-0000-7000-8000-000000000001' }) groupId: string | null;
  @ApiProperty({ type: [String], items: TAG_ITEMS, maxItems: 20, example: ['vpn'] }) tags: string[];
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 50, example: [] }) assetIds: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) dueDate: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Onboarding/offboarding tickets: the joiner or leaver.', example: null }) subjectEmployeeId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-30T09:12:00.000Z' }) firstResponseAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) resolvedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) closedAt: string | null;
  @ApiProperty({ type: TicketSlaDto }) sla: TicketSlaDto;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:00.000Z' }) updatedAt: string;
}
export class TicketPageDto extends pageOf(TicketDto, 'ItTicketPage') {}

export const TICKET_SORTS = ['dueAt', '-dueAt', 'createdAt', '-createdAt'] as const;

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, example: 'in_progress' })
  @IsOptional() @IsIn(TICKET_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: PRIORITIES, example: 'P1' })
  @IsOptional() @IsIn(PRIORITIES)
  priority?: string;

  @ApiPropertyOptional({ enum: TICKET_TYPES, example: 'incident' })
  @IsOptional() @IsIn(TICKET_TYPES)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' })
  @IsOptional() @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193c000-0000-7000-8000-000000000001' })
  @IsOptional() @IsUUID('all')
  groupId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })
  @IsOptional() @IsUUID('all')
  requesterId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only tickets with a breached SLA target (true) or none (false).', example: true })
  @IsOptional() @Transform(toBool) @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Only tickets past 80 % of a running target and not breached.', example: true })
  @IsOptional() @Transform(toBool) @IsBoolean()
  atRisk?: boolean;

  @ApiPropertyOptional({ enum: TICKET_SORTS, default: 'dueAt', description: '`dueAt`: the earliest SLA due time of a running clock (tickets without one last).' })
  @IsOptional() @IsIn(TICKET_SORTS)
  sort?: string;
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Endpoint } from '../http/openapi';
import { pageOf, PageQuery } from '../http/pagination';
import { AuditService } from './audit.service';

class ListAuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'employee', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional({ example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10', maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @ApiPropertyOptional({ description: 'API key id, or the X-Acting-User value.', example: 'jane.doe@example.com', maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: 'From this instant (inclusive), ISO 8601 with offset.', example: '2026-11-01T00:00:00Z', format: 'date-time' }) @IsOptional() @MaxLength(35) @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (exclusive).', example: '2026-12-01T00:00:00Z', format: 'date-time' }) @IsOptional() @MaxLength(35) @IsDateString({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: ['occurredAt', '-occurredAt'], default: '-occurredAt' }) @IsOptional() @IsIn(['occurredAt', '-occurredAt']) sort?: string;
}

class AuditActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }) keyId: string | null;
  @ApiProperty({ example: 'crm-sync', maxLength: 100 }) keyName: string;
  @ApiProperty({ nullable: true, type: String, example: 'jane.doe@example.com', maxLength: 200 }) actingUser: string | null;
}

class AuditEventDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f11' }) id: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) occurredAt: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'hr.employee.updated', maxLength: 100 }) action: string;
  @ApiProperty({ example: 'employee', maxLength: 100 }) entityType: string;
  @ApiProperty({ example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10', maxLength: 200 }) entityId: string;
  @ApiProperty({
    description: 'Changed fields with before and after values; sensitive values read `***` without the scope that reveals them.',
    type: 'object',
    additionalProperties: { type: 'object', properties: { before: {}, after: {} } },
    example: { phone: { before: '+49 30 1234567', after: '+49 30 7654321' }, iban: { before: '***', after: '***' } },
  })
  changes: Record<string, { before: unknown; after: unknown }>;
  @ApiProperty({ nullable: true, type: String, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f12', maxLength: 128 }) requestId: string | null;
}

class AuditEventPageDto extends pageOf(AuditEventDto, 'AuditEventPage') {}

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Endpoint({ summary: 'List audit events', description: 'Append-only record of every write: who (key and acting user), what, when, and the fields that changed.', scopes: ['audit:read'], type: AuditEventPageDto, errors: [422] })
  list(@Query() query: ListAuditEventsQuery) {
    return this.audit.list(query);
  }
}

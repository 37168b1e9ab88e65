import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { MAX_DELIVERY_ATTEMPTS } from '../retry-policy';
import { DELIVERY_ORIGINS, DELIVERY_STATUSES } from '../webhook.entities';

/** Event type names and descriptions are short by construction (see `defineEventTypes`); the catalogue test checks these bounds. */
export const EVENT_TYPE_LIMITS = { types: 500, name: 100, description: 500, aggregateType: 100 } as const;

const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/;

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ description: 'Where deliveries are POSTed. https, and not a private, loopback or link-local address (unless the host is allowed by WEBHOOK_ALLOWED_HOSTS).', example: 'https://hooks.example.com/backoffice', minLength: 10, maxLength: 2000, format: 'uri' })
  @IsString() @MinLength(10) @MaxLength(2000)
  url: string;

  @ApiProperty({
    description: 'Event types to receive: exact names from `GET /webhooks/event-types`, or `<module>.*` for every event of a module.',
    example: ['invoicing.invoice.issued', 'hr.*'],
    type: [String],
    minItems: 1,
    maxItems: 100,
    items: { type: 'string', maxLength: 100, pattern: EVENT_TYPE_PATTERN.source },
  })
  @IsString({ each: true }) @MaxLength(100, { each: true }) @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'each event type must look like module.entity.verb or module.*' })
  @ArrayMinSize(1) @ArrayMaxSize(100)
  eventTypes: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Accounting system: issued invoices', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Inactive subscriptions receive nothing; setting true again re-enables a disabled one.', example: true, default: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookSubscriptionDto extends PartialType(CreateWebhookSubscriptionDto) {}

export class RotateSecretDto {
  @ApiPropertyOptional({ description: 'How long the previous secret keeps signing next to the new one (seconds). Default: WEBHOOK_SECRET_OVERLAP_SECONDS (24 h).', example: 86400, minimum: 0, maximum: 604800 })
  @IsOptional() @IsInt() @Min(0) @Max(604_800)
  overlapSeconds?: number;
}

export class WebhookSubscriptionDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) id: string;
  @ApiProperty({ example: 'https://hooks.example.com/backoffice', format: 'uri', maxLength: 2000 }) url: string;
  @ApiProperty({ type: [String], items: { type: 'string', maxLength: 100, pattern: EVENT_TYPE_PATTERN.source }, maxItems: 100, example: ['invoicing.invoice.issued', 'hr.*'] }) eventTypes: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Accounting system: issued invoices', maxLength: 500 }) description: string | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Set when the subscription was disabled for failing too long.', example: null }) disabledAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'First failed attempt since the last success; null while healthy.', example: null }) failingSince: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Until when the previous secret still signs (after a rotation).', example: null }) previousSecretExpiresAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}

export class WebhookSubscriptionWithSecretDto extends WebhookSubscriptionDto {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks `whsec_` + base64). Shown only in this response: store it now.', maxLength: 100, pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class WebhookSubscriptionPageDto extends pageOf(WebhookSubscriptionDto, 'WebhookSubscriptionPage') {}

export class ListWebhookSubscriptionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: 'createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class WebhookDeliveryAttemptDto {
  @ApiProperty({ example: 1, minimum: 1 }) attempt: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.120Z' }) startedAt: string;
  @ApiProperty({ description: 'Latency in milliseconds.', example: 84 }) durationMs: number;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status; null on a timeout, connection error or refused target.', example: 503 }) statusCode: number | null;
  @ApiProperty({ enum: ['succeeded', 'retry', 'failed'], example: 'retry' }) outcome: string;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 500 }) error: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The start of the response body (at most 2 KB).', example: 'Service Unavailable', maxLength: 2048 }) responseExcerpt: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f71' }) id: string;
  @ApiProperty({ format: 'uuid', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f70' }) subscriptionId: string;
  @ApiProperty({ format: 'uuid', description: 'The event id, sent as `webhook-id` (the same on retries, redeliveries and replays).', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f72' }) eventId: string;
  @ApiProperty({ example: 'invoicing.invoice.issued', maxLength: EVENT_TYPE_LIMITS.name }) eventType: string;
  @ApiProperty({ example: 'invoice', maxLength: EVENT_TYPE_LIMITS.aggregateType }) aggregateType: string;
  @ApiProperty({ example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f73', maxLength: 36 }) aggregateId: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) occurredAt: string;
  @ApiProperty({ enum: DELIVERY_ORIGINS, example: 'event' }) origin: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'pending' }) status: string;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the next attempt is due (pending only).', example: '2026-11-29T10:05:00.000Z' }) nextAttemptAt: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 503 }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 500 }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: [WebhookDeliveryAttemptDto], maxItems: MAX_DELIVERY_ATTEMPTS, description: 'One per attempt; the retry schedule holds at most 30 retries.' }) attemptLog: WebhookDeliveryAttemptDto[];
}

export class WebhookDeliveryPageDto extends pageOf(WebhookDeliveryDto, 'WebhookDeliveryPage') {}

export class ListWebhookDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, example: 'failed' })
  @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['-createdAt', 'createdAt'], default: '-createdAt' })
  @IsOptional() @IsIn(['createdAt', '-createdAt'])
  sort?: string;
}

export class ReplayQuery {
  @ApiProperty({ description: 'Start of the range (inclusive), ISO 8601 instant. The outbox keeps delivered events for 7 days.', example: '2026-11-29T00:00:00Z', maxLength: 40 })
  @IsString() @MaxLength(40) @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ description: 'End of the range (exclusive), ISO 8601 instant.', example: '2026-11-29T12:00:00Z', maxLength: 40 })
  @IsString() @MaxLength(40) @IsISO8601({ strict: true })
  to: string;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'Deliveries queued by this call.', example: 42 }) queued: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Set when the range held more than 10,000 matching events: call again with this as `from`.', example: null }) nextFrom: string | null;
}

export class EventTypeDto {
  @ApiProperty({ example: 'invoicing.invoice.issued', maxLength: EVENT_TYPE_LIMITS.name }) type: string;
  @ApiProperty({ example: 'A draft invoice was issued: it got its gapless number and its totals are final.', maxLength: EVENT_TYPE_LIMITS.description }) description: string;
  @ApiProperty({ example: 'invoice', maxLength: EVENT_TYPE_LIMITS.aggregateType }) aggregateType: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema (draft 2020-12) of `data` in a delivery.', example: { type: 'object', properties: { invoiceId: { type: 'string', format: 'uuid' } }, required: ['invoiceId'], additionalProperties: false } })
  schema: Record<string, unknown>;
}

export class EventTypeListDto {
  @ApiProperty({ type: [EventTypeDto], maxItems: EVENT_TYPE_LIMITS.types }) data: EventTypeDto[];
}


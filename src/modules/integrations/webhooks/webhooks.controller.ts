import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { eventTypes } from '../../../platform/events/event-types';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { WEBHOOKS_READ, WEBHOOKS_WRITE } from '../integrations.scopes';
import { WebhookDeliveriesService } from './deliveries.service';
import {
  CreateWebhookSubscriptionDto,
  EventTypeListDto,
  ListWebhookDeliveriesQuery,
  ListWebhookSubscriptionsQuery,
  ReplayQuery,
  ReplayResultDto,
  RotateSecretDto,
  UpdateWebhookSubscriptionDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookSubscriptionDto,
  WebhookSubscriptionPageDto,
  WebhookSubscriptionWithSecretDto,
} from './dto/webhook.dto';
import { WebhookSubscriptionsService } from './subscriptions.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Get('event-types')
  @Endpoint({
    summary: 'List the event catalogue',
    description: 'Every event type any module publishes, with a JSON Schema of its `data`. The same schemas are in the OpenAPI document as `Event_<type>` components.',
    scopes: [WEBHOOKS_READ],
    type: EventTypeListDto,
  })
  eventTypes(): EventTypeListDto {
    return { data: eventTypes().map((t) => ({ type: t.topic, description: t.description, aggregateType: t.aggregateType, schema: t.schema })) };
  }

  @Post('subscriptions')
  @Endpoint({
    summary: 'Subscribe a URL to events',
    description: 'The response carries the signing secret, once. Refused with 422 `webhook_target_not_allowed` for a non-https URL or a private, loopback or link-local address, and `unknown_event_type` for a type not in the catalogue.',
    scopes: [WEBHOOKS_WRITE],
    status: 201,
    type: WebhookSubscriptionWithSecretDto,
    idempotent: true,
    body: true,
    etag: true,
  })
  create(@Body() body: CreateWebhookSubscriptionDto) {
    return this.subscriptions.create(body);
  }

  @Get('subscriptions')
  @Endpoint({ summary: 'List webhook subscriptions', scopes: [WEBHOOKS_READ], type: WebhookSubscriptionPageDto, errors: [422] })
  list(@Query() query: ListWebhookSubscriptionsQuery) {
    return this.subscriptions.list(query);
  }

  @Get('subscriptions/:id')
  @Endpoint({ summary: 'Get a webhook subscription', scopes: [WEBHOOKS_READ], type: WebhookSubscriptionDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.subscriptions.get(id);
  }

  @Patch('subscriptions/:id')
  @Endpoint({ summary: 'Update a webhook subscription', description: 'Setting `active: true` re-enables a subscription that was disabled for failing.', scopes: [WEBHOOKS_WRITE], type: WebhookSubscriptionDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateWebhookSubscriptionDto, @IfMatch() version?: number) {
    return this.subscriptions.update(id, body, version);
  }

  @Delete('subscriptions/:id')
  @Endpoint({ summary: 'Delete a webhook subscription', description: 'Its pending deliveries and delivery log go with it.', scopes: [WEBHOOKS_WRITE], status: 204, ifMatch: true, errors: [404] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number): Promise<void> {
    await this.subscriptions.remove(id, version);
  }

  @Post('subscriptions/:id/rotate-secret')
  @Endpoint({
    summary: 'Rotate the signing secret',
    description: 'Returns the new secret, once. During the overlap both secrets sign: `webhook-signature` carries two `v1,` signatures, space-separated.',
    scopes: [WEBHOOKS_WRITE],
    type: WebhookSubscriptionWithSecretDto,
    idempotent: true,
    ifMatch: true,
    body: true,
    etag: true,
    errors: [404],
  })
  rotateSecret(@Param('id', ParseUuidPipe) id: string, @Body() body: RotateSecretDto, @IfMatch() version?: number) {
    return this.subscriptions.rotateSecret(id, body, version);
  }

  @Get('subscriptions/:id/deliveries')
  @Endpoint({ summary: 'List a subscription\'s deliveries with their attempts', scopes: [WEBHOOKS_READ], type: WebhookDeliveryPageDto, errors: [404, 422] })
  listDeliveries(@Param('id', ParseUuidPipe) id: string, @Query() query: ListWebhookDeliveriesQuery) {
    return this.deliveries.list(id, query);
  }

  @Post('subscriptions/:id/replay')
  @Endpoint({
    summary: 'Replay the events of a time range',
    description: 'Queues the subscription\'s matching events with `from` <= occurredAt < `to` again, oldest first, at most 10,000 per call (`nextFrom` continues). The outbox keeps delivered events for 7 days; older ranges replay nothing.',
    scopes: [WEBHOOKS_WRITE],
    status: 202,
    type: ReplayResultDto,
    idempotent: true,
    errors: [404, 422],
  })
  replay(@Param('id', ParseUuidPipe) id: string, @Query() query: ReplayQuery) {
    return this.deliveries.replay(id, query);
  }

  @Get('deliveries/:id')
  @Endpoint({ summary: 'Get a delivery with its attempts', scopes: [WEBHOOKS_READ], type: WebhookDeliveryDto, errors: [404] })
  getDelivery(@Param('id', ParseUuidPipe) id: string) {
    return this.deliveries.get(id);
  }

  @Post('deliveries/:id/redeliver')
  @Endpoint({ summary: 'Send a delivery\'s event again', description: 'Queues a new delivery of the same event (same `webhook-id`).', scopes: [WEBHOOKS_WRITE], status: 202, type: WebhookDeliveryDto, idempotent: true, errors: [404] })
  redeliver(@Param('id', ParseUuidPipe) id: string) {
    return this.deliveries.redeliver(id);
  }
}

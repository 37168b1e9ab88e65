import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import './integrations.events';
import { IntegrationsJobs } from './integrations.jobs';
import './integrations.scopes';
import { WebhookDeliveriesService } from './webhooks/deliveries.service';
import { WebhookDeliveryWorker } from './webhooks/delivery-worker';
import { WebhookSubscriptionsService } from './webhooks/subscriptions.service';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from './webhooks/webhook.entities';
import { WebhookSender } from './webhooks/webhook-sender';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Cross-cutting features over every module: signed webhooks from the outbox. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription, WebhookDelivery, WebhookDeliveryAttempt])],
  controllers: [WebhooksController],
  providers: [IntegrationsJobs, WebhookSender, WebhookSubscriptionsService, WebhookDeliveriesService, WebhookDeliveryWorker],
})
export class IntegrationsModule {}

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 2000 }) url: string;
  @Column('text', { array: true }) eventTypes: string[];
  @Column('varchar', { length: 500, nullable: true }) description: string | null;
  @Column('boolean') active: boolean;
  @Column('text') secret: string;
  @Column('text', { nullable: true }) previousSecret: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) previousSecretExpiresAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) failingSince: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) disabledAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_ORIGINS = ['event', 'redelivery', 'replay'] as const;
export type DeliveryOrigin = (typeof DELIVERY_ORIGINS)[number];

/** One event to one subscription; `eventId` is the `webhook-id`, the same on every attempt. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') subscriptionId: string;
  @Column('uuid') eventId: string;
  @Column('text') eventType: string;
  @Column('text') aggregateType: string;
  @Column('text') aggregateId: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column({ type: 'timestamptz', precision: 3 }) occurredAt: Date;
  @Column('text') origin: DeliveryOrigin;
  @Column('text') status: DeliveryStatus;
  @Column('int') attempts: number;
  @Column({ type: 'timestamptz', precision: 3 }) nextAttemptAt: Date;
  @Column('uuid', { nullable: true }) claimToken: string | null;
  @Column('int', { nullable: true }) lastStatusCode: number | null;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('webhook_delivery_attempts')
export class WebhookDeliveryAttempt {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') deliveryId: string;
  @Column('int') attempt: number;
  @Column({ type: 'timestamptz', precision: 3 }) startedAt: Date;
  @Column('int') durationMs: number;
  @Column('int', { nullable: true }) statusCode: number | null;
  @Column('text') outcome: 'succeeded' | 'retry' | 'failed';
  @Column('varchar', { length: 500, nullable: true }) error: string | null;
  @Column('varchar', { length: 2048, nullable: true }) responseExcerpt: string | null;
}

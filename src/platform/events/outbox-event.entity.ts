import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Written in the same transaction as the change it announces; dispatched after commit. */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  topic: string;

  @Column('text')
  aggregateType: string;

  @Column('text')
  aggregateId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  availableAt: Date;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  failedAt: Date | null;
}

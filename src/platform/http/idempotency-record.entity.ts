import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A POST's first response, replayed for retries with the same Idempotency-Key (24 h). */
@Entity('idempotency_records')
export class IdempotencyRecord {
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  requestHash: string;

  @Column('int')
  statusCode: number;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}

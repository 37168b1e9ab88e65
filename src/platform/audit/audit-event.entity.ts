import { Column, Entity, PrimaryColumn } from 'typeorm';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Append-only (a trigger refuses UPDATE and DELETE). */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column('uuid', { nullable: true })
  actorKeyId: string | null;

  @Column('text')
  actorKeyName: string;

  @Column('text', { nullable: true })
  actingUser: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('jsonb')
  changes: FieldChanges;

  /** Fields whose values only readers holding `sensitiveScope` may see. */
  @Column('text', { array: true })
  sensitiveFields: string[];

  @Column('text', { nullable: true })
  sensitiveScope: string | null;

  @Column('text', { nullable: true })
  requestId: string | null;
}

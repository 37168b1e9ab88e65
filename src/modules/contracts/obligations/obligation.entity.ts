import { Column, Entity, PrimaryColumn } from 'typeorm';

export const OBLIGATION_KINDS = ['obligation', 'milestone'] as const;
export const OBLIGATION_STATUSES = ['open', 'done', 'missed'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export const RECURRENCES = ['none', 'monthly', 'quarterly', 'yearly'] as const;
export type ObligationRecurrence = (typeof RECURRENCES)[number];

@Entity('ctr_obligations')
export class Obligation {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('text') kind: (typeof OBLIGATION_KINDS)[number];
  @Column('varchar', { length: 1000 }) description: string;
  @Column('text') responsibleParty: 'internal' | 'counterparty';
  @Column('date') dueDate: string;
  @Column('text') recurrence: ObligationRecurrence;
  @Column('text') status: ObligationStatus;
  @Column('numeric', { precision: 18, scale: 2, nullable: true }) amount: string | null;
  @Column('char', { length: 3, nullable: true }) currency: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) completedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

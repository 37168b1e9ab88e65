import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MOVE_KINDS = ['receipt', 'issue', 'transfer', 'adjustment', 'count_correction', 'return'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];
export const REFERENCE_TYPES = ['purchase_order', 'invoice', 'credit_note', 'count', 'reservation', 'manual'] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

/** One line of the append-only stock ledger. */
@Entity('inv_stock_moves')
export class StockMove {
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: MoveKind;
  @Column('uuid') itemId: string;
  @Column('numeric', { precision: 14, scale: 3 }) quantity: string;
  @Column('uuid', { nullable: true }) fromLocationId: string | null;
  @Column('uuid', { nullable: true }) toLocationId: string | null;
  @Column('uuid', { nullable: true }) lotId: string | null;
  @Column('uuid', { nullable: true }) serialId: string | null;
  @Column('numeric', { precision: 18, scale: 4, nullable: true }) unitCost: string | null;
  @Column('numeric', { precision: 20, scale: 4, nullable: true }) totalCost: string | null;
  @Column('varchar', { length: 500, nullable: true }) reason: string | null;
  @Column('text') referenceType: ReferenceType;
  @Column('varchar', { length: 100, nullable: true }) referenceId: string | null;
  @Column('uuid', { nullable: true }) actorKeyId: string | null;
  @Column('text') actorKeyName: string;
  @Column('text', { nullable: true }) actingUser: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) occurredAt: Date;
}

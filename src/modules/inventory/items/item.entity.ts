import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TRACKINGS = ['none', 'lot', 'serial'] as const;
export type Tracking = (typeof TRACKINGS)[number];
export const VALUATION_METHODS = ['moving_average', 'fifo'] as const;
export type ValuationMethod = (typeof VALUATION_METHODS)[number];

@Entity('inv_items')
export class Item {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 64 }) sku: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 2000, nullable: true }) description: string | null;
  @Column('varchar', { length: 20 }) unitOfMeasure: string;
  @Column('varchar', { length: 100, nullable: true }) category: string | null;
  @Column('text') tracking: Tracking;
  @Column('text') valuationMethod: ValuationMethod;
  @Column('numeric', { precision: 14, scale: 3, nullable: true }) reorderPoint: string | null;
  @Column('numeric', { precision: 14, scale: 3, nullable: true }) reorderQuantity: string | null;
  @Column('uuid', { nullable: true }) preferredSupplierId: string | null;
  @Column('boolean') active: boolean;
  @Column('boolean') belowReorderPoint: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

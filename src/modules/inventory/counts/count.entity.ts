import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COUNT_STATUSES = ['open', 'posted', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

@Entity('inv_counts')
export class StockCount {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') locationId: string;
  @Column('text') status: CountStatus;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) postedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('inv_count_lines')
export class StockCountLine {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') countId: string;
  @Column('uuid') itemId: string;
  @Column('varchar', { length: 64, nullable: true }) lotNumber: string | null;
  @Column('numeric', { precision: 14, scale: 3 }) countedQuantity: string;
  @Column('numeric', { precision: 14, scale: 3, nullable: true }) expectedQuantity: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

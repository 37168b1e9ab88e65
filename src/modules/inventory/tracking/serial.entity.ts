import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SERIAL_STATUSES = ['in_stock', 'issued'] as const;
export type SerialStatus = (typeof SERIAL_STATUSES)[number];

@Entity('inv_serials')
export class Serial {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') itemId: string;
  @Column('varchar', { length: 100 }) serialNumber: string;
  @Column('text') status: SerialStatus;
  @Column('uuid', { nullable: true }) locationId: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('inv_lots')
export class Lot {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') itemId: string;
  @Column('varchar', { length: 64 }) lotNumber: string;
  @Column('date', { nullable: true }) expiryDate: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

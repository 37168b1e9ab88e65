import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('invc_series')
export class InvoiceSeries {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 60 }) pattern: string;
  @Column('boolean') yearlyReset: boolean;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('inv_suppliers')
export class Supplier {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 200, nullable: true }) contactName: string | null;
  @Column('varchar', { length: 254, nullable: true }) contactEmail: string | null;
  @Column('varchar', { length: 32, nullable: true }) phone: string | null;
  @Column('varchar', { length: 50, nullable: true }) taxId: string | null;
  @Column('char', { length: 3 }) currency: string;
  @Column('int') leadTimeDays: number;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

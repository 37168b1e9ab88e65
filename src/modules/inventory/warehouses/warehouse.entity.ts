import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('inv_warehouses')
export class Warehouse {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 500, nullable: true }) address: string | null;
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('hr_departments')
export class Department {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 50, nullable: true }) costCenter: string | null;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @Column('uuid', { nullable: true }) headEmployeeId: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

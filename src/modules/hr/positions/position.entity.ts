import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('hr_positions')
export class Position {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 200 }) title: string;
  @Column('uuid') departmentId: string;
  @Column('varchar', { length: 20, nullable: true }) grade: string | null;
  @Column('int') headcountBudget: number;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
  /** Derived: employees not terminated holding the position (not a column). */
  filledCount?: number;
}

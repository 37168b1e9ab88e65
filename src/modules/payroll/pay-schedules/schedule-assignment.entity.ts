import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('payroll_schedule_assignments')
export class ScheduleAssignment {
  @PrimaryColumn('uuid') employeeId: string;
  @Column('uuid') payScheduleId: string;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

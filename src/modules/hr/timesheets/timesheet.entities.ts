import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TIMESHEET_STATUSES = ['open', 'submitted', 'approved', 'locked'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

@Entity('hr_time_entries')
export class TimeEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('uuid', { nullable: true }) shiftId: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) clockInAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) clockOutAt: Date | null;
  @Column('int') breakMinutes: number;
  @Column('text') source: 'clock' | 'manual';
  @Column('varchar', { length: 500, nullable: true }) reason: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_timesheets')
export class Timesheet {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('text') status: TimesheetStatus;
  @Column('int', { nullable: true }) regularMinutes: number | null;
  @Column('int', { nullable: true }) overtimeMinutes: number | null;
  @Column('int', { nullable: true }) nightMinutes: number | null;
  @Column('int', { nullable: true }) holidayMinutes: number | null;
  @Column('uuid', { nullable: true }) approvedByEmployeeId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) approvedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

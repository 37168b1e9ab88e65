import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EmploymentType } from '../employees/employee.entity';

@Entity('hr_working_time_rules')
export class WorkingTimeRule {
  @PrimaryColumn('text') employmentType: EmploymentType;
  @Column('int') maxWeeklyMinutes: number;
  @Column('int') dailyOvertimeAfterMinutes: number;
  @Column('int') weeklyOvertimeAfterMinutes: number;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_shift_templates')
export class ShiftTemplate {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('time') startTime: string;
  @Column('time') endTime: string;
  @Column('int') unpaidBreakMinutes: number;
  @Column('uuid', { nullable: true }) positionId: string | null;
  @Column('varchar', { length: 200 }) location: string;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_shifts')
export class Shift {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'timestamptz', precision: 3 }) startsAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) endsAt: Date;
  @Column('int') breakMinutes: number;
  @Column('varchar', { length: 200 }) location: string;
  @Column('uuid', { nullable: true }) positionId: string | null;
  @Column('uuid', { nullable: true }) employeeId: string | null;
  @Column('uuid', { nullable: true }) templateId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) publishedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_schedule_publications')
export class SchedulePublication {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 200 }) location: string;
  @Column('date') startDate: string;
  @Column('date') endDate: string;
  @Column('int') shiftCount: number;
  @Column('uuid', { array: true }) employeeIds: string[];
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('hr_work_calendars')
export class WorkCalendar {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('varchar', { length: 64 }) timeZone: string;
  @Column('char', { length: 2, nullable: true }) country: string | null;
  @Column('varchar', { length: 10, nullable: true }) region: string | null;
  @Column('smallint', { array: true }) workingWeekdays: number[];
  @Column('numeric', { precision: 4, scale: 2 }) dailyHours: string;
  @Column('varchar', { length: 200, nullable: true }) location: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_calendar_closures')
export class CalendarClosure {
  @PrimaryColumn('uuid') calendarId: string;
  @PrimaryColumn('date') date: string;
  @Column('varchar', { length: 200 }) name: string;
}

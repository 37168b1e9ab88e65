import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('it_business_calendars')
export class BusinessCalendarRow {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('varchar', { length: 64 }) timeZone: string;
  @Column('smallint', { array: true }) workingDays: number[];
  @Column('char', { length: 5 }) startTime: string;
  @Column('char', { length: 5 }) endTime: string;
  @Column('varchar', { length: 2, nullable: true }) holidayCountry: string | null;
  @Column('varchar', { length: 10, nullable: true }) holidayRegion: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('it_sla_policies')
export class SlaPolicy {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('text', { nullable: true }) ticketType: string | null;
  @Column('text', { nullable: true }) priority: string | null;
  @Column('varchar', { length: 50, nullable: true }) category: string | null;
  @Column('int') firstResponseMinutes: number;
  @Column('int') resolutionMinutes: number;
  @Column('uuid') calendarId: string;
  @Column('text', { array: true }) pausingStates: string[];
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

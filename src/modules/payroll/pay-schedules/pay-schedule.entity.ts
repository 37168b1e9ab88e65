import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PayFrequency } from './pay-periods';

export type ProrationMethod = 'calendar_days' | 'working_days';
export type PayDateRuleKind = 'last_working_day' | 'fixed_day' | 'days_after_period_end';

@Entity('payroll_pay_schedules')
export class PaySchedule {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text') frequency: PayFrequency;
  @Column('date', { nullable: true }) anchorDate: string | null;
  @Column('text') payDateRule: PayDateRuleKind;
  @Column('int', { nullable: true }) payDay: number | null;
  @Column('int', { nullable: true }) payDateOffsetDays: number | null;
  @Column('text') prorationMethod: ProrationMethod;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

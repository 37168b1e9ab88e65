import { Column, Entity, PrimaryColumn } from 'typeorm';

export const BILLING_PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
export type BillingPeriodKind = (typeof BILLING_PERIODS)[number];

@Entity('ctr_billing_schedules')
export class BillingSchedule {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('numeric', { precision: 18, scale: 2 }) amount: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('text') period: BillingPeriodKind;
  @Column('uuid') seriesId: string;
  @Column('uuid') taxCategoryId: string;
  @Column('varchar', { length: 300 }) description: string;
  @Column('date') startDate: string;
  @Column('date', { nullable: true }) endDate: string | null;
  @Column('date') nextPeriodStart: string;
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('ctr_billing_periods')
export class BillingPeriod {
  @Column('uuid') id: string;
  @PrimaryColumn('uuid') scheduleId: string;
  @PrimaryColumn('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('uuid') contractId: string;
  @Column('uuid') invoiceId: string;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HoursEntry } from '../calculator/gross-to-net';

export const PAY_RUN_STATUSES = ['draft', 'calculated', 'approved', 'paid', 'cancelled'] as const;
export type PayRunStatus = (typeof PAY_RUN_STATUSES)[number];
export const PAY_RUN_TYPES = ['regular', 'off_cycle'] as const;
export type PayRunType = (typeof PAY_RUN_TYPES)[number];

@Entity('payroll_pay_runs')
export class PayRun {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') payScheduleId: string;
  @Column('text') type: PayRunType;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('date') payDate: string;
  @Column('text') status: PayRunStatus;
  @Column('varchar', { length: 20, nullable: true }) ruleSetCode: string | null;
  @Column('varchar', { length: 500, nullable: true }) reason: string | null;
  @Column('int') employeeCount: number;
  @Column('char', { length: 3, nullable: true }) currency: string | null;
  @Column('numeric', { nullable: true }) gross: string | null;
  @Column('numeric', { nullable: true }) net: string | null;
  @Column('numeric', { nullable: true }) employerContributions: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) calculatedAt: Date | null;
  @Column('uuid', { nullable: true }) calculatedByKeyId: string | null;
  @Column('varchar', { length: 200, nullable: true }) calculatedBy: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) approvedAt: Date | null;
  @Column('uuid', { nullable: true }) approvedByKeyId: string | null;
  @Column('varchar', { length: 200, nullable: true }) approvedBy: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) paidAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

/** One-off inputs of one employee in one run. */
@Entity('payroll_pay_run_inputs')
export class PayRunInput {
  @PrimaryColumn('uuid') payRunId: string;
  @PrimaryColumn('uuid') employeeId: string;
  @Column('numeric') bonus: string;
  @Column('numeric') commission: string;
  @Column('numeric') reimbursement: string;
  @Column('numeric') correction: string;
  @Column('jsonb') hours: HoursEntry[];
  @Column('jsonb') unpaidDays: string[];
  @Column('jsonb') componentHours: Record<string, string>;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

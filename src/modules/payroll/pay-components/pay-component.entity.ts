import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComponentKind } from '../calculator/gross-to-net';

export const CALCULATION_TYPES = ['fixed', 'percentage', 'hours_times_rate'] as const;
export type CalculationType = (typeof CALCULATION_TYPES)[number];
export const PERCENTAGE_BASES = ['gross', 'taxable_gross', 'component'] as const;
export type PercentageBase = (typeof PERCENTAGE_BASES)[number];

/** An earning or deduction defined as data. */
@Entity('payroll_pay_components')
export class PayComponent {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text') kind: ComponentKind;
  @Column('boolean') taxable: boolean;
  @Column('text') calculationType: CalculationType;
  @Column('numeric', { nullable: true }) amount: string | null;
  @Column('numeric', { nullable: true }) rate: string | null;
  @Column('text', { nullable: true }) base: PercentageBase | null;
  @Column('varchar', { length: 20, nullable: true }) baseComponent: string | null;
  @Column('varchar', { length: 20 }) glAccount: string;
  @Column('int') sequence: number;
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

/** A component paid to one employee or to everyone on a schedule for a span of dates; immutable. */
@Entity('payroll_component_assignments')
export class ComponentAssignment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') payComponentId: string;
  @Column('uuid', { nullable: true }) employeeId: string | null;
  @Column('uuid', { nullable: true }) payScheduleId: string | null;
  @Column('date') effectiveFrom: string;
  @Column('date', { nullable: true }) effectiveTo: string | null;
  @Column('numeric', { nullable: true }) amountOverride: string | null;
  @Column('numeric', { nullable: true }) rateOverride: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

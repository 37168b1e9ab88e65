import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CompensationBasis } from '../calculator/gross-to-net';

/** One effective-dated term of an employee's pay; immutable (a change is a new row). */
@Entity('payroll_compensations')
export class Compensation {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('date') effectiveFrom: string;
  @Column('text') basis: CompensationBasis;
  @Column('numeric') amount: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('numeric') overtimeMultiplier: string;
  @Column('numeric') nightPremiumRate: string;
  @Column('numeric') holidayPremiumRate: string;
  @Column('numeric') standardHoursPerYear: string;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The rule set (by code) that applies to an employee from a date; immutable, a change is a new row. */
@Entity('payroll_rule_set_assignments')
export class RuleSetAssignment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('date') effectiveFrom: string;
  @Column('varchar', { length: 20 }) ruleSetCode: string;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContributionRule, TaxBracket } from '../calculator/gross-to-net';

/** One immutable version of a tax and contribution rule set. */
@Entity('payroll_rule_sets')
export class RuleSetVersion {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('date') validFrom: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('numeric') taxAllowance: string;
  @Column('jsonb') taxBrackets: TaxBracket[];
  @Column('jsonb') contributions: ContributionRule[];
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

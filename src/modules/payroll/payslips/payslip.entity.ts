import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComponentKind } from '../calculator/gross-to-net';

/** One employee's figures in one pay run. No timestamps: recalculating the same inputs stores the same row. */
@Entity('payroll_payslips')
export class PayslipRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') payRunId: string;
  @Column('uuid') employeeId: string;
  @Column('text') employeeNumber: string;
  @Column('varchar', { length: 201 }) employeeName: string;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('date') payDate: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('varchar', { length: 20 }) ruleSetCode: string;
  @Column('date') ruleSetValidFrom: string;
  @Column('numeric') gross: string;
  @Column('numeric') taxableGross: string;
  @Column('numeric') preTaxDeductions: string;
  @Column('numeric') taxes: string;
  @Column('numeric') postTaxDeductions: string;
  @Column('numeric') net: string;
  @Column('numeric') employerContributions: string;
}

@Entity('payroll_payslip_lines')
export class PayslipLineRecord {
  @PrimaryColumn('uuid') payslipId: string;
  @PrimaryColumn('int') lineNo: number;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text') kind: ComponentKind;
  @Column('numeric') amount: string;
  @Column('numeric') ytdAmount: string;
  @Column('text') explanation: string;
  @Column('jsonb') detail: Record<string, unknown>;
}

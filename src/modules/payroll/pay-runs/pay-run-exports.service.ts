import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import Decimal from 'decimal.js';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { MoneyDecimal } from '../../../platform/money/money';
import { HrFacade } from '../../hr';
import { minorUnitsOf } from '../calculator/gross-to-net';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { PayRun } from './pay-run.entity';
import { PayRunsService } from './pay-runs.service';

/** Accounts for lines that no stored pay component names (built-in lines and rule-set contributions). */
export const DEFAULT_GL_ACCOUNTS = {
  /** Wages and salaries expense: built-in earnings (salary, hours, bonus, ...). */
  earnings: '6000',
  /** Employer social-security expense. */
  employerExpense: '6100',
  /** Taxes and contributions payable (employee withholdings and employer shares). */
  taxesPayable: '2300',
  /** Other deductions payable. */
  deductionsPayable: '2310',
  /** Net pay payable to employees. */
  netPay: '2200',
} as const;

const EXPORT_BATCH = 1000;

@Injectable()
export class PayRunExportsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly hr: HrFacade,
    private readonly runs: PayRunsService,
  ) {}

  private async approvedRun(id: string): Promise<PayRun> {
    const run = await this.runs.findOrThrow(id);
    if (run.status !== 'approved' && run.status !== 'paid') {
      throw new PayrollException(PayrollErrorCode.PayRunNotApproved, `The pay run is ${run.status}; only approved or paid runs are exported.`, { currentState: run.status });
    }
    return run;
  }

  /** Bank payment file: one row per payslip with a positive net, by employee number. */
  async bankFile(id: string): Promise<string> {
    const run = await this.approvedRun(id);
    const rows: string[][] = [];
    let after = { number: '', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const slips: Array<{ id: string; employee_id: string; employee_number: string; net: string; currency: string }> = await this.db.manager.query(
        `SELECT id, employee_id, employee_number, net::text AS net, currency FROM payroll_payslips
          WHERE pay_run_id = $1 AND net > 0 AND (employee_number, id) > ($2, $3::uuid) ORDER BY employee_number, id LIMIT $4`,
        [id, after.number, after.id, EXPORT_BATCH],
      );
      if (!slips.length) break;
      const bank = new Map((await this.hr.bankDetails(slips.map((s) => s.employee_id))).map((b) => [b.employeeId, b]));
      for (const s of slips) {
        const b = bank.get(s.employee_id);
        rows.push([b?.name ?? '', b?.iban ?? '', s.net, s.currency, `Salary ${run.payDate} ${s.employee_number}`]);
      }
      if (slips.length < EXPORT_BATCH) break;
      after = { number: slips[slips.length - 1].employee_number, id: slips[slips.length - 1].id };
    }
    return stringify(rows, { header: true, columns: ['name', 'iban', 'amount', 'currency', 'reference'] });
  }

  /**
   * Journal: per component, debit (earnings and employer contributions as expense) and credit
   * (withholdings and deductions as liabilities, employer shares as payable, net pay). Debits equal credits.
   */
  async journal(id: string): Promise<string> {
    const run = await this.approvedRun(id);
    const sums: Array<{ currency: string; kind: string; code: string; name: string; total: string; gl_account: string | null }> = await this.db.manager.query(
      `SELECT p.currency, l.kind, l.code, min(l.name) AS name, sum(l.amount)::text AS total, c.gl_account
         FROM payroll_payslips p
         JOIN payroll_payslip_lines l ON l.payslip_id = p.id
         LEFT JOIN payroll_pay_components c ON c.code = l.code AND c.kind = l.kind
        WHERE p.pay_run_id = $1
        GROUP BY p.currency, l.kind, l.code, c.gl_account
        ORDER BY p.currency, array_position(ARRAY['earning', 'pre_tax_deduction', 'tax', 'post_tax_deduction', 'employer_contribution'], l.kind), l.code`,
      [id],
    );
    const nets: Array<{ currency: string; total: string }> = await this.db.manager.query(
      'SELECT currency, sum(net)::text AS total FROM payroll_payslips WHERE pay_run_id = $1 GROUP BY currency ORDER BY currency',
      [id],
    );
    const rows: string[][] = [];
    const money = (v: Decimal, currency: string) => v.toFixed(minorUnitsOf(currency));
    const line = (account: string, description: string, debit: Decimal | null, credit: Decimal | null, currency: string) => {
      // a negative amount (e.g. a correction) goes to the other side
      if (debit?.isNegative()) [debit, credit] = [null, debit.negated()];
      else if (credit?.isNegative()) [debit, credit] = [credit.negated(), null];
      rows.push([account, description, debit ? money(debit, currency) : '', credit ? money(credit, currency) : '', currency]);
    };
    for (const s of sums) {
      const total = new MoneyDecimal(s.total);
      const label = `${s.code} ${s.name}`;
      switch (s.kind) {
        case 'earning':
          line(s.gl_account ?? DEFAULT_GL_ACCOUNTS.earnings, label, total, null, s.currency);
          break;
        case 'tax':
          line(s.gl_account ?? DEFAULT_GL_ACCOUNTS.taxesPayable, label, null, total, s.currency);
          break;
        case 'pre_tax_deduction':
        case 'post_tax_deduction':
          line(s.gl_account ?? DEFAULT_GL_ACCOUNTS.deductionsPayable, label, null, total, s.currency);
          break;
        case 'employer_contribution':
          line(s.gl_account ?? DEFAULT_GL_ACCOUNTS.employerExpense, `${label} (employer)`, total, null, s.currency);
          line(DEFAULT_GL_ACCOUNTS.taxesPayable, `${label} (employer share payable)`, null, total, s.currency);
          break;
      }
    }
    for (const n of nets) line(DEFAULT_GL_ACCOUNTS.netPay, `Net pay ${run.payDate}`, null, new MoneyDecimal(n.total), n.currency);
    return stringify(rows, { header: true, columns: ['account', 'description', 'debit', 'credit', 'currency'] });
  }
}

import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';

/** Payroll cost of one group of employees in one pay-date month and currency; amounts numeric strings. */
export interface PayrollCostRow {
  month: string;
  /** The caller's group key of the employees (e.g. their department), null for the rest. */
  groupKey: string | null;
  currency: string;
  gross: string;
  employerContributions: string;
  payslips: number;
}

/** The payslip totals of one currency on the latest pay date of an approved or paid run. */
export interface LastPayrollCost {
  currency: string;
  payDate: string;
  gross: string;
  employerContributions: string;
  payslips: number;
}

/** Statuses whose payslips are final figures (payroll cost counts only these). */
const FINAL = `('approved', 'paid')`;

/**
 * The payroll module's read-only front door for reports. Payslips of approved and paid pay runs
 * only, by pay date; every figure aggregated in SQL.
 */
@Injectable()
export class PayrollFacade {
  constructor(private readonly db: TransactionalConnection) {}

  /** Employees with a payslip of an approved or paid run paid between `from` and `to` (dates). */
  async paidEmployees(from: string, to: string): Promise<string[]> {
    const rows: Array<{ employee_id: string }> = await this.db.manager.query(
      `SELECT DISTINCT p.employee_id
         FROM payroll_pay_runs r JOIN payroll_payslips p ON p.pay_run_id = r.id
        WHERE r.status IN ${FINAL} AND r.pay_date BETWEEN $1::date AND $2::date`,
      [from, to],
    );
    return rows.map((r) => r.employee_id);
  }

  /**
   * Gross and employer contributions per pay-date month, currency and group, where the caller
   * maps employees to groups (`employeeIds[i]` belongs to `groupKeys[i]`); employees not mapped
   * fall in the null group.
   */
  async costByGroup(from: string, to: string, employeeIds: string[], groupKeys: Array<string | null>): Promise<PayrollCostRow[]> {
    const rows: Array<Record<string, string | null>> = await this.db.manager.query(
      `WITH groups AS (SELECT * FROM unnest($3::uuid[], $4::text[]) AS g(employee_id, group_key))
       SELECT to_char(p.pay_date, 'YYYY-MM') AS month, g.group_key, p.currency,
              sum(p.gross) AS gross, sum(p.employer_contributions) AS employer, count(*) AS payslips
         FROM payroll_pay_runs r JOIN payroll_payslips p ON p.pay_run_id = r.id
         LEFT JOIN groups g ON g.employee_id = p.employee_id
        WHERE r.status IN ${FINAL} AND r.pay_date BETWEEN $1::date AND $2::date
        GROUP BY 1, 2, 3
        ORDER BY 1, 2 NULLS LAST, 3`,
      [from, to, employeeIds, groupKeys],
    );
    return rows.map((r) => ({ month: r.month!, groupKey: r.group_key, currency: r.currency!, gross: r.gross!, employerContributions: r.employer!, payslips: Number(r.payslips) }));
  }

  /** Payslip totals per currency of the latest pay date of an approved or paid run (one query over the small runs table and that date's payslips). */
  async lastPayrollCost(): Promise<LastPayrollCost[]> {
    const rows: Array<Record<string, string>> = await this.db.manager.query(
      `WITH last AS (SELECT max(pay_date) AS pay_date FROM payroll_pay_runs WHERE status IN ${FINAL})
       SELECT p.currency, to_char(l.pay_date, 'YYYY-MM-DD') AS pay_date, sum(p.gross) AS gross, sum(p.employer_contributions) AS employer, count(*) AS payslips
         FROM last l JOIN payroll_pay_runs r ON r.pay_date = l.pay_date AND r.status IN ${FINAL}
         JOIN payroll_payslips p ON p.pay_run_id = r.id
        GROUP BY p.currency, l.pay_date ORDER BY p.currency`,
    );
    return rows.map((r) => ({ currency: r.currency, payDate: r.pay_date, gross: r.gross, employerContributions: r.employer, payslips: Number(r.payslips) }));
  }
}

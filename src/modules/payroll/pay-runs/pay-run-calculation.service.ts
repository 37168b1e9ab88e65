import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { MoneyDecimal } from '../../../platform/money/money';
import { ApprovedTimeTotals, EmployeeSummary, HrFacade, UnpaidLeaveDay } from '../../hr';
import { calculatePayslip, CalculatorError, minorUnitsOf, HoursEntry, OneOffEarning, PayComponentRule, Payslip, RuleSet } from '../calculator/gross-to-net';
import { maxDate, minDate } from '../calendar-days';
import { Compensation } from '../compensation/compensation.entity';
import { toCompensationTerm } from '../compensation/compensation.service';
import { PayComponent } from '../pay-components/pay-component.entity';
import { toComponentRule } from '../pay-components/pay-components.service';
import { PERIODS_PER_YEAR } from '../pay-schedules/pay-periods';
import { PaySchedule } from '../pay-schedules/pay-schedule.entity';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { PayRun, PayRunInput } from './pay-run.entity';

/** Employees per batch: every batch costs the same fixed number of queries, whatever its size. */
export const CALCULATION_BATCH_SIZE = 1000;
export const FAULT_CALCULATE_MID = 'payroll.calculate.mid';

export interface RunTotals {
  employeeCount: number;
  currency: string | null;
  gross: string | null;
  net: string | null;
  employerContributions: string | null;
}

type ComponentRow = PayComponent & { assignment_employee_id: string | null; amount_override: string | null; rate_override: string | null };

const D = (v: string | number | Decimal) => new MoneyDecimal(v);
const hoursOf = (minutes: number) => D(minutes).div(60).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();

/**
 * Calculates and stores every payslip of a pay run, set-wise: per batch of employees a fixed
 * number of queries (HR employees, timesheets and unpaid leave through the HR facade; then
 * compensation, components, rule set assignments, inputs and year-to-date totals), then two
 * bulk inserts. Runs inside the caller's transaction, which holds the pay run's row lock.
 */
@Injectable()
export class PayRunCalculationService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly hr: HrFacade,
  ) {}

  async calculate(run: PayRun, schedule: PaySchedule): Promise<RunTotals> {
    const q = (sql: string, params: unknown[]) => this.db.manager.query(sql, params);
    const existing: Array<{ employee_id: string; id: string }> = await q('SELECT employee_id, id FROM payroll_payslips WHERE pay_run_id = $1', [run.id]);
    const keepIds = new Map(existing.map((r) => [r.employee_id, r.id]));
    await q('DELETE FROM payroll_payslips WHERE pay_run_id = $1', [run.id]);

    const period = { start: run.periodStart, end: run.periodEnd, periodsPerYear: PERIODS_PER_YEAR[schedule.frequency] };
    const offCycle = run.type === 'off_cycle';
    const ruleSets = await this.ruleSetsValidOn(run.periodEnd);
    // off-cycle runs pay one-offs only: recurring components were paid by the regular run
    const scheduleComponents = offCycle ? [] : await this.componentsFor({ scheduleId: schedule.id }, run.periodEnd);

    const ids: string[] = (
      await q(
        offCycle
          ? 'SELECT employee_id FROM payroll_pay_run_inputs WHERE pay_run_id = $1 ORDER BY employee_id'
          : 'SELECT employee_id FROM payroll_schedule_assignments WHERE pay_schedule_id = $1 ORDER BY employee_id',
        [offCycle ? run.id : schedule.id],
      )
    ).map((r: { employee_id: string }) => r.employee_id);

    const totals = { count: 0, currencies: new Set<string>(), gross: D(0), net: D(0), employer: D(0) };
    for (let i = 0; i < ids.length; i += CALCULATION_BATCH_SIZE) {
      const batch = ids.slice(i, i + CALCULATION_BATCH_SIZE);
      const employees = (await this.hr.findEmployees(batch))
        .filter((e) => e.hireDate <= run.periodEnd && (e.terminationDate === null || e.terminationDate >= run.periodStart))
        .sort((a, b) => a.id.localeCompare(b.id));
      if (!employees.length) continue;
      const activeIds = employees.map((e) => e.id);
      const [times, leave] = offCycle ? [[], []] : [await this.hr.approvedTimeForEmployees(activeIds, run.periodStart, run.periodEnd), await this.hr.unpaidLeaveDays(activeIds, run.periodStart, run.periodEnd)];
      const compensation = await this.db.getRepository(Compensation).createQueryBuilder('c').where('c.employee_id = ANY(:ids)', { ids: activeIds }).orderBy('c.employee_id').addOrderBy('c.effective_from').getMany();
      const employeeComponents = offCycle ? [] : await this.componentsFor({ employeeIds: activeIds }, run.periodEnd);
      const ruleSetCodes: Array<{ employee_id: string; rule_set_code: string }> = await q(
        `SELECT DISTINCT ON (employee_id) employee_id, rule_set_code FROM payroll_rule_set_assignments
          WHERE employee_id = ANY($1::uuid[]) AND effective_from <= $2 ORDER BY employee_id, effective_from DESC`,
        [activeIds, run.periodEnd],
      );
      const inputs = await this.db.getRepository(PayRunInput).createQueryBuilder('i').where('i.pay_run_id = :run AND i.employee_id = ANY(:ids)', { run: run.id, ids: activeIds }).getMany();
      const ytd: Array<{ employee_id: string; kind: string; code: string; total: string }> = await q(
        `SELECT p.employee_id, l.kind, l.code, sum(l.amount)::text AS total
           FROM payroll_payslips p
           JOIN payroll_pay_runs r ON r.id = p.pay_run_id
           JOIN payroll_payslip_lines l ON l.payslip_id = p.id
          WHERE p.employee_id = ANY($1::uuid[]) AND r.status IN ('approved', 'paid') AND r.id <> $2
            AND p.pay_date >= date_trunc('year', $3::date)::date AND p.pay_date <= $3::date
          GROUP BY p.employee_id, l.kind, l.code`,
        [activeIds, run.id, run.payDate],
      );

      const group = <T>(rows: T[], key: (r: T) => string) => {
        const m = new Map<string, T[]>();
        for (const r of rows) {
          const list = m.get(key(r));
          if (list) list.push(r);
          else m.set(key(r), [r]);
        }
        return m;
      };
      const compensationBy = group(compensation, (c) => c.employeeId);
      const timeBy = new Map((times as ApprovedTimeTotals[]).map((t) => [t.employeeId, t]));
      const leaveBy = group(leave as UnpaidLeaveDay[], (l) => l.employeeId);
      const componentsBy = group(employeeComponents, (c) => c.assignment_employee_id!);
      const ruleSetBy = new Map(ruleSetCodes.map((r) => [r.employee_id, r.rule_set_code]));
      const inputBy = new Map(inputs.map((x) => [x.employeeId, x]));
      const ytdBy = new Map(ytd.map((y) => [`${y.employee_id}|${y.kind}|${y.code}`, y.total]));

      const payslipRows: Record<string, unknown>[] = [];
      const lineRows: Record<string, unknown>[] = [];
      for (const employee of employees) {
        const code = ruleSetBy.get(employee.id) ?? run.ruleSetCode;
        const ruleSet = code ? ruleSets.get(code) : undefined;
        if (!ruleSet) {
          throw new PayrollException(PayrollErrorCode.NoRuleSet, `${employee.employeeNumber} has no rule set valid on ${run.periodEnd}${code ? ` (${code})` : ''}; assign one or give the run a ruleSetCode.`, { employeeId: employee.id });
        }
        const input = inputBy.get(employee.id);
        const slip = this.payslip(run, schedule, period, employee, {
          compensation: compensationBy.get(employee.id) ?? [],
          time: timeBy.get(employee.id),
          leave: leaveBy.get(employee.id) ?? [],
          components: mergeComponents(scheduleComponents, componentsBy.get(employee.id) ?? []),
          input,
          ruleSet,
          offCycle,
        });
        const id = keepIds.get(employee.id) ?? newId();
        payslipRows.push({
          id,
          pay_run_id: run.id,
          employee_id: employee.id,
          employee_number: employee.employeeNumber,
          employee_name: `${employee.firstName} ${employee.lastName}`,
          period_start: run.periodStart,
          period_end: run.periodEnd,
          pay_date: run.payDate,
          currency: slip.totals.currency,
          rule_set_code: ruleSet.code,
          rule_set_valid_from: ruleSet.validFrom,
          gross: slip.totals.gross,
          taxable_gross: slip.totals.taxableGross,
          pre_tax_deductions: slip.totals.preTaxDeductions,
          taxes: slip.totals.taxes,
          post_tax_deductions: slip.totals.postTaxDeductions,
          net: slip.totals.net,
          employer_contributions: slip.totals.employerContributions,
        });
        slip.lines.forEach((l, n) => {
          const prior = ytdBy.get(`${employee.id}|${l.kind}|${l.code}`) ?? '0';
          const places = l.amount.split('.')[1]?.length ?? 0;
          lineRows.push({
            payslip_id: id,
            line_no: n + 1,
            code: l.code,
            name: l.name,
            kind: l.kind,
            amount: l.amount,
            ytd_amount: D(prior).plus(l.amount).toFixed(places),
            explanation: l.explanation,
            detail: l.detail,
          });
        });
        totals.count++;
        totals.currencies.add(slip.totals.currency);
        totals.gross = totals.gross.plus(slip.totals.gross);
        totals.net = totals.net.plus(slip.totals.net);
        totals.employer = totals.employer.plus(slip.totals.employerContributions);
      }
      await this.insertPayslips(payslipRows, lineRows);
      if (i === 0) injectFault(FAULT_CALCULATE_MID);
    }

    const single = totals.currencies.size === 1 ? [...totals.currencies][0] : null;
    const fmt = (v: Decimal) => (single ? v.toFixed(minorUnitsOf(single)) : null);
    return { employeeCount: totals.count, currency: single, gross: fmt(totals.gross), net: fmt(totals.net), employerContributions: fmt(totals.employer) };
  }

  /** Two statements per batch, whatever its size: the rows travel as one JSON parameter each. */
  async insertPayslips(payslips: Record<string, unknown>[], lines: Record<string, unknown>[]): Promise<void> {
    if (!payslips.length) return;
    await this.db.manager.query(
      `INSERT INTO payroll_payslips (id, pay_run_id, employee_id, employee_number, employee_name, period_start, period_end, pay_date, currency,
              rule_set_code, rule_set_valid_from, gross, taxable_gross, pre_tax_deductions, taxes, post_tax_deductions, net, employer_contributions)
       SELECT id, pay_run_id, employee_id, employee_number, employee_name, period_start, period_end, pay_date, currency,
              rule_set_code, rule_set_valid_from, gross, taxable_gross, pre_tax_deductions, taxes, post_tax_deductions, net, employer_contributions
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, pay_run_id uuid, employee_id uuid, employee_number text, employee_name text, period_start date,
              period_end date, pay_date date, currency text, rule_set_code text, rule_set_valid_from date, gross numeric, taxable_gross numeric,
              pre_tax_deductions numeric, taxes numeric, post_tax_deductions numeric, net numeric, employer_contributions numeric)`,
      [JSON.stringify(payslips)],
    );
    if (!lines.length) return;
    await this.db.manager.query(
      `INSERT INTO payroll_payslip_lines (payslip_id, line_no, code, name, kind, amount, ytd_amount, explanation, detail)
       SELECT payslip_id, line_no, code, name, kind, amount, ytd_amount, explanation, detail
         FROM jsonb_to_recordset($1::jsonb) AS x(payslip_id uuid, line_no int, code text, name text, kind text, amount numeric, ytd_amount numeric, explanation text, detail jsonb)`,
      [JSON.stringify(lines)],
    );
  }

  private payslip(
    run: PayRun,
    schedule: PaySchedule,
    period: { start: string; end: string; periodsPerYear: number },
    employee: EmployeeSummary,
    data: { compensation: Compensation[]; time?: ApprovedTimeTotals; leave: UnpaidLeaveDay[]; components: PayComponentRule[]; input?: PayRunInput; ruleSet: RuleSet; offCycle: boolean },
  ): Payslip {
    const employedFrom = maxDate(period.start, employee.hireDate);
    const employedTo = employee.terminationDate ? minDate(period.end, employee.terminationDate) : period.end;
    const hours: HoursEntry[] = [];
    const t = data.time;
    if (t) {
      // HR counts night and holiday minutes inside regular or overtime minutes; here they are priced on their own lines.
      const day = minDate(maxDate(t.lastDay, employedFrom), employedTo);
      const regular = Math.max(0, t.regularMinutes - t.nightMinutes - t.holidayMinutes);
      for (const [kind, minutes] of [['regular', regular], ['overtime', t.overtimeMinutes], ['night', t.nightMinutes], ['holiday', t.holidayMinutes]] as const) {
        if (minutes > 0) hours.push({ date: day, kind, hours: hoursOf(minutes) });
      }
    }
    const input = data.input;
    hours.push(...(input?.hours ?? []));
    const oneOffs: OneOffEarning[] = [];
    const oneOff = (code: string, name: string, value: string | undefined, taxable: boolean, explanation: string) => {
      if (value !== undefined && !D(value).isZero()) oneOffs.push({ code, name, amount: D(value).toString(), taxable, explanation });
    };
    oneOff('BONUS', 'Bonus', input?.bonus, true, 'one-off bonus of this run');
    oneOff('COMMISSION', 'Commission', input?.commission, true, 'one-off commission of this run');
    oneOff('CORRECTION', 'Correction', input?.correction, true, `correction${run.reason ? `: ${run.reason}` : ''}`);
    oneOff('REIMBURSEMENT', 'Reimbursement', input?.reimbursement, false, 'expenses paid back, not taxable');
    try {
      return calculatePayslip({
        period,
        employment: { hireDate: employee.hireDate, terminationDate: employee.terminationDate },
        prorationMethod: schedule.prorationMethod,
        compensation: data.compensation.map(toCompensationTerm),
        unpaidDays: [...new Set([...data.leave.filter((l) => l.fraction === '1').map((l) => l.date), ...(input?.unpaidDays ?? [])])].sort(),
        unpaidHalfDays: data.leave.filter((l) => l.fraction === '0.5').map((l) => l.date),
        hours,
        components: data.components,
        componentHours: input?.componentHours ?? {},
        oneOffs,
        skipBasePay: data.offCycle,
        ruleSet: data.ruleSet,
      });
    } catch (e) {
      if (e instanceof CalculatorError) {
        throw new PayrollException(PayrollErrorCode.CannotCalculate, `${employee.employeeNumber}: ${e.message}`, { reason: e.code, employeeId: employee.id });
      }
      throw e;
    }
  }

  /** The latest version of every rule set valid on a day, by code (rule sets are few). */
  private async ruleSetsValidOn(day: string): Promise<Map<string, RuleSet>> {
    const rows: Array<{ code: string; valid_from: string; tax_allowance: string; tax_brackets: RuleSet['taxBrackets']; contributions: RuleSet['contributions'] }> = await this.db.manager.query(
      `SELECT DISTINCT ON (code) code, valid_from::text AS valid_from, tax_allowance::text AS tax_allowance, tax_brackets, contributions
         FROM payroll_rule_sets WHERE valid_from <= $1 ORDER BY code, valid_from DESC`,
      [day],
    );
    return new Map(rows.map((r) => [r.code, { code: r.code, validFrom: r.valid_from, taxAllowance: D(r.tax_allowance).toString(), taxBrackets: r.tax_brackets, contributions: r.contributions }]));
  }

  /** Active components assigned to a schedule or to employees, covering the period's last day. */
  private async componentsFor(target: { scheduleId: string } | { employeeIds: string[] }, periodEnd: string): Promise<ComponentRow[]> {
    const bySchedule = 'scheduleId' in target;
    const rows: Array<Record<string, unknown>> = await this.db.manager.query(
      `SELECT DISTINCT ON (coalesce(a.employee_id, a.pay_schedule_id), c.id)
              c.*, a.employee_id AS assignment_employee_id, a.amount_override, a.rate_override
         FROM payroll_component_assignments a
         JOIN payroll_pay_components c ON c.id = a.pay_component_id
        WHERE ${bySchedule ? 'a.pay_schedule_id = $1' : 'a.employee_id = ANY($1::uuid[])'}
          AND c.active AND a.effective_from <= $2 AND (a.effective_to IS NULL OR a.effective_to >= $2)
        ORDER BY coalesce(a.employee_id, a.pay_schedule_id), c.id, a.effective_from DESC, a.id DESC`,
      [bySchedule ? target.scheduleId : target.employeeIds, periodEnd],
    );
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      kind: r.kind as PayComponent['kind'],
      taxable: r.taxable as boolean,
      calculationType: r.calculation_type as PayComponent['calculationType'],
      amount: r.amount as string | null,
      rate: r.rate as string | null,
      base: r.base as PayComponent['base'],
      baseComponent: r.base_component as string | null,
      glAccount: r.gl_account as string,
      sequence: r.sequence as number,
      active: r.active as boolean,
      version: r.version as number,
      createdAt: r.created_at as Date,
      updatedAt: r.updated_at as Date,
      assignment_employee_id: r.assignment_employee_id as string | null,
      amount_override: r.amount_override as string | null,
      rate_override: r.rate_override as string | null,
    }));
  }
}

/** The schedule's components, with the employee's own assignment of the same component winning; by sequence, then code. */
function mergeComponents(scheduleWide: ComponentRow[], own: ComponentRow[]): PayComponentRule[] {
  const byId = new Map<string, ComponentRow>();
  for (const c of scheduleWide) byId.set(c.id, c);
  for (const c of own) byId.set(c.id, c);
  return [...byId.values()]
    .sort((a, b) => a.sequence - b.sequence || a.code.localeCompare(b.code))
    .map((c) => toComponentRule(c, { amount: c.amount_override, rate: c.rate_override }));
}

/** A crash point for recovery tests: only under NODE_ENV=test and only when asked for by name. */
function injectFault(point: string): void {
  if (process.env.NODE_ENV === 'test' && process.env.FAULT_INJECT === point) process.kill(process.pid, 'SIGKILL');
}

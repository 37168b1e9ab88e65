import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { HrFacade } from '../../hr';
import { PayRunStatus } from '../pay-runs/pay-run.entity';
import { PayRunsService, toPayRunDto } from '../pay-runs/pay-runs.service';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { PayRunPreviewDto, PayslipDto, PayslipSummaryDto } from './dto/payslip.dto';
import { PayslipLineRecord, PayslipRecord } from './payslip.entity';

const RUN_SORTS: Record<string, SortField> = {
  employeeNumber: { column: 'p.employee_number', type: 'text', value: (p: PayslipRecord) => p.employeeNumber },
};
const EMPLOYEE_SORTS: Record<string, SortField> = {
  payDate: { column: 'p.pay_date', type: 'date', value: (p: PayslipRecord) => p.payDate },
};

const summary = (p: PayslipRecord): PayslipSummaryDto => ({
  id: p.id,
  payRunId: p.payRunId,
  employeeId: p.employeeId,
  employeeNumber: p.employeeNumber,
  employeeName: p.employeeName,
  payDate: p.payDate,
  currency: p.currency,
  gross: p.gross,
  net: p.net,
  employerContributions: p.employerContributions,
});

/** Reads stored payslips; the body holds nothing that changes when the same inputs are calculated again. */
@Injectable()
export class PayslipsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly hr: HrFacade,
    private readonly runs: PayRunsService,
  ) {}

  async get(id: string): Promise<PayslipDto> {
    const p = await this.db.findById(PayslipRecord, id);
    if (!p) throw new NotFoundProblem('Payslip', id);
    const lines = await this.db.getRepository(PayslipLineRecord).createQueryBuilder('l').where('l.payslip_id = :id', { id }).orderBy('l.line_no').getMany();
    return {
      id: p.id,
      payRunId: p.payRunId,
      employeeId: p.employeeId,
      employeeNumber: p.employeeNumber,
      employeeName: p.employeeName,
      period: { start: p.periodStart, end: p.periodEnd },
      payDate: p.payDate,
      ruleSet: { code: p.ruleSetCode, validFrom: p.ruleSetValidFrom },
      lines: lines.map((l) => ({ lineNo: l.lineNo, code: l.code, name: l.name, kind: l.kind, amount: l.amount, ytd: l.ytdAmount, explanation: l.explanation, detail: l.detail })),
      totals: {
        currency: p.currency,
        gross: p.gross,
        taxableGross: p.taxableGross,
        preTaxDeductions: p.preTaxDeductions,
        taxes: p.taxes,
        postTaxDeductions: p.postTaxDeductions,
        net: p.net,
        employerContributions: p.employerContributions,
      },
    };
  }

  /** An employee's payslips of approved and paid runs, latest pay date first. */
  async forEmployee(employeeId: string, query: { limit?: number; cursor?: string }): Promise<Page<PayslipSummaryDto>> {
    if (!(await this.hr.findEmployee(employeeId))) throw new NotFoundProblem('Employee', employeeId);
    const qb = this.db
      .getRepository(PayslipRecord)
      .createQueryBuilder('p')
      .where('p.employee_id = :employeeId', { employeeId })
      .andWhere(`EXISTS (SELECT 1 FROM payroll_pay_runs r WHERE r.id = p.pay_run_id AND r.status IN ('approved', 'paid'))`);
    return paginate(qb, { sort: '-payDate', fields: EMPLOYEE_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: summary });
  }

  /** The run with its payslips, by employee number: what approval would lock (or has locked). */
  async preview(runId: string, query: { limit?: number; cursor?: string }): Promise<PayRunPreviewDto> {
    const run = await this.runs.findOrThrow(runId);
    const calculated: PayRunStatus[] = ['calculated', 'approved', 'paid'];
    if (!calculated.includes(run.status)) {
      throw new PayrollException(PayrollErrorCode.PayRunNotCalculated, `The pay run is ${run.status}; calculate it to preview its payslips.`, { currentState: run.status });
    }
    const qb = this.db.getRepository(PayslipRecord).createQueryBuilder('p').where('p.pay_run_id = :runId', { runId });
    const page = await paginate(qb, { sort: 'employeeNumber', fields: RUN_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: summary });
    return { payRun: toPayRunDto(run), ...page };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { ContractsFacade } from '../../contracts';
import { HrFacade } from '../../hr';
import { InventoryFacade } from '../../inventory';
import { InvoicingFacade } from '../../invoicing';
import { ItTicketsFacade } from '../../it-tickets';
import { PayrollFacade } from '../../payroll';
import {
  ContractsReportDto,
  HeadcountReportDto,
  InventoryValueReportDto,
  OverviewDto,
  PayrollCostReportDto,
  ReportRangeQuery,
  MonthlyRevenueReportDto,
  SlaComplianceReportDto,
} from './dto/reports.dto';
import { addDays, compliancePercent, formatAmount, monthRange, MonthRange } from './report-math';

/** Renewals listed in the contracts report (the total counts them all). */
const RENEWALS_LISTED = 100;

/**
 * Cross-module reports. Each business module computes its figures in SQL over its own tables and
 * hands them over through its facade; this service only validates ranges, maps and formats.
 */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hr: HrFacade,
    private readonly payroll: PayrollFacade,
    private readonly invoicing: InvoicingFacade,
    private readonly inventory: InventoryFacade,
    private readonly it: ItTicketsFacade,
    private readonly contracts: ContractsFacade,
  ) {}

  private today(): string {
    return todayIn(this.config.COMPANY_TIME_ZONE);
  }

  private range(query: ReportRangeQuery): MonthRange {
    const result = monthRange(query.from, query.to, this.today());
    if ('error' in result) throw new PlatformException(PlatformErrorCode.ValidationFailed, result.error, {}, [{ field: result.field, message: result.error }]);
    return result;
  }

  async headcount(query: ReportRangeQuery): Promise<HeadcountReportDto> {
    const r = this.range(query);
    return { from: r.from, to: r.to, data: await this.hr.headcountByMonth(r.firstDay, r.lastMonthFirstDay) };
  }

  /**
   * Payslips of approved and paid runs by pay-date month; each payslip counts in the employee's
   * current HR department (HR keeps no department history). Three queries whatever the size:
   * the employees paid in the range, their departments (HR), the sums grouped by department.
   */
  async payrollCost(query: ReportRangeQuery): Promise<PayrollCostReportDto> {
    const r = this.range(query);
    const employees = await this.payroll.paidEmployees(r.firstDay, r.lastDay);
    const departments = await this.hr.departmentsOf(employees);
    const byId = new Map(departments.filter((d) => d.departmentId).map((d) => [d.departmentId!, d]));
    const rows = await this.payroll.costByGroup(
      r.firstDay,
      r.lastDay,
      departments.map((d) => d.employeeId),
      departments.map((d) => d.departmentId),
    );
    return {
      from: r.from,
      to: r.to,
      data: rows.map((row) => {
        const d = row.groupKey ? byId.get(row.groupKey) : undefined;
        return {
          month: row.month,
          departmentId: d?.departmentId ?? null,
          departmentCode: d?.departmentCode ?? null,
          departmentName: d?.departmentName ?? null,
          currency: row.currency,
          gross: formatAmount(row.gross, row.currency),
          employerContributions: formatAmount(row.employerContributions, row.currency),
          totalCost: formatAmount(new Decimal(row.gross).plus(row.employerContributions).toFixed(), row.currency),
          payslips: row.payslips,
        };
      }),
    };
  }

  async revenue(query: ReportRangeQuery): Promise<MonthlyRevenueReportDto> {
    const r = this.range(query);
    const rows = await this.invoicing.revenueByMonth(r.firstDay, r.lastDay);
    return {
      from: r.from,
      to: r.to,
      data: rows.map((row) => ({
        ...row,
        invoiced: formatAmount(row.invoiced, row.currency),
        credited: formatAmount(row.credited, row.currency),
        revenue: formatAmount(row.revenue, row.currency),
        receivables: formatAmount(row.receivables, row.currency),
      })),
    };
  }

  async inventoryValue(asOf: string | undefined): Promise<InventoryValueReportDto> {
    const day = asOf ?? this.today();
    const rows = await this.inventory.valueByWarehouse(day, this.config.COMPANY_TIME_ZONE);
    const total = rows.reduce((sum, row) => sum.plus(row.value), new Decimal(0));
    return {
      asOf: day,
      totalValue: total.toFixed(2, Decimal.ROUND_HALF_UP),
      data: rows.map((row) => ({ ...row, value: new Decimal(row.value).toFixed(2, Decimal.ROUND_HALF_UP) })),
    };
  }

  async itSla(query: ReportRangeQuery): Promise<SlaComplianceReportDto> {
    const r = this.range(query);
    const rows = await this.it.slaByMonth(r.firstDay, r.lastMonthFirstDay, this.config.COMPANY_TIME_ZONE);
    return { from: r.from, to: r.to, data: rows.map((row) => ({ ...row, compliancePercent: compliancePercent(row.met, row.breached) })) };
  }

  async contractsReport(query: ReportRangeQuery): Promise<ContractsReportDto> {
    const r = this.range(query);
    const today = this.today();
    const until = addDays(today, 90);
    const [byType, renewals] = [await this.contracts.valueByType(r.firstDay, r.lastDay), await this.contracts.renewalsDue(today, until, RENEWALS_LISTED)];
    return {
      from: r.from,
      to: r.to,
      data: byType.map((row) => ({ ...row, value: row.currency ? formatAmount(row.value, row.currency) : new Decimal(row.value).toFixed(2) })),
      renewals: {
        from: today,
        to: until,
        total: renewals.total,
        data: renewals.data.map((c) => ({ ...c, value: c.value && c.currency ? formatAmount(c.value, c.currency) : c.value })),
      },
    };
  }

  /** Six queries, one per module, whatever the data. */
  async overview(): Promise<OverviewDto> {
    const today = this.today();
    const monthStart = `${today.slice(0, 7)}-01`;
    const people = await this.hr.headcountToday(today);
    const payroll = await this.payroll.lastPayrollCost();
    const money = await this.invoicing.receivablesToday(today);
    const stock = await this.inventory.stockToday();
    const desk = await this.it.deskToday(monthStart, this.config.COMPANY_TIME_ZONE);
    const notices = await this.contracts.noticeDeadlinesDue(today, addDays(today, 30));
    return {
      today,
      headcount: people.headcount,
      hiresThisMonth: people.hiresThisMonth,
      leaversThisMonth: people.leaversThisMonth,
      lastPayroll: payroll.map((p) => ({ ...p, gross: formatAmount(p.gross, p.currency), employerContributions: formatAmount(p.employerContributions, p.currency) })),
      revenueThisMonth: money.map((m) => ({ currency: m.currency, amount: formatAmount(m.revenueThisMonth, m.currency) })),
      receivablesOverdue: money.filter((m) => m.overdueInvoices > 0).map((m) => ({ currency: m.currency, amount: formatAmount(m.overdue, m.currency) })),
      inventoryValue: new Decimal(stock.value).toFixed(2, Decimal.ROUND_HALF_UP),
      itemsBelowReorderPoint: stock.itemsBelowReorderPoint,
      openP1P2Tickets: desk.openP1P2,
      slaBreachesThisMonth: desk.slaBreachesThisMonth,
      noticeDeadlinesNext30Days: notices,
    };
  }
}

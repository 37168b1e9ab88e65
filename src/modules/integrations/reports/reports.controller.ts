import { applyDecorators, Controller, Get, Headers, Query, Res, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { csvCell, csvColumns, wantsCsv } from '../../../platform/http/csv-export.interceptor';
import { Endpoint } from '../../../platform/http/openapi';
import { PAYROLL_READ } from '../../payroll';
import {
  AsOfQuery,
  ContractsReportDto,
  ContractValueRowDto,
  HeadcountReportDto,
  HeadcountRowDto,
  InventoryValueReportDto,
  OverviewDto,
  PayrollCostReportDto,
  PayrollCostRowDto,
  ReportRangeQuery,
  MonthlyRevenueReportDto,
  RevenueMonthRowDto,
  SlaComplianceReportDto,
  SlaComplianceRowDto,
  WarehouseValueRowDto,
} from './dto/reports.dto';
import { REPORTS_READ } from './reports.scopes';
import { ReportsService } from './reports.service';

const CSV_NOTE = 'With `Accept: text/csv`: the rows of `data` as CSV (a header row of the field names, CRLF line ends, empty for null; text a spreadsheet would run as a formula is prefixed with an apostrophe).';

/** The 200 response of a report: JSON by default, the `data` rows as CSV with `Accept: text/csv`. Put it above `@Endpoint`. */
function ReportResponse(report: Type<unknown>, csvExample: string) {
  return applyDecorators(
    ApiExtraModels(report),
    ApiProduces('application/json', 'text/csv'),
    ApiResponse({
      status: 200,
      description: `The report. ${CSV_NOTE}`,
      headers: { 'X-Request-Id': { description: 'Request id (echoed, or generated).', schema: { type: 'string', maxLength: 128 } } },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(report) } },
        'text/csv': { schema: { type: 'string', maxLength: 100_000_000, description: CSV_NOTE }, example: csvExample },
      },
    }),
  );
}

/** The report as JSON, or its `data` rows as CSV when the client asks for text/csv. */
function respond<T extends { data: object[] }>(report: T, row: new () => unknown, accept: string | undefined, reply: FastifyReply, name: string): T | string {
  if (!wantsCsv(accept)) return report;
  const columns = csvColumns(row);
  reply.header('Content-Type', 'text/csv; charset=utf-8');
  reply.header('Content-Disposition', `attachment; filename="${name}.csv"`);
  return stringify(
    report.data.map((r) => columns.map((c) => csvCell((r as Record<string, unknown>)[c]))),
    { header: true, columns, record_delimiter: 'windows' },
  );
}

const RANGE = 'Months `from`..`to` (YYYY-MM, both included, at most 36 months; the last 12 months by default); a reversed or longer range is 422 `validation_failed`.';

@ApiTags('reports')
@Controller('reports')
export class CompanyReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('headcount')
  @ReportResponse(HeadcountReportDto, 'month,departmentId,departmentCode,departmentName,headcount,hires,leavers\r\n2026-11,0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10,ENG,Engineering,12,2,1\r\n')
  @Endpoint({
    summary: 'Headcount at month end, hires and leavers per department per month',
    description: `${RANGE} An employee counts at a month end when hired on or before it and their termination date (their last day) is not before it; departments are the employees' current ones (HR keeps no department history).`,
    scopes: [REPORTS_READ],
    errors: [422],
  })
  async headcount(@Query() query: ReportRangeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(await this.reports.headcount(query), HeadcountRowDto, accept, reply, 'headcount');
  }

  @Get('payroll-cost')
  @ReportResponse(PayrollCostReportDto, 'month,departmentId,departmentCode,departmentName,currency,gross,employerContributions,totalCost,payslips\r\n2026-11,0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10,ENG,Engineering,EUR,10500.00,2100.00,12600.00,3\r\n')
  @Endpoint({
    summary: 'Payroll cost (gross, employer contributions) per department per month',
    description: `${RANGE} Payslips of approved and paid pay runs, by the month of their pay date, per currency; a payslip counts in the employee's current HR department. Salary figures per department, so this needs \`payroll:read\` besides \`reports:read\`.`,
    scopes: [REPORTS_READ, PAYROLL_READ],
    errors: [422],
  })
  async payrollCost(@Query() query: ReportRangeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(await this.reports.payrollCost(query), PayrollCostRowDto, accept, reply, 'payroll-cost');
  }

  @Get('revenue')
  @ReportResponse(MonthlyRevenueReportDto, 'month,currency,invoiced,credited,revenue,receivables,invoices,creditNotes\r\n2026-11,EUR,3000.00,200.00,2800.00,1380.00,2,1\r\n')
  @Endpoint({
    summary: 'Revenue and receivables per month, per currency',
    description: `${RANGE} Revenue: tax-exclusive amounts of the invoices issued in the month (void ones left out) minus the credit notes issued in the month. Receivables: what the invoices issued in the month still have due now (not at the month end).`,
    scopes: [REPORTS_READ],
    errors: [422],
  })
  async revenue(@Query() query: ReportRangeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(await this.reports.revenue(query), RevenueMonthRowDto, accept, reply, 'revenue');
  }

  @Get('inventory-value')
  @ReportResponse(InventoryValueReportDto, 'warehouseId,warehouseCode,warehouseName,items,value\r\n0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9a10,MAIN,Main warehouse,14,15250.40\r\n')
  @Endpoint({
    summary: 'Inventory value per warehouse as of a day',
    description: 'Quantity per item and warehouse from the stock ledger at the end of `asOf` (company time zone), valued at the item\'s unit cost at that instant (the rule of `GET /inventory/valuation`), in the company currency. Every warehouse is listed.',
    scopes: [REPORTS_READ],
    errors: [422],
  })
  async inventoryValue(@Query() query: AsOfQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(await this.reports.inventoryValue(query.asOf), WarehouseValueRowDto, accept, reply, 'inventory-value');
  }

  @Get('it-sla')
  @ReportResponse(SlaComplianceReportDto, 'month,tickets,met,breached,pending,compliancePercent\r\n2026-11,40,35,3,2,92.1\r\n')
  @Endpoint({
    summary: 'IT SLA compliance per month',
    description: `${RANGE} Tickets under an SLA policy by creation month (company time zone): met when first response and resolution both stopped within target; breached when a target was missed or a running clock is past due now.`,
    scopes: [REPORTS_READ],
    errors: [422],
  })
  async itSla(@Query() query: ReportRangeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(await this.reports.itSla(query), SlaComplianceRowDto, accept, reply, 'it-sla');
  }

  @Get('contracts')
  @ReportResponse(ContractsReportDto, 'type,currency,contracts,value\r\ncustomer,EUR,4,120000.00\r\n')
  @Endpoint({
    summary: 'Contract value by type and currency, renewals in the next 90 days',
    description: `${RANGE} Value of the running contracts (approved, active, expiring) whose term overlaps the range, per type and currency; and the running contracts whose next renewal date is within 90 days from today (the CSV has the value rows only).`,
    scopes: [REPORTS_READ],
    errors: [422],
  })
  async contracts(@Query() query: ReportRangeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(await this.reports.contractsReport(query), ContractValueRowDto, accept, reply, 'contracts');
  }

  @Get('overview')
  @Endpoint({
    summary: 'The morning overview of a back-office manager',
    description: 'Headcount, hires and leavers this month, the last payroll cost, revenue this month, overdue receivables, inventory value, items below their reorder point, open P1/P2 tickets, SLA breaches this month and notice deadlines in the next 30 days. One query per module. JSON only.',
    scopes: [REPORTS_READ],
    type: OverviewDto,
  })
  overview() {
    return this.reports.overview();
  }
}

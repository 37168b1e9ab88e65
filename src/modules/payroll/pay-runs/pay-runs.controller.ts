import { Body, Controller, Get, Header, Param, Post, Put, Query } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { PageQuery } from '../../../platform/http/pagination';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_SENSITIVE } from '../../hr';
import { PAYROLL_APPROVE, PAYROLL_EXPORT, PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import { PayRunPreviewDto } from '../payslips/dto/payslip.dto';
import { PayslipsService } from '../payslips/payslips.service';
import { CreatePayRunDto, ListPayRunsQuery, PayRunDto, PayRunInputDto, PayRunInputViewDto, PayRunPageDto } from './dto/pay-run.dto';
import { PayRunExportsService } from './pay-run-exports.service';
import { PayRunsService } from './pay-runs.service';

const CSV_RESPONSE = (description: string, example: string) =>
  ApiResponse({ status: 200, description, content: { 'text/csv': { schema: { type: 'string', maxLength: 100_000_000 }, example } } });

@ApiTags('payroll')
@Controller('payroll/pay-runs')
export class PayRunsController {
  constructor(
    private readonly runs: PayRunsService,
    private readonly payslips: PayslipsService,
    private readonly exports: PayRunExportsService,
  ) {}

  @Post()
  @Endpoint({
    summary: 'Create a pay run (draft)',
    description:
      '`regular`: the schedule\'s period containing `periodStart`, with the schedule\'s pay date; one live regular run per schedule and period (409). ' +
      '`off_cycle`: for corrections and bonuses, with `periodEnd`, `payDate` and `reason`; pays only employees given inputs.',
    scopes: [PAYROLL_WRITE], status: 201, type: PayRunDto, idempotent: true, body: true, etag: true, errors: [404, 409],
  })
  create(@Body() body: CreatePayRunDto) {
    return this.runs.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List pay runs', scopes: [PAYROLL_READ], type: PayRunPageDto, errors: [422] })
  list(@Query() query: ListPayRunsQuery) {
    return this.runs.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a pay run with its totals and allowed actions', scopes: [PAYROLL_READ], type: PayRunDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.runs.get(id);
  }

  @Put(':id/inputs/:employeeId')
  @Endpoint({
    summary: 'Set one employee\'s one-off inputs for a pay run',
    description: 'Bonus, commission, reimbursement, correction, extra hours and unpaid days; replaces earlier inputs of the employee. The employee must be on the run\'s schedule (422 `employee_not_on_schedule`). ' +
      'A calculated run becomes a draft again (recalculate it); an approved run refuses (409). If-Match takes the pay run\'s ETag.',
    scopes: [PAYROLL_WRITE], type: PayRunInputViewDto, ifMatch: true, body: true, errors: [404, 409], noOp: true,
  })
  setInput(@Param('id', ParseUuidPipe) id: string, @Param('employeeId', ParseUuidPipe) employeeId: string, @Body() body: PayRunInputDto, @IfMatch() version?: number) {
    return this.runs.setInput(id, employeeId, body, version);
  }

  @Post(':id/calculate')
  @Endpoint({
    summary: 'Calculate every payslip of a pay run',
    description: 'draft or calculated → calculated; replaces the payslips of an earlier calculation (same inputs give byte-identical payslips). ' +
      'Reads approved timesheets and unpaid leave from HR. 422 `cannot_calculate` or `no_rule_set` name the employee that cannot be paid.',
    scopes: [PAYROLL_WRITE], type: PayRunDto, ifMatch: true, etag: true, errors: [404, 409, 422],
  })
  calculate(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.runs.calculate(id, version);
  }

  @Get(':id/preview')
  @Endpoint({
    summary: 'Preview a calculated pay run: totals and payslips by employee number',
    description: 'What approval locks. 409 `pay_run_not_calculated` before the first calculation (or after an input change).',
    scopes: [PAYROLL_READ, HR_SENSITIVE], type: PayRunPreviewDto, errors: [404, 409, 422],
  })
  preview(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.payslips.preview(id, query);
  }

  @Post(':id/approve')
  @Endpoint({
    summary: 'Approve a calculated pay run; its payslips never change again',
    description: 'calculated → approved. With `PAYROLL_FOUR_EYES` on (default), the key that calculated the run cannot approve it (409 `four_eyes_required`). A draft is 409 `pay_run_not_calculated`.',
    scopes: [PAYROLL_APPROVE], type: PayRunDto, ifMatch: true, etag: true, errors: [404, 409],
  })
  approve(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.runs.approve(id, version);
  }

  @Post(':id/mark-paid')
  @Endpoint({ summary: 'Record that an approved pay run was paid', description: 'approved → paid.', scopes: [PAYROLL_APPROVE], type: PayRunDto, ifMatch: true, etag: true, errors: [404, 409] })
  markPaid(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.runs.markPaid(id, version);
  }

  @Post(':id/cancel')
  @Endpoint({ summary: 'Cancel a pay run that is not approved', description: 'draft or calculated → cancelled; frees the period for a new regular run.', scopes: [PAYROLL_WRITE], type: PayRunDto, ifMatch: true, etag: true, errors: [404, 409] })
  cancel(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.runs.cancel(id, version);
  }

  @Get(':id/bank-file')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv', 'application/problem+json')
  @CSV_RESPONSE('Bank payment file (CSV): name, iban, amount, currency, reference; one row per payslip with a positive net.', 'name,iban,amount,currency,reference\nAda Lovelace,DE89370400440532013000,4200.00,EUR,Salary 2026-03-31 EMP-00001\n')
  @Endpoint({
    summary: 'Bank payment file of an approved pay run (CSV)',
    description: 'Carries IBANs and net pay, which are sensitive fields: it needs `payroll:export` and `hr:sensitive`. Only approved or paid runs (409 `pay_run_not_approved`).',
    scopes: [PAYROLL_EXPORT, HR_SENSITIVE], errors: [404, 409],
  })
  bankFile(@Param('id', ParseUuidPipe) id: string) {
    return this.exports.bankFile(id);
  }

  @Get(':id/journal')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv', 'application/problem+json')
  @CSV_RESPONSE('Journal (CSV): account, description, debit, credit, currency per component; debits equal credits.', 'account,description,debit,credit,currency\n6000,SALARY Salary,5000.00,,EUR\n2200,Net pay 2026-03-31,,4200.00,EUR\n')
  @Endpoint({
    summary: 'Journal of an approved pay run (CSV), for the general ledger',
    description: 'Amounts per component and account (a component\'s `glAccount`, or the defaults: 6000 wages, 6100 employer contributions, 2300 taxes and contributions payable, 2310 deductions payable, 2200 net pay). Only approved or paid runs (409 `pay_run_not_approved`).',
    scopes: [PAYROLL_READ], errors: [404, 409],
  })
  journal(@Param('id', ParseUuidPipe) id: string) {
    return this.exports.journal(id);
  }
}

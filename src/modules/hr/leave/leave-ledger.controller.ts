import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import { AccrualRunDto, AccrualRunResultDto, BalancesQuery, LeaveAdjustmentDto, LeaveBalancesDto, LedgerEntryDto, LedgerEntryPageDto, ListLedgerQuery, ReverseEntryDto } from './dto/leave.dto';
import { LeaveLedgerService } from './leave-ledger.service';

@ApiTags('hr')
@Controller('hr')
export class LeaveLedgerController {
  constructor(private readonly ledger: LeaveLedgerService) {}

  @Get('employees/:id/leave-balances')
  @Endpoint({ summary: 'Leave balances of an employee as of a date', description: 'Derived from the ledger: every entry effective on or before `asOf`, per leave type, split by kind; `pending` is the total of submitted requests.', scopes: [HR_READ], type: LeaveBalancesDto, errors: [404, 422] })
  balances(@Param('id', ParseUuidPipe) id: string, @Query() query: BalancesQuery) {
    return this.ledger.balances(id, query.asOf);
  }

  @Get('employees/:id/leave-ledger')
  @Endpoint({ summary: 'Leave ledger entries of an employee', description: 'Append-only: grants, accruals, usage, adjustments, carry-over and expiry; corrections appear as reversing entries.', scopes: [HR_READ], type: LedgerEntryPageDto, errors: [422] })
  entries(@Param('id', ParseUuidPipe) id: string, @Query() query: ListLedgerQuery) {
    return this.ledger.entries(id, query);
  }

  @Post('employees/:id/leave-adjustments')
  @Endpoint({ summary: 'Adjust a leave balance', description: 'Appends an `adjustment` entry (signed amount, with a reason).', scopes: [HR_WRITE], status: 201, type: LedgerEntryDto, idempotent: true, body: true, errors: [404] })
  adjust(@Param('id', ParseUuidPipe) id: string, @Body() body: LeaveAdjustmentDto) {
    return this.ledger.adjust(id, body);
  }

  @Post('leave-ledger-entries/:id/reverse')
  @Endpoint({ summary: 'Reverse a leave ledger entry', description: 'Appends an entry of the same kind with the opposite amount. An entry is reversed at most once (409 `unique_violation`); a reversing entry, or the usage of a leave request (cancel the request instead), cannot be reversed (409 `reversal_not_allowed`).', scopes: [HR_WRITE], status: 201, type: LedgerEntryDto, idempotent: true, body: true, errors: [404, 409] })
  reverse(@Param('id', ParseUuidPipe) id: string, @Body() body: ReverseEntryDto) {
    return this.ledger.reverse(id, body.reason);
  }

  @Post('leave-accrual-runs')
  @Endpoint({ summary: 'Run leave accruals', description: 'What the hourly job `hr.leave.accrue` does, for a given day (backfills): yearly grants and monthly accruals prorated for hires and terminations, year close with the carry-over cap, and expiry of carried-over leave. Idempotent per employee, leave type and period: running it twice grants once.', scopes: [HR_WRITE], status: 200, type: AccrualRunResultDto, idempotent: true, body: true })
  run(@Body() body: AccrualRunDto) {
    return this.ledger.runAccruals(body.asOf);
  }
}

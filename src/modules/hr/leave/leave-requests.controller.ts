import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_APPROVE, HR_READ, HR_WRITE } from '../hr.scopes';
import { CancelLeaveRequestDto, CreateLeaveRequestDto, LeaveDecisionDto, LeaveRequestDto, LeaveRequestPageDto, ListLeaveRequestsQuery } from './dto/leave.dto';
import { LeaveRequestsService } from './leave-requests.service';

const STATES = 'States: draft → submitted → approved | rejected; draft, submitted or approved → cancelled. An action not allowed from the current state is 409 `invalid_state_transition` with the allowed actions.';

@ApiTags('hr')
@Controller('hr/leave-requests')
export class LeaveRequestsController {
  constructor(private readonly requests: LeaveRequestsService) {}

  @Post()
  @Endpoint({
    summary: 'Draft a leave request',
    description: `The amount counts only working days of the employee's calendar (weekends, public holidays and closures excluded); a half day counts 0.5. Overlap with a submitted or approved request is 409 \`leave_overlap\`. Emits \`hr.leave_request.created\`. ${STATES}`,
    scopes: [HR_WRITE], status: 201, type: LeaveRequestDto, idempotent: true, body: true, etag: true, errors: [404, 409],
  })
  create(@Body() body: CreateLeaveRequestDto) {
    return this.requests.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List leave requests', scopes: [HR_READ], type: LeaveRequestPageDto, errors: [422] })
  list(@Query() query: ListLeaveRequestsQuery) {
    return this.requests.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a leave request', scopes: [HR_READ], type: LeaveRequestDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.requests.get(id);
  }

  @Post(':id/submit')
  @Endpoint({ summary: 'Submit a leave request', description: `Checks overlap (409 \`leave_overlap\`) and the balance net of other pending requests (409 \`insufficient_leave_balance\` unless the type allows a negative balance). Emits \`hr.leave_request.submitted\`. ${STATES}`, scopes: [HR_WRITE], status: 200, type: LeaveRequestDto, idempotent: true, ifMatch: true, etag: true, errors: [404, 409] })
  submit(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.requests.submit(id, version);
  }

  @Post(':id/approve')
  @Endpoint({ summary: 'Approve a leave request', description: `\`approverEmployeeId\` must be the employee's manager, or the leave type's named approver (403 \`not_the_approver\`). Writes the usage entry to the ledger and emits \`hr.leave_request.approved\`. ${STATES}`, scopes: [HR_APPROVE], status: 200, type: LeaveRequestDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  approve(@Param('id', ParseUuidPipe) id: string, @Body() body: LeaveDecisionDto, @IfMatch() version?: number) {
    return this.requests.approve(id, body, version);
  }

  @Post(':id/reject')
  @Endpoint({ summary: 'Reject a leave request', description: `Same approver rule as approve. Emits \`hr.leave_request.rejected\`. ${STATES}`, scopes: [HR_APPROVE], status: 200, type: LeaveRequestDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  reject(@Param('id', ParseUuidPipe) id: string, @Body() body: LeaveDecisionDto, @IfMatch() version?: number) {
    return this.requests.reject(id, body, version);
  }

  @Post(':id/cancel')
  @Endpoint({ summary: 'Cancel a leave request', description: `Cancelling an approved request appends a reversing entry for its usage, which returns the balance. Emits \`hr.leave_request.cancelled\`. ${STATES}`, scopes: [HR_WRITE], status: 200, type: LeaveRequestDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  cancel(@Param('id', ParseUuidPipe) id: string, @Body() body: CancelLeaveRequestDto, @IfMatch() version?: number) {
    return this.requests.cancel(id, body, version);
  }
}

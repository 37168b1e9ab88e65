import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import { CreateLeaveTypeDto, LeaveTypeDto, LeaveTypePageDto, ListLeaveTypesQuery, UpdateLeaveTypeDto } from './dto/leave.dto';
import { LeaveTypesService } from './leave-types.service';

@ApiTags('hr')
@Controller('hr/leave-types')
export class LeaveTypesController {
  constructor(private readonly types: LeaveTypesService) {}

  @Post()
  @Endpoint({ summary: 'Create a leave type', description: 'Paid or unpaid, in days or hours, its accrual policy, carry-over cap and expiry, whether the balance may go negative, and who approves.', scopes: [HR_WRITE], status: 201, type: LeaveTypeDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateLeaveTypeDto) {
    return this.types.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List leave types', scopes: [HR_READ], type: LeaveTypePageDto, errors: [422] })
  list(@Query() query: ListLeaveTypesQuery) {
    return this.types.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a leave type', scopes: [HR_READ], type: LeaveTypeDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.types.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update a leave type', description: 'Changes apply to future requests and accrual runs; the ledger is never rewritten.', scopes: [HR_WRITE], type: LeaveTypeDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateLeaveTypeDto, @IfMatch() version?: number) {
    return this.types.update(id, body, version);
  }
}

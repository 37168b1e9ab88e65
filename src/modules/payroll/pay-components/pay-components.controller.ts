import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { PageQuery } from '../../../platform/http/pagination';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import {
  ComponentAssignmentDto,
  ComponentAssignmentPageDto,
  CreateComponentAssignmentDto,
  CreatePayComponentDto,
  ListPayComponentsQuery,
  PayComponentDto,
  PayComponentPageDto,
  UpdatePayComponentDto,
} from './dto/pay-component.dto';
import { PayComponentsService } from './pay-components.service';

@ApiTags('payroll')
@Controller('payroll/pay-components')
export class PayComponentsController {
  constructor(private readonly components: PayComponentsService) {}

  @Post()
  @Endpoint({
    summary: 'Define a pay component (earning, deduction, tax, employer contribution)',
    description: 'A calculation as data: fixed amount, percentage of gross / taxable gross / another component, or hours × rate; and the GL account for the journal. ' +
      'Inconsistent fields are 422 `invalid_component`; a built-in line code is 422 `reserved_component_code`; a taken code 409.',
    scopes: [PAYROLL_WRITE], status: 201, type: PayComponentDto, idempotent: true, body: true, etag: true, errors: [409],
  })
  create(@Body() body: CreatePayComponentDto) {
    return this.components.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List pay components', scopes: [PAYROLL_READ], type: PayComponentPageDto, errors: [422] })
  list(@Query() query: ListPayComponentsQuery) {
    return this.components.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a pay component', scopes: [PAYROLL_READ], type: PayComponentDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.components.get(id);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Change a pay component',
    description: 'Applies to calculations from now on; approved payslips keep what they were computed with. `active: false` leaves it out of new calculations.',
    scopes: [PAYROLL_WRITE], type: PayComponentDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true,
  })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePayComponentDto, @IfMatch() version?: number) {
    return this.components.update(id, body, version);
  }

  @Post(':id/assignments')
  @Endpoint({
    summary: 'Pay a component to an employee or to everyone on a schedule',
    description: 'Effective-dated (a period is covered when its last day lies in the span), with optional amount or rate overrides. An employee\'s own assignment wins over their schedule\'s.',
    scopes: [PAYROLL_WRITE], status: 201, type: ComponentAssignmentDto, idempotent: true, body: true, errors: [404],
  })
  assign(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateComponentAssignmentDto) {
    return this.components.assign(id, body);
  }

  @Get(':id/assignments')
  @Endpoint({ summary: 'Assignments of a pay component', scopes: [PAYROLL_READ], type: ComponentAssignmentPageDto, errors: [404, 422] })
  assignments(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.components.assignments(id, query);
  }
}

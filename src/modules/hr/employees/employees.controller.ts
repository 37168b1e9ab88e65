import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import {
  CreateEmployeeDto,
  EmployeeDto,
  EmployeePageDto,
  ListEmployeesQuery,
  ListReportsQuery,
  OrgChartDto,
  OrgChartQuery,
  TerminateEmployeeDto,
  UpdateEmployeeDto,
} from './dto/employee.dto';
import { EmployeesService } from './employees.service';

const POSITION_RULE = 'A position belongs to a department, and an employee holding one is in that department: a `positionId` of another department than the (resulting) `departmentId` is 409 `position_department_mismatch`, naming the employee\'s department (`employeeDepartmentId`), the position (`positionId`, `positionTitle`) and its department (`positionDepartmentId`).';
const SENSITIVE_NOTE = 'National id, IBAN and base salary are returned only to keys with `hr:sensitive`, and writing them needs it too (403 `missing_scope`).';

@ApiTags('hr')
@Controller('hr')
export class EmployeesController {
  constructor(private readonly employees: EmployeesService) {}

  @Post('employees')
  @Endpoint({
    summary: 'Hire an employee',
    description: `Creates the employee (status \`active\`, a generated employee number like \`EMP-00042\`) and emits \`hr.employee.hired\`. ${POSITION_RULE} With a \`positionId\` and no \`departmentId\`, the employee is placed in the position's department. ${SENSITIVE_NOTE}`,
    scopes: [HR_WRITE], status: 201, type: EmployeeDto, idempotent: true, body: true, etag: true, errors: [409],
  })
  hire(@Body() body: CreateEmployeeDto) {
    return this.employees.hire(body);
  }

  @Get('employees')
  @Endpoint({ summary: 'List employees', description: `Filters combine with AND. ${SENSITIVE_NOTE}`, scopes: [HR_READ], type: EmployeePageDto, errors: [422] })
  list(@Query() query: ListEmployeesQuery) {
    return this.employees.list(query);
  }

  @Get('employees/:id')
  @Endpoint({ summary: 'Get an employee', description: SENSITIVE_NOTE, scopes: [HR_READ], type: EmployeeDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.employees.get(id);
  }

  @Get('employees/:id/reports')
  @Endpoint({ summary: 'List direct reports', description: 'Employees whose manager is this employee.', scopes: [HR_READ], type: EmployeePageDto, errors: [404, 422] })
  reports(@Param('id', ParseUuidPipe) id: string, @Query() query: ListReportsQuery) {
    return this.employees.directReports(id, query);
  }

  @Patch('employees/:id')
  @Endpoint({
    summary: 'Update an employee',
    description: `Send only the fields to change; \`null\` clears an optional field. \`status\` moves between \`active\` and \`on_leave\` (emits \`hr.employee.status_changed\`); a manager change that would make a loop is 422 \`manager_cycle\`. ${POSITION_RULE} To move an employee to a position of another department, send \`departmentId\` and \`positionId\` together; an employee without a department who gets a position is placed in its department, and clearing \`departmentId\` while keeping a position is refused. ${SENSITIVE_NOTE}`,
    scopes: [HR_WRITE], type: EmployeeDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true,
  })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateEmployeeDto, @IfMatch() version?: number) {
    return this.employees.update(id, body, version);
  }

  @Post('employees/:id/terminate')
  @Endpoint({
    summary: 'Terminate an employee',
    description: 'Records the termination date and reason and emits `hr.employee.terminated`. On or before today (company time zone) the status becomes `terminated` at once; a future date takes effect on that day. Refused (409 `invalid_state_transition`) for a terminated employee or when a termination is already scheduled.',
    scopes: [HR_WRITE], status: 200, type: EmployeeDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409],
  })
  terminate(@Param('id', ParseUuidPipe) id: string, @Body() body: TerminateEmployeeDto, @IfMatch() version?: number) {
    return this.employees.terminate(id, body, version);
  }

  @Delete('employees/:id')
  @Endpoint({ summary: 'Delete an employee record', description: 'For records created by mistake. Refused with 409 `still_referenced` while the employee manages others or heads a department; use terminate for people who leave.', scopes: [HR_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.employees.remove(id, version);
  }

  @Get('org-chart')
  @Endpoint({ summary: 'Org chart', description: 'The reporting tree from `rootId` (or from everyone without a manager), down to `depth` levels, at most 2000 people.', scopes: [HR_READ], type: OrgChartDto, errors: [404, 422] })
  orgChart(@Query() query: OrgChartQuery) {
    return this.employees.orgChart(query);
  }
}

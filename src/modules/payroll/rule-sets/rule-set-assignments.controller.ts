import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import { AssignRuleSetDto, RuleSetAssignmentDto, RuleSetAssignmentHistoryDto } from './dto/rule-set-assignment.dto';
import { RuleSetAssignmentsService } from './rule-set-assignments.service';

@ApiTags('payroll')
@Controller('payroll/employees/:employeeId/rule-set')
export class RuleSetAssignmentsController {
  constructor(private readonly assignments: RuleSetAssignmentsService) {}

  @Post()
  @Endpoint({
    summary: 'Assign a tax and contribution rule set to an employee from a date',
    description: 'Effective-dated: a pay period uses the assignment in effect on its last day, and the rule set version valid on that day. One change per day (409); an unknown code is 422 `no_rule_set`.',
    scopes: [PAYROLL_WRITE], status: 201, type: RuleSetAssignmentDto, idempotent: true, body: true, errors: [404, 409],
  })
  assign(@Param('employeeId', ParseUuidPipe) employeeId: string, @Body() body: AssignRuleSetDto) {
    return this.assignments.assign(employeeId, body);
  }

  @Get()
  @Endpoint({ summary: 'An employee\'s rule set assignments, latest first', scopes: [PAYROLL_READ], type: RuleSetAssignmentHistoryDto, errors: [404] })
  history(@Param('employeeId', ParseUuidPipe) employeeId: string) {
    return this.assignments.history(employeeId);
  }
}

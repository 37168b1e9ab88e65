import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_SENSITIVE } from '../../hr';
import { PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import { CompensationService } from './compensation.service';
import { CompensationDto, CompensationHistoryDto, CompensationQuery, CreateCompensationDto } from './dto/compensation.dto';

@ApiTags('payroll')
@Controller('payroll/employees/:employeeId/compensation')
export class CompensationController {
  constructor(private readonly compensation: CompensationService) {}

  @Post()
  @Endpoint({
    summary: 'Change an employee\'s pay from a date',
    description: 'Adds a term to the history; it applies from `effectiveFrom` until the next term. One term per day (409). Not before the hire date (422 `compensation_before_hire`).',
    scopes: [PAYROLL_WRITE, HR_SENSITIVE], status: 201, type: CompensationDto, idempotent: true, body: true, errors: [404, 409],
  })
  create(@Param('employeeId', ParseUuidPipe) employeeId: string, @Body() body: CreateCompensationDto) {
    return this.compensation.create(employeeId, body);
  }

  @Get()
  @Endpoint({ summary: 'An employee\'s pay: the term in effect on a date and the whole history', scopes: [PAYROLL_READ, HR_SENSITIVE], type: CompensationHistoryDto, errors: [404, 422] })
  history(@Param('employeeId', ParseUuidPipe) employeeId: string, @Query() query: CompensationQuery) {
    return this.compensation.history(employeeId, query);
  }
}

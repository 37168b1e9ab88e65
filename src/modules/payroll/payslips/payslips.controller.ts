import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { PageQuery } from '../../../platform/http/pagination';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_SENSITIVE } from '../../hr';
import { PAYROLL_READ } from '../payroll.scopes';
import { PayslipDto, PayslipPageDto } from './dto/payslip.dto';
import { PayslipsService } from './payslips.service';

@ApiTags('payroll')
@Controller('payroll')
export class PayslipsController {
  constructor(private readonly payslips: PayslipsService) {}

  @Get('employees/:employeeId/payslips')
  @Endpoint({ summary: 'An employee\'s payslips of approved and paid pay runs, latest first', scopes: [PAYROLL_READ, HR_SENSITIVE], type: PayslipPageDto, errors: [404, 422] })
  forEmployee(@Param('employeeId', ParseUuidPipe) employeeId: string, @Query() query: PageQuery) {
    return this.payslips.forEmployee(employeeId, query);
  }

  @Get('payslips/:id')
  @Endpoint({
    summary: 'A payslip with every line, its explanation and year-to-date total',
    description: 'The sum of the earning lines minus the deduction and tax lines is exactly the net. Nothing in the body depends on when it was calculated.',
    scopes: [PAYROLL_READ, HR_SENSITIVE], type: PayslipDto, errors: [404],
  })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.payslips.get(id);
  }
}

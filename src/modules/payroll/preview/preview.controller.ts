import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { HR_SENSITIVE } from '../../hr';
import { PAYROLL_READ } from '../payroll.scopes';
import { PayslipPreviewDto, PreviewPayslipDto } from './dto/preview.dto';
import { PreviewService } from './preview.service';

@ApiTags('payroll')
@Controller('payroll/preview')
export class PreviewController {
  constructor(private readonly previews: PreviewService) {}

  @Post()
  @Endpoint({
    summary: 'Compute one employee\'s payslip for a period without saving it',
    description:
      'Uses the employee\'s pay schedule, compensation history and the rule set version valid on the period\'s last day. Every line explains itself. ' +
      '422 `no_pay_schedule`, `no_rule_set`, or `cannot_calculate` (e.g. no compensation in effect, hours outside the period).',
    scopes: [PAYROLL_READ, HR_SENSITIVE], status: 200, type: PayslipPreviewDto, idempotent: true, body: true, errors: [404],
  })
  preview(@Body() body: PreviewPayslipDto) {
    return this.previews.preview(body);
  }
}

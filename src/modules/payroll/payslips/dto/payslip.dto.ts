import { ApiProperty } from '@nestjs/swagger';
import { CURSOR_MAX_LENGTH, MAX_LIMIT, pageOf } from '../../../../platform/http/pagination';
import { COMPONENT_KINDS } from '../../calculator/gross-to-net';
import { PayRunDto } from '../../pay-runs/dto/pay-run.dto';
import { CODE_PATTERN, COMPUTED_AMOUNT, EXPLANATION_MAX_LENGTH, MAX_PAYSLIP_LINES, PayslipTotalsDto, PreviewRuleSetDto } from '../../preview/dto/preview.dto';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

export class StoredPayslipLineDto {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ pattern: CODE_PATTERN, maxLength: 20, example: 'INCOME_TAX' }) code: string;
  @ApiProperty({ maxLength: 200, example: 'Income tax' }) name: string;
  @ApiProperty({ enum: COMPONENT_KINDS, example: 'tax' }) kind: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, description: 'Rounded half-up to the currency\'s minor unit.', example: '600.00' }) amount: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, description: 'Year to date (pay-date year) of this component and kind: approved and paid runs up to this pay date, plus this line.', example: '1800.00' }) ytd: string;
  @ApiProperty({ maxLength: EXPLANATION_MAX_LENGTH, example: 'STANDARD: taxable 5000.00 − allowance 1000 = 4000.00; 10% above 0 up to 2000, 20% above 2000' }) explanation: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The figures behind the line: rule set, brackets, base, rate, days, hours.' }) detail: Record<string, unknown>;
}

export class PayslipPeriodDto {
  @ApiProperty({ format: 'date', example: '2026-03-01' }) start: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) end: string;
}

export class PayslipDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ format: 'uuid', example: ID }) payRunId: string;
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ maxLength: 23, pattern: '^EMP-\\d{5,19}$', example: 'EMP-00042' }) employeeNumber: string;
  @ApiProperty({ maxLength: 201, description: 'Given and family name, as at calculation.', example: 'Ada Lovelace' }) employeeName: string;
  @ApiProperty({ type: PayslipPeriodDto }) period: PayslipPeriodDto;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) payDate: string;
  @ApiProperty({ type: PreviewRuleSetDto }) ruleSet: PreviewRuleSetDto;
  @ApiProperty({ type: [StoredPayslipLineDto], maxItems: MAX_PAYSLIP_LINES, description: 'In calculation order: earnings, pre-tax deductions, taxes and employee contributions, post-tax deductions, employer contributions.' }) lines: StoredPayslipLineDto[];
  @ApiProperty({ type: PayslipTotalsDto }) totals: PayslipTotalsDto;
}

export class PayslipSummaryDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ format: 'uuid', example: ID }) payRunId: string;
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ maxLength: 23, pattern: '^EMP-\\d{5,19}$', example: 'EMP-00042' }) employeeNumber: string;
  @ApiProperty({ maxLength: 201, description: 'Given and family name, as at calculation.', example: 'Ada Lovelace' }) employeeName: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) payDate: string;
  @ApiProperty({ minLength: 3, maxLength: 3, example: 'EUR' }) currency: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '5000.00' }) gross: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '4200.00' }) net: string;
  @ApiProperty({ ...COMPUTED_AMOUNT, example: '320.00' }) employerContributions: string;
}

export class PayslipPageDto extends pageOf(PayslipSummaryDto, 'PayslipPage') {}

export class PayRunPreviewDto {
  @ApiProperty({ type: PayRunDto }) payRun: PayRunDto;
  @ApiProperty({ type: [PayslipSummaryDto], maxItems: MAX_LIMIT, description: 'By employee number.' }) data: PayslipSummaryDto[];
  @ApiProperty({ maxLength: CURSOR_MAX_LENGTH, type: String, nullable: true, description: 'Pass as `cursor` for the next page of payslips.', example: null }) nextCursor: string | null;
}

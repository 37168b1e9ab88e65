import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../../platform/http/validators';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
/** Rule set assignments one employee may have; another one is refused with 422. */
export const MAX_RULE_SET_ASSIGNMENTS = 500;

export class AssignRuleSetDto {
  @ApiProperty({ description: 'Rule set code; the version valid on each period\'s last day applies.', example: 'STANDARD', pattern: '^[A-Z0-9][A-Z0-9_-]{0,19}$', maxLength: 20 })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'ruleSetCode must be 1-20 upper-case letters, digits, "-" or "_"' }) @MaxLength(20)
  ruleSetCode: string;

  @ApiProperty({ format: 'date', maxLength: 10, description: 'Applies to periods ending on or after this day, until the next change.', example: '2026-01-01' })
  @IsCalendarDate() @MaxLength(10)
  effectiveFrom: string;
}

export class RuleSetAssignmentDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ pattern: '^[A-Z0-9][A-Z0-9_-]{0,19}$', maxLength: 20, example: 'STANDARD' }) ruleSetCode: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveFrom: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class RuleSetAssignmentHistoryDto {
  @ApiProperty({ type: [RuleSetAssignmentDto], maxItems: MAX_RULE_SET_ASSIGNMENTS, description: `Every change, latest first (an employee has at most ${MAX_RULE_SET_ASSIGNMENTS}).` }) data: RuleSetAssignmentDto[];
}

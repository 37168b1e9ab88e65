import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { pageOf, PageQuery } from '../../../../platform/http/pagination';
import { decimalSchema, IsCalendarDate, IsDecimalString } from '../../../../platform/http/validators';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';
const CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
const CODE_MESSAGE = 'code must be 1-20 upper-case letters, digits, "-" or "_"';

export class TaxBracketDto {
  @ApiProperty({ description: 'Per pay period, after the allowance: the rate applies to income above this.', example: '2000.00' })
  @IsDecimalString({ precision: 16, scale: 4, min: '0' })
  threshold: string;

  @ApiProperty({ description: 'Fraction, 0 to 1 (0.2 = 20 %).', example: '0.20' })
  @IsDecimalString({ precision: 10, scale: 6, min: '0' })
  rate: string;
}

export class ContributionRuleDto {
  @ApiProperty({ example: 'PENSION', pattern: CODE.source, maxLength: 20 }) @MaxLength(20) @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @ApiProperty({ example: 'State pension', minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name: string;

  @ApiProperty({ enum: ['gross', 'taxable_gross'], example: 'gross' })
  @IsIn(['gross', 'taxable_gross'])
  base: 'gross' | 'taxable_gross';

  @ApiProperty({ description: 'Employee share, a fraction 0 to 1; withheld from pay.', example: '0.05' })
  @IsDecimalString({ precision: 10, scale: 6, min: '0' })
  employeeRate: string;

  @ApiProperty({ description: 'Employer share, a fraction 0 to 1; not withheld.', example: '0.08' })
  @IsDecimalString({ precision: 10, scale: 6, min: '0' })
  employerRate: string;

  @ApiProperty({ description: 'Per pay period: below this base nothing is due.', example: '500.00' })
  @IsDecimalString({ precision: 16, scale: 4, min: '0' })
  lowerThreshold: string;

  @ApiProperty({ type: String, nullable: true, description: 'Per pay period: the base is capped here; null for no cap.', example: '4000.00' })
  @IsOptional() @IsDecimalString({ precision: 16, scale: 4, min: '0' })
  upperCap: string | null;
}

export class CreateRuleSetDto {
  @ApiProperty({ description: 'Names the rule set across its versions.', example: 'STANDARD', pattern: CODE.source, maxLength: 20 })
  @MaxLength(20) @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ format: 'date', description: 'This version applies to periods ending on or after this day, until the next version.', example: '2026-01-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiProperty({ example: 'Standard employee rules 2026', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Per pay period, deducted from the tax base before the brackets.', example: '1000.00' })
  @IsDecimalString({ precision: 16, scale: 4, min: '0' })
  taxAllowance: string;

  @ApiProperty({ type: [TaxBracketDto], maxItems: 50, description: 'Progressive brackets; distinct thresholds. Empty for no income tax.' })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TaxBracketDto)
  taxBrackets: TaxBracketDto[];

  @ApiProperty({ type: [ContributionRuleDto], maxItems: 50, description: 'Flat-rate contributions; distinct codes.' })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ContributionRuleDto)
  contributions: ContributionRuleDto[];
}

export class RuleSetDto {
  @ApiProperty({ format: 'uuid', example: ID }) id: string;
  @ApiProperty({ pattern: CODE.source, maxLength: 20, example: 'STANDARD' }) code: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ maxLength: 200, example: 'Standard employee rules 2026' }) name: string;
  @ApiProperty({ ...decimalSchema({ precision: 16, scale: 4, min: '0' }), example: '1000.0000' }) taxAllowance: string;
  @ApiProperty({ type: [TaxBracketDto], maxItems: 50 }) taxBrackets: TaxBracketDto[];
  @ApiProperty({ type: [ContributionRuleDto], maxItems: 50 }) contributions: ContributionRuleDto[];
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) createdAt: string;
}

export class ListRuleSetsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only versions of this rule set.', example: 'STANDARD', pattern: CODE.source, maxLength: 20 })
  @IsOptional() @MaxLength(20) @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;
}

export class RuleSetPageDto extends pageOf(RuleSetDto, 'RuleSetPage') {}

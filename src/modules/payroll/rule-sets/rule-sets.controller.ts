import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { PAYROLL_READ, PAYROLL_WRITE } from '../payroll.scopes';
import { CreateRuleSetDto, ListRuleSetsQuery, RuleSetDto, RuleSetPageDto } from './dto/rule-set.dto';
import { RuleSetsService } from './rule-sets.service';

@ApiTags('payroll')
@Controller('payroll/rule-sets')
export class RuleSetsController {
  constructor(private readonly ruleSets: RuleSetsService) {}

  @Post()
  @Endpoint({
    summary: 'Add a version of a tax and contribution rule set',
    description: 'Versions are immutable; one per code and `validFrom` (409). Rates are fractions 0 to 1; inconsistent rules are 422 `invalid_rule_set` naming the field.',
    scopes: [PAYROLL_WRITE], status: 201, type: RuleSetDto, idempotent: true, body: true, errors: [409],
  })
  create(@Body() body: CreateRuleSetDto) {
    return this.ruleSets.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List rule set versions', scopes: [PAYROLL_READ], type: RuleSetPageDto, errors: [422] })
  list(@Query() query: ListRuleSetsQuery) {
    return this.ruleSets.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a rule set version', scopes: [PAYROLL_READ], type: RuleSetDto, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.ruleSets.get(id);
  }
}

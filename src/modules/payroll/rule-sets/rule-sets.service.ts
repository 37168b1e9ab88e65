import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { MoneyDecimal } from '../../../platform/money/money';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { CreateRuleSetDto, ListRuleSetsQuery, RuleSetDto } from './dto/rule-set.dto';
import { RuleSetVersion } from './rule-set.entity';

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'r.created_at', type: 'timestamp', value: (r: RuleSetVersion) => r.createdAt.toISOString() },
};

export function toRuleSetDto(r: RuleSetVersion): RuleSetDto {
  return { id: r.id, code: r.code, validFrom: r.validFrom, name: r.name, taxAllowance: r.taxAllowance, taxBrackets: r.taxBrackets, contributions: r.contributions, createdAt: r.createdAt.toISOString() };
}

function assertConsistent(input: CreateRuleSetDto): void {
  const invalid = (field: string, detail: string) => new PayrollException(PayrollErrorCode.InvalidRuleSet, detail, {}, field);
  const overOne = (v: string) => new MoneyDecimal(v).gt(1);
  input.taxBrackets.forEach((b, i) => {
    if (overOne(b.rate)) throw invalid(`taxBrackets.${i}.rate`, 'A rate is a fraction between 0 and 1.');
  });
  const thresholds = input.taxBrackets.map((b) => new MoneyDecimal(b.threshold).toString());
  if (new Set(thresholds).size !== thresholds.length) throw invalid('taxBrackets', 'Two brackets have the same threshold.');
  input.contributions.forEach((c, i) => {
    if (overOne(c.employeeRate)) throw invalid(`contributions.${i}.employeeRate`, 'A rate is a fraction between 0 and 1.');
    if (overOne(c.employerRate)) throw invalid(`contributions.${i}.employerRate`, 'A rate is a fraction between 0 and 1.');
    if (c.upperCap !== null && c.upperCap !== undefined && new MoneyDecimal(c.upperCap).lt(c.lowerThreshold)) {
      throw invalid(`contributions.${i}.upperCap`, 'The cap cannot be below the lower threshold.');
    }
  });
  const codes = input.contributions.map((c) => c.code);
  if (new Set(codes).size !== codes.length) throw invalid('contributions', 'Two contributions have the same code.');
}

@Injectable()
export class RuleSetsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(RuleSetVersion);
  }

  async create(input: CreateRuleSetDto): Promise<RuleSetDto> {
    assertConsistent(input);
    return this.db.withTransaction(async () => {
      const r = this.repo.create({
        id: newId(),
        code: input.code,
        validFrom: input.validFrom,
        name: input.name,
        taxAllowance: input.taxAllowance,
        taxBrackets: [...input.taxBrackets]
          .sort((a, b) => new MoneyDecimal(a.threshold).comparedTo(b.threshold))
          .map((b) => ({ threshold: b.threshold, rate: b.rate })),
        contributions: input.contributions.map((c) => ({ code: c.code, name: c.name, base: c.base, employeeRate: c.employeeRate, employerRate: c.employerRate, lowerThreshold: c.lowerThreshold, upperCap: c.upperCap ?? null })),
        createdAt: new Date(),
      });
      await this.repo.insert(r);
      const saved = (await this.repo.findOneBy({ id: r.id }))!;
      const { id: _id, createdAt: _createdAt, ...after } = saved;
      await this.audit.record({ action: 'payroll.rule_set.created', entityType: 'rule_set', entityId: r.id, before: null, after });
      await this.events.publish('payroll.rule_set.created', { type: 'rule_set', id: r.id }, { ruleSetId: r.id, code: saved.code, name: saved.name, validFrom: saved.validFrom });
      return toRuleSetDto(saved);
    });
  }

  async get(id: string): Promise<RuleSetDto> {
    const r = await this.db.findById(RuleSetVersion, id);
    if (!r) throw new NotFoundProblem('Rule set', id);
    return toRuleSetDto(r);
  }

  async list(query: ListRuleSetsQuery): Promise<Page<RuleSetDto>> {
    const qb = this.repo.createQueryBuilder('r');
    if (query.code) qb.andWhere('r.code = :code', { code: query.code });
    return paginate(qb, { sort: 'createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'r.id', map: toRuleSetDto });
  }
}

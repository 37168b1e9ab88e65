import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { newId } from '../../../platform/database/ids';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { HrFacade } from '../../hr';
import { PayrollErrorCode, PayrollException } from '../payroll.errors';
import { AssignRuleSetDto, MAX_RULE_SET_ASSIGNMENTS, RuleSetAssignmentDto, RuleSetAssignmentHistoryDto } from './dto/rule-set-assignment.dto';
import { RuleSetAssignment } from './rule-set-assignment.entity';
import { RuleSetVersion } from './rule-set.entity';

const toDto = (a: RuleSetAssignment): RuleSetAssignmentDto => ({ id: a.id, employeeId: a.employeeId, ruleSetCode: a.ruleSetCode, effectiveFrom: a.effectiveFrom, createdAt: a.createdAt.toISOString() });

@Injectable()
export class RuleSetAssignmentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
  ) {}

  async assign(employeeId: string, input: AssignRuleSetDto): Promise<RuleSetAssignmentDto> {
    return this.db.withTransaction(async () => {
      if (!(await this.hr.findEmployee(employeeId))) throw new NotFoundProblem('Employee', employeeId);
      if (!(await this.db.getRepository(RuleSetVersion).findOneBy({ code: input.ruleSetCode }))) {
        throw new PayrollException(PayrollErrorCode.NoRuleSet, `There is no rule set ${input.ruleSetCode}.`, {}, 'ruleSetCode');
      }
      // The history lists every assignment: its length is capped here, one writer per employee at a time.
      await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('payroll.rule_set_assignment:' || $1, 0))`, [employeeId]);
      const [{ n }] = await this.db.manager.query(`SELECT count(*)::int AS n FROM payroll_rule_set_assignments WHERE employee_id = $1`, [employeeId]);
      if (n >= MAX_RULE_SET_ASSIGNMENTS) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `An employee has at most ${MAX_RULE_SET_ASSIGNMENTS} rule set assignments.`, {}, [
          { field: 'effectiveFrom', message: `the employee already has ${MAX_RULE_SET_ASSIGNMENTS} rule set assignments` },
        ]);
      }
      const a: RuleSetAssignment = { id: newId(), employeeId, effectiveFrom: input.effectiveFrom, ruleSetCode: input.ruleSetCode, createdAt: new Date() };
      await this.db.getRepository(RuleSetAssignment).insert(a);
      await this.audit.record({ action: 'payroll.rule_set_assignment.created', entityType: 'rule_set_assignment', entityId: a.id, before: null, after: { employeeId, effectiveFrom: a.effectiveFrom, ruleSetCode: a.ruleSetCode } });
      await this.events.publish('payroll.rule_set_assignment.created', { type: 'rule_set_assignment', id: a.id }, { assignmentId: a.id, employeeId, ruleSetCode: a.ruleSetCode, effectiveFrom: a.effectiveFrom });
      return toDto((await this.db.findById(RuleSetAssignment, a.id))!);
    });
  }

  async history(employeeId: string): Promise<RuleSetAssignmentHistoryDto> {
    if (!(await this.hr.findEmployee(employeeId))) throw new NotFoundProblem('Employee', employeeId);
    const rows = await this.db.getRepository(RuleSetAssignment).createQueryBuilder('a').where('a.employee_id = :employeeId', { employeeId }).orderBy('a.effective_from', 'DESC').limit(MAX_RULE_SET_ASSIGNMENTS).getMany();
    return { data: rows.map(toDto) };
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { NotFoundProblem } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import type { EmploymentType } from '../employees/employee.entity';
import { workingTimeRulePayload } from '../time.events';
import { UpdateWorkingTimeRuleDto, WorkingTimeRuleDto, WorkingTimeRuleListDto } from './dto/shift.dto';
import { WorkingTimeRule } from './shift.entities';

const toDto = (r: WorkingTimeRule): WorkingTimeRuleDto => ({
  employmentType: r.employmentType,
  maxWeeklyMinutes: r.maxWeeklyMinutes,
  dailyOvertimeAfterMinutes: r.dailyOvertimeAfterMinutes,
  weeklyOvertimeAfterMinutes: r.weeklyOvertimeAfterMinutes,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});
const snapshot = (r: WorkingTimeRule) => ({ maxWeeklyMinutes: r.maxWeeklyMinutes, dailyOvertimeAfterMinutes: r.dailyOvertimeAfterMinutes, weeklyOvertimeAfterMinutes: r.weeklyOvertimeAfterMinutes });

@Injectable()
export class WorkingTimeRulesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  private get repo() {
    return this.db.getRepository(WorkingTimeRule);
  }

  async list(): Promise<WorkingTimeRuleListDto> {
    return { data: (await this.repo.find({ order: { employmentType: 'ASC' } })).map(toDto), nextCursor: null };
  }

  async get(employmentType: string): Promise<WorkingTimeRuleDto> {
    return toDto(await this.rule(employmentType));
  }

  async rule(employmentType: string, lock = false): Promise<WorkingTimeRule> {
    const r = await this.repo.findOne({ where: { employmentType: employmentType as EmploymentType }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!r) throw new NotFoundProblem('Working-time rule', employmentType);
    return r;
  }

  async update(employmentType: string, input: UpdateWorkingTimeRuleDto, expectedVersion: number | undefined): Promise<WorkingTimeRuleDto> {
    return this.db.withTransaction(async () => {
      const r = await this.rule(employmentType, true);
      assertVersion('working-time rule', expectedVersion, r.version);
      const before = snapshot(r);
      Object.assign(r, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)));
      const after = snapshot(r);
      const changed = changedKeys(before, after);
      if (changed.length > 0) {
        await this.repo.update({ employmentType: r.employmentType }, { ...after, version: r.version + 1, updatedAt: new Date() });
        await this.audit.record({ action: 'hr.working_time_rule.updated', entityType: 'working_time_rule', entityId: employmentType, before, after });
        await this.events.publish('hr.working_time_rule.updated', { type: 'working_time_rule', id: employmentType }, workingTimeRulePayload(r, changed));
      }
      return toDto(await this.rule(employmentType));
    });
  }
}

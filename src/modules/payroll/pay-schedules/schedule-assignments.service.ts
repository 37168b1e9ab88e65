import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { NotFoundProblem } from '../../../platform/http/problem';
import { HrFacade } from '../../hr';
import { AssignScheduleDto, ScheduleAssignmentDto } from './dto/schedule-assignment.dto';
import { PaySchedule } from './pay-schedule.entity';
import { ScheduleAssignment } from './schedule-assignment.entity';

const toDto = (a: ScheduleAssignment): ScheduleAssignmentDto => ({ employeeId: a.employeeId, payScheduleId: a.payScheduleId, version: a.version, updatedAt: a.updatedAt.toISOString() });

@Injectable()
export class ScheduleAssignmentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly hr: HrFacade,
  ) {}

  private get repo() {
    return this.db.getRepository(ScheduleAssignment);
  }

  async assign(payScheduleId: string, input: AssignScheduleDto): Promise<ScheduleAssignmentDto> {
    return this.db.withTransaction(async (manager) => {
      if (!(await this.db.findById(PaySchedule, payScheduleId))) throw new NotFoundProblem('Pay schedule', payScheduleId);
      if (!(await this.hr.findEmployee(input.employeeId))) throw new NotFoundProblem('Employee', input.employeeId);
      // one statement, so two concurrent assignments of one employee cannot both insert
      const [row] = (await manager.query(
        `WITH prev AS (SELECT pay_schedule_id FROM payroll_schedule_assignments WHERE employee_id = $1)
         INSERT INTO payroll_schedule_assignments AS a (employee_id, pay_schedule_id, version, updated_at)
         VALUES ($1, $2, 1, now())
         ON CONFLICT (employee_id) DO UPDATE SET pay_schedule_id = EXCLUDED.pay_schedule_id, version = a.version + 1, updated_at = now()
           WHERE a.pay_schedule_id IS DISTINCT FROM EXCLUDED.pay_schedule_id
         RETURNING (xmax = 0) AS inserted, (SELECT pay_schedule_id FROM prev) AS previous`,
        [input.employeeId, payScheduleId],
      )) as { inserted: boolean; previous: string | null }[];
      const saved = (await this.repo.findOneBy({ employeeId: input.employeeId }))!;
      if (row) {
        await this.audit.record({
          action: row.inserted ? 'payroll.schedule_assignment.created' : 'payroll.schedule_assignment.updated',
          entityType: 'schedule_assignment',
          entityId: input.employeeId,
          before: row.inserted ? null : { payScheduleId: row.previous },
          after: { payScheduleId },
        });
        await this.events.publish(row.inserted ? 'payroll.schedule_assignment.created' : 'payroll.schedule_assignment.updated', { type: 'schedule_assignment', id: input.employeeId }, {
          employeeId: input.employeeId,
          payScheduleId,
          previousPayScheduleId: row.inserted ? null : row.previous,
        });
      }
      return toDto(saved);
    });
  }

  async forEmployee(employeeId: string): Promise<ScheduleAssignmentDto> {
    const a = await this.repo.findOneBy({ employeeId });
    if (!a) throw new NotFoundProblem('Pay schedule assignment', employeeId);
    return toDto(a);
  }
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { todayIn } from '../../../platform/time/calendar';
import { EmployeeHiredPayload, EmployeeTerminatedPayload, HrFacade, JourneyStartedPayload } from '../../hr';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { AssetsService } from '../assets/assets.service';
import { DeskService } from '../desk/desk.service';
import { ItClock } from '../it.clock';
import { TicketsService } from '../tickets/tickets.service';

export const ONBOARDING_GROUP = 'ONBOARDING';
const ACCESSES = ['Single sign-on account', 'E-mail mailbox', 'VPN profile', 'Building badge'];
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Hire and exit journeys, driven by HR events. Each handler is idempotent: the (employee, kind)
 * row in it_journey_tickets is taken under an advisory lock, so a redelivered or duplicated
 * event finds it and does nothing.
 */
@Injectable()
export class JourneyHandlers implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly db: TransactionalConnection,
    private readonly tickets: TicketsService,
    private readonly assets: AssetsService,
    private readonly desk: DeskService,
    private readonly hr: HrFacade,
    private readonly clock: ItClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('hr.employee.hired', 'it-tickets.onboarding-ticket', (e) => this.onHired(e.payload));
    this.bus.subscribe('hr.employee.terminated', 'it-tickets.offboarding-ticket', (e) => this.onTerminated(e.payload));
    this.bus.subscribe('hr.onboarding.started', 'it-tickets.onboarding-tasks', (e) => this.onJourneyStarted(e.payload, 'onboarding'));
    this.bus.subscribe('hr.offboarding.started', 'it-tickets.offboarding-tasks', (e) => this.onJourneyStarted(e.payload, 'offboarding'));
  }

  /** True when this employee already has a ticket of this kind (the lock holds until commit). */
  private async claimed(employeeId: string, kind: 'onboarding' | 'offboarding'): Promise<boolean> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('it-journey-ticket'), hashtext($1))`, [`${employeeId}:${kind}`]);
    const rows: unknown[] = await this.db.manager.query(`SELECT 1 FROM it_journey_tickets WHERE employee_id = $1 AND kind = $2`, [employeeId, kind]);
    return rows.length > 0;
  }

  async onHired(p: EmployeeHiredPayload): Promise<void> {
    // A hire recorded after the start date (a backfill or import) has nothing left to prepare.
    if (p.hireDate < todayIn(this.config.COMPANY_TIME_ZONE, this.clock.now())) return;
    if (await this.claimed(p.employeeId, 'onboarding')) return;
    const group = await this.desk.groupByCode(ONBOARDING_GROUP);
    const ticket = await this.tickets.create(
      {
        title: `Onboarding: ${p.firstName} ${p.lastName} (${p.employeeNumber}) starts ${p.hireDate}`,
        description: [`Prepare before ${p.hireDate}:`, ...ACCESSES.map((a) => `- create ${a}`), '- hand over a laptop (check it out to the employee)'].join('\n'),
        type: 'onboarding',
        category: 'onboarding',
        impact: 2,
        urgency: 2,
        requesterId: p.managerId ?? p.employeeId,
        groupId: group?.id,
        tags: ['onboarding'],
        dueDate: dayBefore(p.hireDate),
      },
      { subjectEmployeeId: p.employeeId },
    );
    await this.db.manager.query(`INSERT INTO it_journey_tickets (employee_id, kind, ticket_id) VALUES ($1, 'onboarding', $2)`, [p.employeeId, ticket.id]);
  }

  async onTerminated(p: EmployeeTerminatedPayload): Promise<void> {
    if (await this.claimed(p.employeeId, 'offboarding')) return;
    const employee = await this.hr.findEmployee(p.employeeId);
    const held = await this.assets.heldBy(p.employeeId);
    const group = await this.desk.groupByCode(ONBOARDING_GROUP);
    const name = employee ? `${employee.firstName} ${employee.lastName} (${employee.employeeNumber})` : p.employeeNumber;
    const ticket = await this.tickets.create(
      {
        title: `Offboarding: ${name}, last day ${p.terminationDate}`,
        description: [
          `Last day: ${p.terminationDate}.`,
          'Assets to collect (check in, or mark lost):',
          ...(held.length ? held.map((a) => `- ${a.assetTag} ${a.model} (${a.category})`) : ['- none']),
          'Accesses to revoke:',
          ...ACCESSES.map((a) => `- ${a}`),
        ].join('\n'),
        type: 'offboarding',
        category: 'offboarding',
        impact: 2,
        urgency: 2,
        requesterId: p.managerId ?? p.employeeId,
        groupId: group?.id,
        tags: ['offboarding'],
        assetIds: held.map((a) => a.id).filter((id, i, all) => all.indexOf(id) === i),
        dueDate: p.terminationDate,
      },
      { subjectEmployeeId: p.employeeId },
    );
    await this.db.manager.query(`INSERT INTO it_journey_tickets (employee_id, kind, ticket_id) VALUES ($1, 'offboarding', $2)`, [p.employeeId, ticket.id]);
  }

  /** Remembers the journey's it_ticket tasks; completes them at once if the ticket is already resolved. */
  async onJourneyStarted(p: JourneyStartedPayload, kind: 'onboarding' | 'offboarding'): Promise<void> {
    const taskIds = p.tasks.filter((t) => t.kind === 'it_ticket').map((t) => t.taskId);
    if (!taskIds.length) return;
    await this.db.manager.query(
      `INSERT INTO it_journey_task_links (journey_id, task_id, employee_id, kind) SELECT $1, unnest($2::uuid[]), $3, $4 ON CONFLICT DO NOTHING`,
      [p.journeyId, taskIds, p.employeeId, kind],
    );
    const done: Array<{ number: string }> = await this.db.manager.query(
      `SELECT t.number FROM it_journey_tickets j JOIN it_tickets t ON t.id = j.ticket_id WHERE j.employee_id = $1 AND j.kind = $2 AND t.status IN ('resolved', 'closed')`,
      [p.employeeId, kind],
    );
    if (!done.length) return;
    const links: Array<{ task_id: string }> = await this.db.manager.query(
      `WITH c AS (UPDATE it_journey_task_links SET completed_at = $3 WHERE journey_id = $1 AND employee_id = $2 AND completed_at IS NULL RETURNING task_id) SELECT task_id FROM c`,
      [p.journeyId, p.employeeId, this.clock.now()],
    );
    for (const l of links) await this.hr.completeJourneyTask(p.journeyId, l.task_id, `IT ticket ${done[0].number} resolved.`);
  }
}

import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { ItClock } from '../it.clock';
import { Ticket } from '../tickets/ticket.entities';
import { TicketClocksService } from './ticket-clocks.service';

const BATCH = 200;

/**
 * The scheduled SLA check: tickets whose running clock passed 80 % or 100 % of a target and whose
 * event has not fired yet. Rows are locked with SKIP LOCKED and each event has a unique row, so
 * two instances (or a run repeated) never fire one twice.
 */
@Injectable()
export class SlaMonitorService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly clocks: TicketClocksService,
    private readonly clock: ItClock,
  ) {}

  /** Runs inside the job's transaction. Returns how many events fired. */
  async checkDue(): Promise<number> {
    const now = this.clock.now();
    return this.db.withTransaction(async () => {
      const fired = (target: string, kind: string) =>
        `EXISTS (SELECT 1 FROM it_sla_notifications n WHERE n.ticket_id = t.id AND n.target = '${target}' AND n.kind = '${kind}')`;
      const tickets = await this.db
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .where('t.sort_risk_at <= :now', { now })
        .andWhere(
          `((t.fr_risk_at <= :now AND NOT ${fired('first_response', 'at_risk')})
            OR (t.fr_due_at < :now AND NOT ${fired('first_response', 'breached')})
            OR (t.res_risk_at <= :now AND NOT ${fired('resolution', 'at_risk')})
            OR (t.res_due_at < :now AND NOT ${fired('resolution', 'breached')}))`,
        )
        .orderBy('t.sort_risk_at')
        .addOrderBy('t.id')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let count = 0;
      for (const t of tickets) {
        await this.clocks.recompute(t, now);
        await this.db.getRepository(Ticket).update(
          { id: t.id },
          { frBreached: t.frBreached, resBreached: t.resBreached, frElapsedMinutes: t.frElapsedMinutes, resElapsedMinutes: t.resElapsedMinutes, resPausedMinutes: t.resPausedMinutes, frDueAt: t.frDueAt, resDueAt: t.resDueAt, frRiskAt: t.frRiskAt, resRiskAt: t.resRiskAt, sortDueAt: t.sortDueAt, sortRiskAt: t.sortRiskAt },
        );
        count += await this.clocks.fireNotifications(t, now);
      }
      return count;
    });
  }
}

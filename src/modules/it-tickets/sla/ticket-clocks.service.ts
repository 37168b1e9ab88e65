import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { Ticket, TicketTransition } from '../tickets/ticket.entities';
import { ClockState, evaluateClock, segmentsFromTimeline } from './business-clock';
import { BusinessCalendarRow, SlaPolicy } from './sla-config.entities';
import { SlaConfigService } from './sla-config.service';

/** Stand-in for "no running clock" in the NOT NULL sort columns (mapped to null in the API). */
export const NO_DUE = new Date('9999-12-31T00:00:00.000Z');
const STOPPING = ['resolved', 'closed'];

type Target = 'first_response' | 'resolution';

/**
 * Recomputes a ticket's SLA clocks from its whole status history (so a new priority or policy
 * keeps paused time), and fires each at-risk/breached event once per target (a unique row in
 * it_sla_notifications, inserted in the same transaction as the outbox event).
 */
@Injectable()
export class TicketClocksService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly config: SlaConfigService,
    private readonly events: EventBus,
  ) {}

  /** Sets the ticket's clock fields (the caller saves the row). */
  async recompute(t: Ticket, now: Date): Promise<void> {
    const policy = t.slaPolicyId ? await this.db.findById(SlaPolicy, t.slaPolicyId) : null;
    if (!policy) return this.clear(t);
    const calendarRow = await this.db.findById(BusinessCalendarRow, policy.calendarId);
    if (!calendarRow) return this.clear(t);
    const years: number[] = [];
    for (let y = t.createdAt.getUTCFullYear() - 1; y <= now.getUTCFullYear() + 2; y++) years.push(y);
    const calendar = this.config.toBusinessCalendar(calendarRow, years);
    const history = await this.db
      .getRepository(TicketTransition)
      .createQueryBuilder('h')
      .where('h.ticket_id = :id', { id: t.id })
      .orderBy('h.at')
      .addOrderBy('h.id')
      .getMany();
    const segments = segmentsFromTimeline(history.map((h) => ({ status: h.toStatus, at: h.at })), policy.pausingStates, STOPPING);
    const firstResolved = history.find((h) => h.toStatus === 'resolved')?.at ?? null;
    const fr = evaluateClock({ calendar, segments, targetMinutes: policy.firstResponseMinutes, now, stopAt: t.firstResponseAt ?? firstResolved });
    const res = evaluateClock({ calendar, segments, targetMinutes: policy.resolutionMinutes, now });
    t.frTargetMinutes = policy.firstResponseMinutes;
    t.resTargetMinutes = policy.resolutionMinutes;
    t.frDueAt = fr.dueAt;
    t.frRiskAt = fr.atRiskAt;
    t.frElapsedMinutes = fr.elapsedMinutes;
    t.frStopped = fr.stopped;
    t.frBreached = fr.breached;
    t.resDueAt = res.dueAt;
    t.resRiskAt = res.atRiskAt;
    t.resElapsedMinutes = res.elapsedMinutes;
    t.resPausedMinutes = res.pausedMinutes;
    t.resStopped = res.stopped;
    t.resBreached = res.breached;
    const running = [fr, res].filter((c) => c.running);
    t.sortDueAt = earliest(running.map((c) => c.dueAt));
    t.sortRiskAt = earliest(running.map((c) => c.atRiskAt));
  }

  private clear(t: Ticket): void {
    Object.assign(t, {
      frTargetMinutes: null, resTargetMinutes: null, frDueAt: null, frRiskAt: null, frElapsedMinutes: null, frStopped: false, frBreached: false,
      resDueAt: null, resRiskAt: null, resElapsedMinutes: null, resPausedMinutes: null, resStopped: false, resBreached: false,
      sortDueAt: NO_DUE, sortRiskAt: NO_DUE,
    });
  }

  /** Publishes the at-risk/breached events the ticket has reached and not yet fired. Returns how many fired. */
  async fireNotifications(t: Ticket, now: Date): Promise<number> {
    const due: Array<{ target: Target; kind: 'at_risk' | 'breached' }> = [];
    if (t.frRiskAt && t.frRiskAt <= now) due.push({ target: 'first_response', kind: 'at_risk' });
    if (t.frBreached) due.push({ target: 'first_response', kind: 'breached' });
    if (t.resRiskAt && t.resRiskAt <= now) due.push({ target: 'resolution', kind: 'at_risk' });
    if (t.resBreached) due.push({ target: 'resolution', kind: 'breached' });
    let fired = 0;
    for (const n of due) {
      const rows: unknown[] = await this.db.manager.query(
        `INSERT INTO it_sla_notifications (ticket_id, target, kind, fired_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ticket_id`,
        [t.id, n.target, n.kind, now],
      );
      if (!rows.length) continue;
      const fr = n.target === 'first_response';
      await this.events.publish(n.kind === 'at_risk' ? 'it.ticket.sla_at_risk' : 'it.ticket.sla_breached', { type: 'it_ticket', id: t.id }, {
        ticketId: t.id,
        number: t.number,
        priority: t.priority,
        groupId: t.groupId,
        target: n.target,
        targetMinutes: (fr ? t.frTargetMinutes : t.resTargetMinutes) ?? 0,
        elapsedMinutes: (fr ? t.frElapsedMinutes : t.resElapsedMinutes) ?? 0,
        dueAt: (fr ? t.frDueAt : t.resDueAt)?.toISOString() ?? null,
      });
      fired++;
    }
    return fired;
  }
}

function earliest(dates: Array<Date | null>): Date {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : NO_DUE;
}

export type { ClockState };

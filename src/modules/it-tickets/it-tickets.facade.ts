import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';
import { ItClock } from './it.clock';

/** SLA compliance of the tickets created in one month. */
export interface SlaMonthRow {
  month: string;
  /** Tickets created in the month under an SLA policy. */
  tickets: number;
  /** Both clocks (first response, resolution) stopped within their targets. */
  met: number;
  /** A clock breached, or still running past its due instant now. */
  breached: number;
  /** Neither met nor breached yet. */
  pending: number;
}

/**
 * The IT module's read-only front door for reports. A ticket counts in the month it was created
 * (in the given time zone); met/breached follow the SLA report (`GET /it/sla/report`): a clock
 * still running past its due instant on the IT clock counts as breached.
 */
@Injectable()
export class ItTicketsFacade {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly clock: ItClock,
  ) {}

  /** SLA compliance per creation month, months `fromMonth`..`toMonth` (`YYYY-MM-01`), in `timeZone`. */
  async slaByMonth(fromMonth: string, toMonth: string, timeZone: string): Promise<SlaMonthRow[]> {
    const rows: Array<Record<string, string>> = await this.db.manager.query(
      `WITH t AS (
         SELECT to_char(created_at AT TIME ZONE $3, 'YYYY-MM') AS month,
                (fr_breached OR res_breached OR (NOT fr_stopped AND fr_due_at < $4) OR (NOT res_stopped AND res_due_at < $4)) AS breached,
                (fr_stopped AND NOT fr_breached AND res_stopped AND NOT res_breached) AS met
           FROM it_tickets
          WHERE created_at >= ($1::date::timestamp AT TIME ZONE $3)
            AND created_at < (($2::date + interval '1 month')::timestamp AT TIME ZONE $3)
            AND sla_policy_id IS NOT NULL
       )
       SELECT month, count(*) AS tickets, count(*) FILTER (WHERE met AND NOT breached) AS met, count(*) FILTER (WHERE breached) AS breached
         FROM t GROUP BY month ORDER BY month`,
      [fromMonth, toMonth, timeZone, this.clock.now()],
    );
    return rows.map((r) => {
      const tickets = Number(r.tickets);
      const met = Number(r.met);
      const breached = Number(r.breached);
      return { month: r.month, tickets, met, breached, pending: tickets - met - breached };
    });
  }

  /** Open P1/P2 tickets now and SLA breaches among the tickets created since `monthStart` (`YYYY-MM-01` in `timeZone`), one query. */
  async deskToday(monthStart: string, timeZone: string): Promise<{ openP1P2: number; slaBreachesThisMonth: number }> {
    const now = this.clock.now();
    const [r]: Array<Record<string, string>> = await this.db.manager.query(
      `SELECT (SELECT count(*) FROM it_tickets WHERE status NOT IN ('resolved', 'closed') AND priority IN ('P1', 'P2')) AS open_p1p2,
              (SELECT count(*) FROM it_tickets
                WHERE created_at >= ($1::date::timestamp AT TIME ZONE $2) AND sla_policy_id IS NOT NULL
                  AND (fr_breached OR res_breached OR (NOT fr_stopped AND fr_due_at < $3) OR (NOT res_stopped AND res_due_at < $3))) AS breaches`,
      [monthStart, timeZone, now],
    );
    return { openP1P2: Number(r.open_p1p2), slaBreachesThisMonth: Number(r.breaches) };
  }
}

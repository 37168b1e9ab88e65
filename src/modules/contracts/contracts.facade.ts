import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';

/** Contract value of one type in one currency; `value` a numeric string. */
export interface ContractValueRow {
  type: string;
  currency: string | null;
  contracts: number;
  value: string;
}

/** A running contract whose next renewal date falls in a window. */
export interface ContractRenewalRow {
  contractId: string;
  number: string;
  title: string;
  type: string;
  renewalType: string;
  nextRenewalDate: string;
  noticeDeadline: string | null;
  value: string | null;
  currency: string | null;
}

/** Contracts that run (approved, active or expiring): the ones with a value to report. */
const RUNNING = `('approved', 'active', 'expiring')`;

/** The contracts module's read-only front door for reports; every figure aggregated in SQL. */
@Injectable()
export class ContractsFacade {
  constructor(private readonly db: TransactionalConnection) {}

  /**
   * Value per type and currency of the running contracts whose term overlaps `from`..`to` (dates).
   * Contracts without a value count under a null currency with value 0.
   */
  async valueByType(from: string, to: string): Promise<ContractValueRow[]> {
    const rows: Array<Record<string, string | null>> = await this.db.manager.query(
      `SELECT type, currency, count(*) AS contracts, coalesce(sum(value), 0) AS value
         FROM ctr_contracts
        WHERE status IN ${RUNNING} AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $1::date)
        GROUP BY type, currency ORDER BY type, currency NULLS LAST`,
      [from, to],
    );
    return rows.map((r) => ({ type: r.type!, currency: r.currency, contracts: Number(r.contracts), value: r.value! }));
  }

  /** Running contracts renewing between `from` and `to` (dates), soonest first, at most `limit`, with the total count. */
  async renewalsDue(from: string, to: string, limit: number): Promise<{ total: number; data: ContractRenewalRow[] }> {
    const rows: Array<Record<string, string | null>> = await this.db.manager.query(
      `SELECT id, number, title, type, renewal_type, to_char(next_renewal_date, 'YYYY-MM-DD') AS next_renewal_date,
              to_char(notice_deadline, 'YYYY-MM-DD') AS notice_deadline, value, currency, count(*) OVER () AS total
         FROM ctr_contracts
        WHERE next_renewal_date BETWEEN $1::date AND $2::date AND status IN ${RUNNING}
        ORDER BY next_renewal_date, number LIMIT $3`,
      [from, to, limit],
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      data: rows.map((r) => ({
        contractId: r.id!,
        number: r.number!,
        title: r.title!,
        type: r.type!,
        renewalType: r.renewal_type!,
        nextRenewalDate: r.next_renewal_date!,
        noticeDeadline: r.notice_deadline,
        value: r.value,
        currency: r.currency,
      })),
    };
  }

  /** Running contracts whose notice deadline falls between `from` and `to` (dates). */
  async noticeDeadlinesDue(from: string, to: string): Promise<number> {
    const [r]: Array<{ n: string }> = await this.db.manager.query(
      `SELECT count(*) AS n FROM ctr_contracts WHERE notice_deadline BETWEEN $1::date AND $2::date AND status IN ${RUNNING}`,
      [from, to],
    );
    return Number(r.n);
  }
}

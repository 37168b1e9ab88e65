import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { DEFAULT_LIMIT, Page } from '../../../platform/http/pagination';
import { PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { currencyMinorUnit } from '../invoices/totals.calculator';
import { AgingQuery, AgingRowDto, RevenueQuery, RevenueRowDto } from './dto/report.dto';

function invalidCursor(): never {
  throw new PlatformException(PlatformErrorCode.InvalidCursor, 'The cursor is not valid for this report; start again without it.', {}, [{ field: 'cursor', message: 'is not a cursor issued for this report' }]);
}

function decode<T>(cursor: string, valid: (v: any) => boolean): T {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalidCursor();
  }
  return valid(v) ? (v as T) : invalidCursor();
}

const encode = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fmt = (amount: string, currency: string) => new Decimal(amount).toFixed(currencyMinorUnit(currency), Decimal.ROUND_HALF_UP);

/**
 * The aging of open receivables, as one SQL statement: a page of customers (keyset on the id)
 * with open invoices issued by asOf, each aggregated over the partial index
 * ix_invc_invoices_open_customer. Buckets by days past the due date on asOf; amounts are the
 * amounts due as they stand now.
 */
export const AGING_SQL = `
  WITH page AS (
    SELECT c.id, c.legal_name FROM invc_customers c
    WHERE ($2::uuid IS NULL OR c.id > $2::uuid)
      AND EXISTS (SELECT 1 FROM invc_invoices i WHERE i.customer_id = c.id AND i.status IN ('issued', 'partially_paid') AND i.issue_date <= $1::date)
    ORDER BY c.id
    LIMIT $3
  )
  SELECT p.id AS customer_id, p.legal_name, a.*
  FROM page p
  CROSS JOIN LATERAL (
    SELECT i.currency,
      coalesce(sum(i.amount_due) FILTER (WHERE i.due_date >= $1::date), 0) AS current,
      coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date BETWEEN 1 AND 30), 0) AS d1,
      coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date BETWEEN 31 AND 60), 0) AS d31,
      coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date BETWEEN 61 AND 90), 0) AS d61,
      coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date > 90), 0) AS d90,
      sum(i.amount_due) AS total,
      count(*) AS open_invoices
    FROM invc_invoices i
    WHERE i.customer_id = p.id AND i.status IN ('issued', 'partially_paid') AND i.issue_date <= $1::date
    GROUP BY i.currency
  ) a
  ORDER BY p.id, a.currency`;

const REVENUE_SQL = `
  SELECT to_char(r.month, 'YYYY-MM') AS month, r.customer_id, c.legal_name, r.currency, r.invoiced, r.credited
  FROM (
    SELECT month, customer_id, currency, sum(invoiced) AS invoiced, sum(credited) AS credited
    FROM (
      SELECT date_trunc('month', issue_date)::date AS month, customer_id, currency, tax_exclusive_amount AS invoiced, 0 AS credited
      FROM invc_invoices WHERE issue_date BETWEEN $1::date AND $2::date
      UNION ALL
      SELECT date_trunc('month', issue_date)::date, customer_id, currency, 0, tax_exclusive_amount
      FROM invc_credit_notes WHERE issue_date BETWEEN $1::date AND $2::date
    ) x
    GROUP BY month, customer_id, currency
  ) r
  JOIN invc_customers c ON c.id = r.customer_id
  WHERE ($3::date IS NULL OR (r.month, r.customer_id, r.currency) > ($3::date, $4::uuid, $5::text))
  ORDER BY r.month, r.customer_id, r.currency
  LIMIT $6`;

@Injectable()
export class ReportsService {
  constructor(
    private readonly db: TransactionalConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async aging(query: AgingQuery): Promise<Page<AgingRowDto>> {
    const asOf = query.asOf ?? todayIn(this.config.COMPANY_TIME_ZONE);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor ? decode<{ a: string; c: string }>(query.cursor, (v) => v && v.a === asOf && typeof v.c === 'string' && UUID.test(v.c)).c : null;
    const rows: Array<Record<string, string>> = await this.db.manager.query(AGING_SQL, [asOf, after, limit + 1]);
    const customers = [...new Set(rows.map((r) => r.customer_id))];
    const hasMore = customers.length > limit;
    const kept = new Set(customers.slice(0, limit));
    return {
      data: rows.filter((r) => kept.has(r.customer_id)).map((r) => ({
        customerId: r.customer_id,
        legalName: r.legal_name,
        currency: r.currency,
        current: fmt(r.current, r.currency),
        days1to30: fmt(r.d1, r.currency),
        days31to60: fmt(r.d31, r.currency),
        days61to90: fmt(r.d61, r.currency),
        days90plus: fmt(r.d90, r.currency),
        total: fmt(r.total, r.currency),
        openInvoices: Number(r.open_invoices),
      })),
      nextCursor: hasMore ? encode({ a: asOf, c: customers[limit - 1] }) : null,
    };
  }

  async revenue(query: RevenueQuery): Promise<Page<RevenueRowDto>> {
    const span = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (span < 0 || span > 366 * 3) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, '`to` must be on or after `from`, at most 3 years later.', {}, [{ field: 'to', message: 'must be on or after from, at most 3 years later' }]);
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const key = `${query.from}|${query.to}`;
    const after = query.cursor
      ? decode<{ k: string; m: string; c: string; cur: string }>(query.cursor, (v) => v && v.k === key && /^\d{4}-\d{2}-01$/.test(v.m) && typeof v.c === 'string' && UUID.test(v.c) && /^[A-Z]{3}$/.test(v.cur))
      : null;
    const rows: Array<Record<string, string>> = await this.db.manager.query(REVENUE_SQL, [query.from, query.to, after?.m ?? null, after?.c ?? null, after?.cur ?? null, limit + 1]);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({
        month: r.month,
        customerId: r.customer_id,
        legalName: r.legal_name,
        currency: r.currency,
        invoiced: fmt(r.invoiced, r.currency),
        credited: fmt(r.credited, r.currency),
        revenue: fmt(new Decimal(r.invoiced).minus(r.credited).toFixed(), r.currency),
      })),
      nextCursor: hasMore && last ? encode({ k: key, m: `${last.month}-01`, c: last.customer_id, cur: last.currency }) : null,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { DEFAULT_LIMIT, Page } from '../../../platform/http/pagination';
import { PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { plusDays, renewalsThrough } from '../contracts/contract-dates';
import { Contract } from '../contracts/contract.entity';
import { eventPayload } from '../contracts/contract.view';
import { ContractsService } from '../contracts/contracts.service';
import { UpcomingItemDto, UpcomingQuery } from './upcoming.dto';

const BATCH = 500;

export interface DailyRunResult {
  asOf: string;
  activated: number;
  renewed: number;
  expired: number;
  expiring: number;
  noticeDue: number;
}

interface UpcomingCursor {
  d: string;
  k: string;
  id: string;
}

/**
 * The daily lifecycle pass, driven by an explicit `asOf` date: activates fully signed contracts
 * on their start date, renews automatic ones past their end (several terms when needed), expires
 * the others, moves contracts into their notice window (`expiring`) and sends `notice_due`. Every
 * alert is a row in ctr_alerts inserted with the event, so re-runs and a second instance emit
 * nothing twice.
 */
@Injectable()
export class ContractLifecycleService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly contracts: ContractsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return todayIn(this.config.COMPANY_TIME_ZONE);
  }

  async runDaily(asOf: string = this.today()): Promise<DailyRunResult> {
    return this.db.withTransaction(async () => {
      const result: DailyRunResult = { asOf, activated: 0, renewed: 0, expired: 0, expiring: 0, noticeDue: 0 };
      const repo = this.db.getRepository(Contract);
      const claim = async (where: string, params: unknown[]): Promise<Contract[]> => {
        const ids: { id: string }[] = await this.db.manager.query(`SELECT id FROM ctr_contracts WHERE ${where} ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`, params);
        return ids.length ? repo.find({ where: { id: In(ids.map((r) => r.id)) }, order: { id: 'ASC' } }) : [];
      };
      const move = async (c: Contract, status: Contract['status'], extra: Partial<Contract> = {}) => {
        const now = new Date();
        await repo.update({ id: c.id }, { status, ...extra, version: c.version + 1, updatedAt: now });
        await this.audit.record({ action: `contracts.contract.${status}`, entityType: 'contract', entityId: c.id, before: { status: c.status }, after: { status, asOf } });
        return { ...c, ...extra, status, version: c.version + 1 };
      };

      for (const c of await claim(`status = 'approved' AND fully_signed_at IS NOT NULL AND start_date <= $1`, [asOf])) {
        const next = await move(c, 'active', { activatedAt: new Date() });
        await this.events.publish('contracts.contract.activated', { type: 'contract', id: c.id }, eventPayload(next));
        result.activated++;
      }

      for (const c of await claim(`status IN ('active', 'expiring') AND renewal_type = 'automatic' AND end_date < $1`, [asOf])) {
        const terms = renewalsThrough(c.endDate!, c.renewalTermMonths!, asOf);
        await this.contracts.applyRenewal(c, terms, 'automatic', 'active');
        result.renewed += terms.length;
      }

      for (const c of await claim(`status IN ('active', 'expiring') AND renewal_type <> 'automatic' AND end_date < $1`, [asOf])) {
        const next = await move(c, 'expired', { nextRenewalDate: null });
        await this.events.publish('contracts.contract.expired', { type: 'contract', id: c.id }, eventPayload(next));
        result.expired++;
      }

      // Inside the notice window: N days before the notice deadline (or the end without one).
      for (const c of await claim(`status = 'active' AND end_date >= $1 AND coalesce(notice_deadline, end_date) - notice_alert_days <= $1::date`, [asOf])) {
        const next = await move(c, 'expiring');
        if (await this.alertOnce(c.id, 'expiring', c.endDate!)) {
          await this.events.publish('contracts.contract.expiring', { type: 'contract', id: c.id }, eventPayload(next));
          result.expiring++;
        }
      }

      const noticeDue: { id: string }[] = await this.db.manager.query(
        `SELECT id FROM ctr_contracts
          WHERE status IN ('active', 'expiring') AND notice_deadline >= $1 AND notice_deadline - notice_alert_days <= $1::date
          ORDER BY notice_deadline, id LIMIT ${BATCH}`,
        [asOf],
      );
      const candidates = noticeDue.length ? await repo.findBy({ id: In(noticeDue.map((r) => r.id)) }) : [];
      for (const c of candidates) {
        if (!(await this.alertOnce(c.id, 'notice_due', c.noticeDeadline!))) continue;
        const daysLeft = Math.round((Date.parse(`${c.noticeDeadline}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
        await this.events.publish('contracts.contract.notice_due', { type: 'contract', id: c.id }, { ...eventPayload(c), renewalType: c.renewalType, daysLeft });
        result.noticeDue++;
      }
      return result;
    });
  }

  /** True when this alert was not sent before (the row commits with the outbox event). */
  private async alertOnce(contractId: string, kind: 'notice_due' | 'expiring', forDate: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO ctr_alerts (contract_id, kind, for_date) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING contract_id`,
      [contractId, kind, forDate],
    );
    return rows.length > 0;
  }

  /** Renewals, notice deadlines, ends and open obligations (overdue first) within the window, by date. */
  async upcoming(query: UpcomingQuery): Promise<Page<UpcomingItemDto>> {
    const from = query.asOf ?? this.today();
    const to = plusDays(from, Number((query.within ?? '90d').slice(0, -1)));
    const limit = query.limit ?? DEFAULT_LIMIT;
    const cursor = query.cursor ? this.decode(query.cursor) : null;
    const rows: { kind: string; date: string; contract_id: string; number: string; title: string; obligation_id: string | null; description: string | null; key: string }[] = await this.db.manager.query(
      `SELECT * FROM (
         SELECT 'renewal' AS kind, c.next_renewal_date AS date, c.id AS contract_id, c.number, c.title, NULL::uuid AS obligation_id, NULL::text AS description, c.id AS key
           FROM ctr_contracts c WHERE c.next_renewal_date BETWEEN $1 AND $2 AND c.status IN ('approved', 'active', 'expiring')
         UNION ALL
         SELECT 'notice_deadline', c.notice_deadline, c.id, c.number, c.title, NULL, NULL, c.id
           FROM ctr_contracts c WHERE c.notice_deadline BETWEEN $1 AND $2 AND c.status IN ('approved', 'active', 'expiring')
         UNION ALL
         SELECT 'end', c.end_date, c.id, c.number, c.title, NULL, NULL, c.id
           FROM ctr_contracts c WHERE c.end_date BETWEEN $1 AND $2 AND c.renewal_type <> 'automatic' AND c.status IN ('approved', 'active', 'expiring')
         UNION ALL
         SELECT 'obligation', o.due_date, o.contract_id, c.number, c.title, o.id, o.description, o.id
           FROM ctr_obligations o JOIN ctr_contracts c ON c.id = o.contract_id WHERE o.status = 'open' AND o.due_date <= $2
       ) u
       WHERE $3::date IS NULL OR (u.date, u.kind, u.key) > ($3::date, $4::text, $5::uuid)
       ORDER BY u.date, u.kind, u.key
       LIMIT $6`,
      [from, to, cursor?.d ?? null, cursor?.k ?? null, cursor?.id ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({ kind: r.kind, date: r.date, contractId: r.contract_id, contractNumber: r.number, title: r.title, obligationId: r.obligation_id, description: r.description })),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ d: last.date, k: last.kind, id: last.key }), 'utf8').toString('base64url') : null,
    };
  }

  private decode(cursor: string): UpcomingCursor {
    try {
      const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as UpcomingCursor;
      if (c && /^\d{4}-\d{2}-\d{2}$/.test(c.d) && ['end', 'notice_deadline', 'obligation', 'renewal'].includes(c.k) && /^[0-9a-f-]{36}$/i.test(c.id) && new Date(`${c.d}T00:00:00Z`).toISOString().slice(0, 10) === c.d) return c;
    } catch {
      // fall through
    }
    throw new PlatformException(PlatformErrorCode.InvalidCursor, 'The cursor is not valid for this list; start again without it.', {}, [{ field: 'cursor', message: 'is not a cursor issued for this list' }]);
  }
}

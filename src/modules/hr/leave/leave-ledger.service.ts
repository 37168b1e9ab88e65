import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { Employee } from '../employees/employee.entity';
import { HrErrorCode, HrException } from '../hr.errors';
import { ledgerEntryPayload } from '../leave.events';
import { AccrualRunResultDto, LeaveAdjustmentDto, LeaveBalancesDto, LedgerEntryDto, ListLedgerQuery } from './dto/leave.dto';
import { carryOverExpiryDate, closeYear, completedMonths, expiringCarryOver, prorate } from './leave-math';
import { LeaveLedgerEntry, LeaveType, LedgerKind } from './leave.entities';

const SORTS: Record<string, SortField> = {
  effectiveDate: { column: 'l.effective_date', type: 'date', value: (l: LeaveLedgerEntry) => l.effectiveDate },
};

export function toLedgerEntryDto(l: LeaveLedgerEntry): LedgerEntryDto {
  return {
    id: l.id,
    employeeId: l.employeeId,
    leaveTypeId: l.leaveTypeId,
    kind: l.kind,
    amount: l.amount,
    effectiveDate: l.effectiveDate,
    period: l.period,
    reason: l.reason,
    leaveRequestId: l.leaveRequestId,
    reversesEntryId: l.reversesEntryId,
    createdAt: l.createdAt.toISOString(),
  };
}

export interface NewLedgerEntry {
  employeeId: string;
  leaveTypeId: string;
  kind: LedgerKind;
  amount: string;
  effectiveDate: string;
  period?: string | null;
  reason?: string | null;
  leaveRequestId?: string | null;
  reversesEntryId?: string | null;
}

/** Serialises every change to one employee's leave (requests, approvals, accruals). */
export async function lockEmployeeLeave(db: TransactionalConnection, employeeId: string): Promise<void> {
  await db.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('hr.leave:' || $1, 0))`, [employeeId]);
}

const dec2 = (v: string | Decimal) => new Decimal(v).toFixed(2);

@Injectable()
export class LeaveLedgerService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.db.getRepository(LeaveLedgerEntry);
  }

  today(): string {
    return todayIn(this.config.COMPANY_TIME_ZONE);
  }

  /**
   * Appends an entry. Scheduled entries carry a period and are written once per period:
   * a second attempt is ignored and returns null. Each entry is announced by its own event
   * (`hr.leave_ledger.<kind>`), except usage, which the leave request's events announce.
   */
  async append(e: NewLedgerEntry): Promise<LeaveLedgerEntry | null> {
    const row = { id: newId(), period: null, reason: null, leaveRequestId: null, reversesEntryId: null, ...e, createdAt: new Date() };
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO hr_leave_ledger_entries (id, employee_id, leave_type_id, kind, amount, effective_date, period, reason, leave_request_id, reverses_entry_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ${row.period && !row.reversesEntryId ? 'ON CONFLICT DO NOTHING' : ''} RETURNING id`,
      [row.id, row.employeeId, row.leaveTypeId, row.kind, row.amount, row.effectiveDate, row.period, row.reason, row.leaveRequestId, row.reversesEntryId, row.createdAt],
    );
    if (!rows.length) return null;
    const entry = this.repo.create(row);
    await this.audit.record({ action: `hr.leave_ledger.${e.kind}`, entityType: 'leave_ledger_entry', entityId: row.id, before: null, after: toLedgerEntryDto(entry) as unknown as Record<string, unknown> });
    if (entry.kind !== 'usage') await this.events.publish(`hr.leave_ledger.${entry.kind}`, { type: 'leave_ledger_entry', id: row.id }, ledgerEntryPayload({ ...entry, kind: entry.kind }));
    return entry;
  }

  /** Sum of every entry so far, whatever its date (what may still be requested). */
  async totalBalance(employeeId: string, leaveTypeId: string, asOf?: string): Promise<string> {
    const [{ total }] = await this.db.manager.query(
      `SELECT coalesce(sum(amount), 0)::numeric(12,2)::text AS total FROM hr_leave_ledger_entries
        WHERE employee_id = $1 AND leave_type_id = $2 AND ($3::date IS NULL OR effective_date <= $3::date)`,
      [employeeId, leaveTypeId, asOf ?? null],
    );
    return total as string;
  }

  async balances(employeeId: string, asOf: string | undefined): Promise<LeaveBalancesDto> {
    const employee = await this.db.getRepository(Employee).findOneBy({ id: employeeId });
    if (!employee) throw new NotFoundProblem('Employee', employeeId);
    const date = asOf ?? this.today();
    const rows: Array<Record<string, string>> = await this.db.manager.query(
      `SELECT t.id, t.code, t.name, t.unit,
              coalesce(sum(e.amount), 0)::numeric(12,2)::text AS balance,
              coalesce(sum(e.amount) FILTER (WHERE e.kind IN ('grant', 'accrual')), 0)::numeric(12,2)::text AS earned,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'usage'), 0)::numeric(12,2)::text AS used,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'adjustment'), 0)::numeric(12,2)::text AS adjusted,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'carry_over'), 0)::numeric(12,2)::text AS carried_over,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'expiry'), 0)::numeric(12,2)::text AS expired,
              (SELECT coalesce(sum(r.amount), 0)::numeric(12,2)::text FROM hr_leave_requests r
                WHERE r.employee_id = $1 AND r.leave_type_id = t.id AND r.status = 'submitted') AS pending
         FROM hr_leave_types t
         LEFT JOIN hr_leave_ledger_entries e ON e.leave_type_id = t.id AND e.employee_id = $1 AND e.effective_date <= $2
        GROUP BY t.id ORDER BY t.code`,
      [employeeId, date],
    );
    return {
      employeeId,
      asOf: date,
      balances: rows.map((r) => ({
        leaveTypeId: r.id,
        code: r.code,
        name: r.name,
        unit: r.unit,
        balance: r.balance,
        earned: r.earned,
        used: r.used,
        adjusted: r.adjusted,
        carriedOver: r.carried_over,
        expired: r.expired,
        pending: r.pending,
      })),
    };
  }

  async entries(employeeId: string, query: ListLedgerQuery): Promise<Page<LedgerEntryDto>> {
    const qb = this.repo.createQueryBuilder('l').where('l.employee_id = :employeeId', { employeeId });
    if (query.leaveTypeId) qb.andWhere('l.leave_type_id = :leaveTypeId', { leaveTypeId: query.leaveTypeId });
    return paginate(qb, { sort: query.sort ?? 'effectiveDate', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'l.id', map: toLedgerEntryDto });
  }

  async adjust(employeeId: string, input: LeaveAdjustmentDto): Promise<LedgerEntryDto> {
    return this.db.withTransaction(async () => {
      const employee = await this.db.getRepository(Employee).findOneBy({ id: employeeId });
      if (!employee) throw new NotFoundProblem('Employee', employeeId);
      await lockEmployeeLeave(this.db, employeeId);
      const entry = await this.append({ employeeId, leaveTypeId: input.leaveTypeId, kind: 'adjustment', amount: dec2(input.amount), effectiveDate: input.effectiveDate, reason: input.reason });
      return toLedgerEntryDto(entry!);
    });
  }

  /** A correction: a new entry of the same kind with the opposite amount. */
  async reverse(entryId: string, reason: string, fromRequest = false): Promise<LedgerEntryDto> {
    return this.db.withTransaction(async () => {
      const original = await this.repo.findOneBy({ id: entryId });
      if (!original) throw new NotFoundProblem('Leave ledger entry', entryId);
      if (original.reversesEntryId) throw new HrException(HrErrorCode.ReversalNotAllowed, 'A reversing entry cannot itself be reversed; add an adjustment instead.', { entryId });
      if (original.leaveRequestId && !fromRequest) {
        throw new HrException(HrErrorCode.ReversalNotAllowed, 'The usage of a leave request is reversed by cancelling the request.', { entryId, leaveRequestId: original.leaveRequestId });
      }
      await lockEmployeeLeave(this.db, original.employeeId);
      const entry = await this.append({
        employeeId: original.employeeId,
        leaveTypeId: original.leaveTypeId,
        kind: original.kind,
        amount: dec2(new Decimal(original.amount).negated()),
        effectiveDate: original.effectiveDate,
        period: original.period,
        reason,
        leaveRequestId: original.leaveRequestId,
        reversesEntryId: original.id,
      });
      return toLedgerEntryDto(entry!);
    });
  }

  /**
   * Grants, accruals, year close, carry-over expiry and termination corrections due on `asOf`.
   * Each entry has a period key unique per employee, type and kind, so a second run (or a
   * second instance) writes nothing new.
   */
  async runAccruals(asOf: string = this.today()): Promise<AccrualRunResultDto> {
    return this.db.withTransaction(async () => {
      const types = await this.db.getRepository(LeaveType).find({ order: { code: 'ASC' } });
      const year = Number(asOf.slice(0, 4));
      const yearStart = `${year}-01-01`;
      const prevYear = year - 1;
      const employees = await this.db.getRepository(Employee).createQueryBuilder('e')
        .where('e.hire_date <= :asOf', { asOf })
        .andWhere('(e.termination_date IS NULL OR e.termination_date >= :since)', { since: `${prevYear}-01-01` })
        .orderBy('e.id')
        .getMany();
      let written = 0;
      const put = async (e: NewLedgerEntry) => {
        if (new Decimal(e.amount).isZero()) return;
        if (await this.append(e)) written++;
      };
      for (const emp of employees) {
        await lockEmployeeLeave(this.db, emp.id);
        for (const t of types) {
          const base = { employeeId: emp.id, leaveTypeId: t.id };
          if (t.accrualPolicy === 'yearly_grant' && t.accrualAmount && !(emp.terminationDate && emp.terminationDate < yearStart)) {
            const yearEnd = `${year}-12-31`;
            const full = prorate(t.accrualAmount, yearStart, yearEnd, emp.hireDate, null);
            await put({ ...base, kind: 'grant', amount: full, effectiveDate: emp.hireDate > yearStart ? emp.hireDate : yearStart, period: String(year), reason: `Yearly grant ${year}` });
            if (emp.terminationDate && emp.terminationDate >= yearStart && emp.terminationDate < yearEnd) {
              const earned = prorate(t.accrualAmount, yearStart, yearEnd, emp.hireDate, emp.terminationDate);
              await put({ ...base, kind: 'adjustment', amount: dec2(new Decimal(earned).minus(full)), effectiveDate: emp.terminationDate, period: `${year}:termination`, reason: `Yearly grant ${year} prorated to the termination on ${emp.terminationDate}` });
            }
          }
          if (t.accrualPolicy === 'monthly_accrual' && t.accrualAmount) {
            for (const m of [...completedMonths(prevYear, asOf), ...completedMonths(year, asOf)]) {
              if (m.end < emp.hireDate || (emp.terminationDate && m.start > emp.terminationDate)) continue;
              await put({ ...base, kind: 'accrual', amount: prorate(t.accrualAmount, m.start, m.end, emp.hireDate, emp.terminationDate), effectiveDate: m.end, period: m.period, reason: `Monthly accrual ${m.period}` });
            }
          }
          if ((t.carryOverCap !== null || t.carryOverExpiryMonths !== null) && emp.hireDate < yearStart) {
            written += await this.closeYear(emp.id, t, prevYear, asOf);
          }
        }
      }
      return { asOf, entriesWritten: written };
    });
  }

  private async closeYear(employeeId: string, t: LeaveType, closingYear: number, asOf: string): Promise<number> {
    const base = { employeeId, leaveTypeId: t.id };
    const newYearStart = `${closingYear + 1}-01-01`;
    let written = 0;
    const existing = await this.repo.findOneBy({ ...base, kind: 'carry_over', period: `${closingYear}:carry` });
    let carried = existing?.amount ?? null;
    const closedAlready = existing || (await this.repo.findOneBy({ ...base, kind: 'expiry', period: `${closingYear}:close` }));
    if (!closedAlready) {
      const close = closeYear(await this.totalBalance(employeeId, t.id, `${closingYear}-12-31`), t.carryOverCap);
      if (close) {
        if (await this.append({ ...base, kind: 'expiry', amount: close.closed, effectiveDate: newYearStart, period: `${closingYear}:close`, reason: `${closingYear} balance closed at year end` })) written++;
        if (!new Decimal(close.carried).isZero() && (await this.append({ ...base, kind: 'carry_over', amount: close.carried, effectiveDate: newYearStart, period: `${closingYear}:carry`, reason: `Carried over from ${closingYear}${t.carryOverCap !== null ? ` (cap ${t.carryOverCap})` : ''}` }))) {
          written++;
          carried = close.carried;
        }
      }
    }
    if (carried && t.carryOverExpiryMonths) {
      const expiresOn = carryOverExpiryDate(newYearStart, t.carryOverExpiryMonths);
      if (asOf >= expiresOn) {
        const [{ used }] = await this.db.manager.query(
          `SELECT coalesce(-sum(amount), 0)::numeric(12,2)::text AS used FROM hr_leave_ledger_entries
            WHERE employee_id = $1 AND leave_type_id = $2 AND kind = 'usage' AND effective_date >= $3 AND effective_date < $4`,
          [employeeId, t.id, newYearStart, expiresOn],
        );
        const expiring = expiringCarryOver(carried, used as string);
        if (!new Decimal(expiring).isZero() && (await this.append({ ...base, kind: 'expiry', amount: dec2(new Decimal(expiring).negated()), effectiveDate: expiresOn, period: `${closingYear}:carry-expiry`, reason: `Unused leave carried over from ${closingYear} expired on ${expiresOn}` }))) written++;
      }
    }
    return written;
  }
}

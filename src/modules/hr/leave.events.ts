import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { ACCRUAL_POLICIES, APPROVERS, LEAVE_UNITS } from './leave/leave.entities';
import type { AccrualPolicy, Approver, LeaveLedgerEntry, LeaveType, LeaveUnit, LedgerKind } from './leave/leave.entities';

/** Leave types as they are after the change, with the names of the changed fields on updates. */
export interface LeaveTypeChangedPayload {
  leaveTypeId: string;
  code: string;
  name: string;
  paid: boolean;
  unit: LeaveUnit;
  halfDaysAllowed: boolean;
  accrualPolicy: AccrualPolicy;
  /** Decimal strings, in `unit`. */
  accrualAmount: string | null;
  carryOverCap: string | null;
  carryOverExpiryMonths: number | null;
  allowNegative: boolean;
  approver: Approver;
  approverEmployeeId: string | null;
  changedFields: string[];
}

/** Ledger kinds announced by their own event; `usage` is announced by the leave request's events. */
export type AnnouncedLedgerKind = Exclude<LedgerKind, 'usage'>;
export const ANNOUNCED_LEDGER_KINDS = ['grant', 'accrual', 'adjustment', 'carry_over', 'expiry'] as const satisfies readonly AnnouncedLedgerKind[];

/** One entry of the append-only leave ledger (its free-text reason is not carried). */
export interface LeaveLedgerEntryPayload {
  entryId: string;
  employeeId: string;
  leaveTypeId: string;
  kind: AnnouncedLedgerKind;
  /** Signed decimal string, in the leave type's unit. */
  amount: string;
  effectiveDate: string;
  /** The period a scheduled entry is written once for (`2026`, `2026-03`, `2025:carry`, ...); null for manual entries. */
  period: string | null;
  /** Set on a correction: the entry it reverses. */
  reversesEntryId: string | null;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'hr.leave_type.created': LeaveTypeChangedPayload;
    'hr.leave_type.updated': LeaveTypeChangedPayload;
    'hr.leave_ledger.grant': LeaveLedgerEntryPayload;
    'hr.leave_ledger.accrual': LeaveLedgerEntryPayload;
    'hr.leave_ledger.adjustment': LeaveLedgerEntryPayload;
    'hr.leave_ledger.carry_over': LeaveLedgerEntryPayload;
    'hr.leave_ledger.expiry': LeaveLedgerEntryPayload;
  }
}

const LEAVE_TYPE_FIELDS = ['code', 'name', 'paid', 'unit', 'halfDaysAllowed', 'accrualPolicy', 'accrualAmount', 'carryOverCap', 'carryOverExpiryMonths', 'allowNegative', 'approver', 'approverEmployeeId'] as const;

export const leaveTypePayload = (t: LeaveType, changedFields: string[] = []): LeaveTypeChangedPayload => ({
  leaveTypeId: t.id,
  code: t.code,
  name: t.name,
  paid: t.paid,
  unit: t.unit,
  halfDaysAllowed: t.halfDaysAllowed,
  accrualPolicy: t.accrualPolicy,
  accrualAmount: t.accrualAmount,
  carryOverCap: t.carryOverCap,
  carryOverExpiryMonths: t.carryOverExpiryMonths,
  allowNegative: t.allowNegative,
  approver: t.approver,
  approverEmployeeId: t.approverEmployeeId,
  changedFields,
});

export const ledgerEntryPayload = (e: LeaveLedgerEntry & { kind: AnnouncedLedgerKind }): LeaveLedgerEntryPayload => ({
  entryId: e.id,
  employeeId: e.employeeId,
  leaveTypeId: e.leaveTypeId,
  kind: e.kind,
  amount: e.amount,
  effectiveDate: e.effectiveDate,
  period: e.period,
  reversesEntryId: e.reversesEntryId,
});

const amount = (description: string) => S.decimal({ precision: 8, scale: 2, min: '0', description });
const leaveTypeSchema = S.object({
  leaveTypeId: S.uuid(),
  code: S.string(20, { pattern: '^[A-Z0-9_]{1,20}$' }),
  name: S.string(100),
  paid: S.boolean(),
  unit: S.enum(LEAVE_UNITS),
  halfDaysAllowed: S.boolean(),
  accrualPolicy: S.enum(ACCRUAL_POLICIES),
  accrualAmount: S.nullable(amount('Granted or accrued per year or month, in `unit`.')),
  carryOverCap: S.nullable(amount('Most that carries into the next year, in `unit`; null = no cap.')),
  carryOverExpiryMonths: S.nullable(S.int32(1, 12)),
  allowNegative: S.boolean(),
  approver: S.enum(APPROVERS),
  approverEmployeeId: S.nullable(S.uuid()),
  changedFields: S.array(S.enum(LEAVE_TYPE_FIELDS), LEAVE_TYPE_FIELDS.length),
});
const ledgerEntrySchema = S.object({
  entryId: S.uuid(),
  employeeId: S.uuid(),
  leaveTypeId: S.uuid(),
  kind: S.enum(ANNOUNCED_LEDGER_KINDS),
  amount: S.decimal({ precision: 8, scale: 2, description: 'Signed, in the leave type\'s unit: positive adds to the balance.' }),
  effectiveDate: S.date(),
  period: S.nullable(S.string(32, { description: 'The period a scheduled entry is written once for; null for manual entries.' })),
  reversesEntryId: S.nullable(S.uuid()),
});
const ledger = (description: string) => ({ description, aggregateType: 'leave_ledger_entry', schema: ledgerEntrySchema });

defineEventTypes({
  'hr.leave_type.created': { description: 'A leave type was created.', aggregateType: 'leave_type', schema: leaveTypeSchema },
  'hr.leave_type.updated': { description: 'A leave type changed (accrual, carry-over, approver, ...); `changedFields` names what.', aggregateType: 'leave_type', schema: leaveTypeSchema },
  'hr.leave_ledger.grant': ledger('A yearly leave grant was written to an employee\'s ledger (by the accrual job or run), or a grant was reversed.'),
  'hr.leave_ledger.accrual': ledger('A monthly leave accrual was written to an employee\'s ledger, or an accrual was reversed.'),
  'hr.leave_ledger.adjustment': ledger('A leave balance was adjusted (by hand, or prorated at a termination), or an adjustment was reversed.'),
  'hr.leave_ledger.carry_over': ledger('Leave was carried over into the new year (up to the leave type\'s cap), or a carry-over was reversed.'),
  'hr.leave_ledger.expiry': ledger('Leave expired: the balance closed at year end, or carried-over leave unused by its expiry date.'),
});

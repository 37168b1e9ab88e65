import { Column, Entity, PrimaryColumn } from 'typeorm';

export const LEAVE_UNITS = ['days', 'hours'] as const;
export type LeaveUnit = (typeof LEAVE_UNITS)[number];
export const ACCRUAL_POLICIES = ['none', 'yearly_grant', 'monthly_accrual'] as const;
export type AccrualPolicy = (typeof ACCRUAL_POLICIES)[number];
export const APPROVERS = ['manager', 'named'] as const;
export type Approver = (typeof APPROVERS)[number];
export const LEDGER_KINDS = ['grant', 'accrual', 'usage', 'adjustment', 'carry_over', 'expiry'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEAVE_REQUEST_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveRequestStatus = (typeof LEAVE_REQUEST_STATUSES)[number];

@Entity('hr_leave_types')
export class LeaveType {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('boolean') paid: boolean;
  @Column('text') unit: LeaveUnit;
  @Column('boolean') halfDaysAllowed: boolean;
  @Column('text') accrualPolicy: AccrualPolicy;
  @Column('numeric', { precision: 8, scale: 2, nullable: true }) accrualAmount: string | null;
  @Column('numeric', { precision: 8, scale: 2, nullable: true }) carryOverCap: string | null;
  @Column('int', { nullable: true }) carryOverExpiryMonths: number | null;
  @Column('boolean') allowNegative: boolean;
  @Column('text') approver: Approver;
  @Column('uuid', { nullable: true }) approverEmployeeId: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_leave_ledger_entries')
export class LeaveLedgerEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('uuid') leaveTypeId: string;
  @Column('text') kind: LedgerKind;
  @Column('numeric', { precision: 8, scale: 2 }) amount: string;
  @Column('date') effectiveDate: string;
  @Column('varchar', { length: 32, nullable: true }) period: string | null;
  @Column('varchar', { length: 500, nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) leaveRequestId: string | null;
  @Column('uuid', { nullable: true }) reversesEntryId: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('hr_leave_requests')
export class LeaveRequest {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('uuid') leaveTypeId: string;
  @Column('date') startDate: string;
  @Column('date') endDate: string;
  @Column('boolean') halfDayStart: boolean;
  @Column('boolean') halfDayEnd: boolean;
  @Column('numeric', { precision: 8, scale: 2 }) amount: string;
  @Column('text') unit: LeaveUnit;
  @Column('text') status: LeaveRequestStatus;
  @Column('varchar', { length: 500, nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) decidedByEmployeeId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) decidedAt: Date | null;
  @Column('varchar', { length: 500, nullable: true }) decisionNote: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

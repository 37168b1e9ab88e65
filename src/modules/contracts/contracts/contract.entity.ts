import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NoticeUnit, RenewalType } from './contract-dates';

export const CONTRACT_TYPES = ['customer', 'supplier', 'employment', 'nda', 'lease', 'service', 'other'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_STATUSES = ['draft', 'in_review', 'approved', 'active', 'expiring', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const COUNTERPARTY_KINDS = ['employee', 'customer', 'party'] as const;
export type CounterpartyKind = (typeof COUNTERPARTY_KINDS)[number];
export const RENEWAL_TYPES = ['none', 'automatic', 'manual'] as const;
export const NOTICE_UNITS = ['days', 'months'] as const;
export const PARTIES = ['internal', 'counterparty'] as const;
export type Party = (typeof PARTIES)[number];

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  countryCode: string;
}

@Entity('ctr_contracts')
export class Contract {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('varchar', { length: 200 }) title: string;
  @Column('text') type: ContractType;
  @Column('text') status: ContractStatus;
  @Column('text') counterpartyKind: CounterpartyKind;
  @Column('uuid', { nullable: true }) counterpartyEmployeeId: string | null;
  @Column('uuid', { nullable: true }) counterpartyCustomerId: string | null;
  @Column('varchar', { length: 200 }) counterpartyName: string;
  @Column('varchar', { length: 50, nullable: true }) counterpartyCompanyId: string | null;
  @Column('jsonb', { nullable: true }) counterpartyAddress: PostalAddress | null;
  @Column('uuid', { nullable: true }) ownerEmployeeId: string | null;
  @Column('numeric', { precision: 18, scale: 2, nullable: true }) value: string | null;
  @Column('char', { length: 3, nullable: true }) currency: string | null;
  @Column('varchar', { length: 200, nullable: true }) paymentTerms: string | null;
  @Column('date') startDate: string;
  @Column('date', { nullable: true }) endDate: string | null;
  @Column('int', { nullable: true }) termMonths: number | null;
  @Column('varchar', { length: 100, nullable: true }) governingLaw: string | null;
  @Column('text', { array: true }) tags: string[];
  @Column('text') renewalType: RenewalType;
  @Column('int', { nullable: true }) renewalTermMonths: number | null;
  @Column('int', { nullable: true }) noticePeriodValue: number | null;
  @Column('text', { nullable: true }) noticePeriodUnit: NoticeUnit | null;
  @Column('date', { nullable: true }) noticeDeadline: string | null;
  @Column('date', { nullable: true }) nextRenewalDate: string | null;
  @Column('int') noticeAlertDays: number;
  @Column('int') currentVersionNo: number;
  @Column('int') renewalCount: number;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) fullySignedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) activatedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) terminatedAt: Date | null;
  @Column('date', { nullable: true }) terminationDate: string | null;
  @Column('varchar', { length: 1000, nullable: true }) terminationReason: string | null;
  @Column('text', { nullable: true }) originHireKey: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

/** The terms a version freezes (and a signature's hash covers). */
export interface ContractTerms {
  title: string;
  type: ContractType;
  counterparty: { kind: CounterpartyKind; employeeId: string | null; customerId: string | null; name: string; companyId: string | null; address: PostalAddress | null };
  value: string | null;
  currency: string | null;
  paymentTerms: string | null;
  startDate: string;
  endDate: string | null;
  termMonths: number | null;
  governingLaw: string | null;
  renewalType: RenewalType;
  renewalTermMonths: number | null;
  noticePeriod: { value: number; unit: NoticeUnit } | null;
}

@Entity('ctr_contract_versions')
export class ContractVersion {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('int') versionNo: number;
  @Column('text') kind: 'original' | 'amendment';
  @Column('jsonb') terms: ContractTerms;
  @Column('date') effectiveDate: string;
  @Column('varchar', { length: 1000, nullable: true }) summary: string | null;
  @Column('uuid', { nullable: true }) documentId: string | null;
  @Column('char', { length: 64, nullable: true }) documentSha256: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) lockedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('ctr_documents')
export class ContractDocument {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('int') versionNo: number;
  @Column('varchar', { length: 255 }) fileName: string;
  @Column('varchar', { length: 100 }) contentType: string;
  @Column('int') sizeBytes: number;
  @Column('char', { length: 64 }) sha256: string;
  @Column('bytea', { select: false }) content: Buffer;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('ctr_signers')
export class Signer {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 254 }) email: string;
  @Column('varchar', { length: 100 }) role: string;
  @Column('text') party: Party;
  @Column('boolean') required: boolean;
}

@Entity('ctr_signatures')
export class Signature {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('int') versionNo: number;
  @Column('uuid') signerId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 254 }) email: string;
  @Column('varchar', { length: 100 }) role: string;
  @Column('text') party: Party;
  @Column({ type: 'timestamptz', precision: 3 }) signedAt: Date;
  @Column('char', { length: 64 }) versionSha256: string;
}

@Entity('ctr_renewals')
export class Renewal {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @Column('int') termNo: number;
  @Column('text') kind: 'automatic' | 'manual';
  @Column('date') startDate: string;
  @Column('date') endDate: string;
  @Column({ type: 'timestamptz', precision: 3 }) renewedAt: Date;
}

import { defineEventTypes, JsonSchema } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { BILLING_PERIODS } from './billing/billing.entity';

export interface ContractEventPayload {
  contractId: string;
  number: string;
  title: string;
  type: string;
  status: string;
  counterpartyName: string;
  startDate: string;
  endDate: string | null;
  noticeDeadline: string | null;
  versionNo: number;
}

export interface ContractSignedPayload extends ContractEventPayload {
  signerId: string;
  signerName: string;
  signerEmail: string;
  party: string;
  signedAt: string;
  /** SHA-256 of the exact version signed (canonical terms + document checksum). */
  versionSha256: string;
}

export interface ContractRenewedPayload extends ContractEventPayload {
  renewalKind: 'automatic' | 'manual';
  termNo: number;
  termStartDate: string;
  termEndDate: string;
}

export interface ContractAmendedPayload extends ContractEventPayload {
  effectiveDate: string;
  summary: string | null;
}

export interface ContractTerminatedPayload extends ContractEventPayload {
  terminationDate: string;
  reason: string;
}

export interface ContractNoticeDuePayload extends ContractEventPayload {
  renewalType: string;
  /** Days from the job's date to the notice deadline. */
  daysLeft: number;
}

export interface ObligationEventPayload {
  obligationId: string;
  contractId: string;
  kind: string;
  description: string;
  responsibleParty: string;
  dueDate: string;
  status: string;
  amount: string | null;
  currency: string | null;
}

export interface BillingPeriodInvoicedPayload {
  scheduleId: string;
  contractId: string;
  contractNumber: string;
  periodStart: string;
  periodEnd: string;
  invoiceId: string;
  amount: string;
  currency: string;
}

/** A billing schedule as created: what each period will invoice, and from when. */
export interface BillingScheduleCreatedPayload {
  scheduleId: string;
  contractId: string;
  amount: string;
  currency: string;
  period: string;
  seriesId: string;
  taxCategoryId: string;
  startDate: string;
  endDate: string | null;
  nextPeriodStart: string;
  active: boolean;
}

/** A document stored as a contract version's file (its bytes are downloaded through the API). */
export interface ContractDocumentUploadedPayload {
  contractId: string;
  contractNumber: string;
  versionNo: number;
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'contracts.contract.created': ContractEventPayload;
    'contracts.contract.updated': ContractEventPayload;
    'contracts.contract.deleted': ContractEventPayload;
    'contracts.contract.submitted': ContractEventPayload;
    'contracts.contract.returned': ContractEventPayload;
    'contracts.contract.approved': ContractEventPayload;
    'contracts.contract.signed': ContractSignedPayload;
    'contracts.contract.activated': ContractEventPayload;
    'contracts.contract.expiring': ContractEventPayload;
    'contracts.contract.notice_due': ContractNoticeDuePayload;
    'contracts.contract.renewed': ContractRenewedPayload;
    'contracts.contract.expired': ContractEventPayload;
    'contracts.contract.terminated': ContractTerminatedPayload;
    'contracts.contract.amended': ContractAmendedPayload;
    'contracts.obligation.created': ObligationEventPayload;
    'contracts.obligation.completed': ObligationEventPayload;
    'contracts.obligation.missed': ObligationEventPayload;
    'contracts.billing_period.invoiced': BillingPeriodInvoicedPayload;
    'contracts.billing_schedule.created': BillingScheduleCreatedPayload;
    'contracts.document.uploaded': ContractDocumentUploadedPayload;
  }
}

const str = { type: 'string' };
const uuid = { type: 'string', format: 'uuid' };
const date = { type: 'string', format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };
const int = { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 };
/** Free text with the limit it was written with. */
const text = (maxLength: number) => ({ type: 'string', maxLength });
/** A decimal string of a numeric(18, 2) column, never negative. */
const amount = { type: 'string', pattern: '^\\d{1,16}(\\.\\d{1,2})?$', maxLength: 19 };
const currency = { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 };
const contractNumber = { type: 'string', pattern: '^CTR-[0-9]{4}-[0-9]{4,19}$', maxLength: 28 };
const nullable = (s: Record<string, unknown>) => ({ ...s, type: [s.type, 'null'] });
/** Closed objects, every property required: the platform's builder. */
const object = (properties: Record<string, unknown>): JsonSchema => S.object(properties as Record<string, JsonSchema>);

const contract = {
  contractId: uuid,
  number: contractNumber,
  title: text(200),
  type: { ...str, enum: ['customer', 'supplier', 'employment', 'nda', 'lease', 'service', 'other'] },
  status: { ...str, enum: ['draft', 'in_review', 'approved', 'active', 'expiring', 'expired', 'terminated'] },
  counterpartyName: text(200),
  startDate: date,
  endDate: nullable(date),
  noticeDeadline: nullable(date),
  versionNo: int,
};
const obligation = object({
  obligationId: uuid,
  contractId: uuid,
  kind: { ...str, enum: ['obligation', 'milestone'] },
  description: text(1000),
  responsibleParty: { ...str, enum: ['internal', 'counterparty'] },
  dueDate: date,
  status: { ...str, enum: ['open', 'done', 'missed'] },
  amount: nullable(amount),
  currency: nullable(currency),
});
const plain = (description: string) => ({ description, aggregateType: 'contract', schema: object(contract) });

defineEventTypes({
  'contracts.contract.created': plain('A contract was registered as a draft (through the API, or for a new hire).'),
  'contracts.contract.updated': plain('A contract\'s terms, signers, owner or tags were edited (drafts; terms after approval change through amendments).'),
  'contracts.contract.deleted': plain('A draft contract was deleted; the payload is the contract as it was.'),
  'contracts.contract.submitted': plain('A draft contract was submitted for review.'),
  'contracts.contract.returned': plain('A contract in review was sent back to draft.'),
  'contracts.contract.approved': plain('A contract in review was approved; signatures can be collected.'),
  'contracts.contract.signed': {
    description: 'A signer signed the current version of a contract.',
    aggregateType: 'contract',
    schema: object({ ...contract, signerId: uuid, signerName: text(200), signerEmail: text(254), party: { ...str, enum: ['internal', 'counterparty'] }, signedAt: dateTime, versionSha256: { ...str, pattern: '^[0-9a-f]{64}$', maxLength: 64 } }),
  },
  'contracts.contract.activated': plain('All required signers signed and the start date came: the contract is active.'),
  'contracts.contract.expiring': plain('The contract entered its notice window (notice deadline minus the alert days, or its end minus them).'),
  'contracts.contract.notice_due': {
    description: 'The notice deadline of the current term is near (the contract\'s alert days before it); sent once per term.',
    aggregateType: 'contract',
    schema: object({ ...contract, renewalType: { ...str, enum: ['none', 'automatic', 'manual'] }, daysLeft: int }),
  },
  'contracts.contract.renewed': {
    description: 'The contract was renewed for another term (automatically by the daily job, or by the renew action); it is active for the new term.',
    aggregateType: 'contract',
    schema: object({ ...contract, renewalKind: { ...str, enum: ['automatic', 'manual'] }, termNo: int, termStartDate: date, termEndDate: date }),
  },
  'contracts.contract.expired': plain('The contract reached its end date without renewal.'),
  'contracts.contract.terminated': {
    description: 'The contract was terminated.',
    aggregateType: 'contract',
    schema: object({ ...contract, terminationDate: date, reason: text(1000) }),
  },
  'contracts.contract.amended': {
    description: 'An amendment added a new version of the terms; earlier versions stay as they were.',
    aggregateType: 'contract',
    schema: object({ ...contract, effectiveDate: date, summary: nullable(text(1000)) }),
  },
  'contracts.obligation.created': { description: 'An obligation or milestone was added to a contract.', aggregateType: 'contract_obligation', schema: obligation },
  'contracts.obligation.completed': { description: 'An obligation was fulfilled (a recurring one moves to its next due date).', aggregateType: 'contract_obligation', schema: obligation },
  'contracts.obligation.missed': { description: 'An obligation was marked missed.', aggregateType: 'contract_obligation', schema: obligation },
  'contracts.billing_period.invoiced': {
    description: 'A billing schedule\'s period was invoiced: a draft invoice was created in invoicing.',
    aggregateType: 'contract_billing_schedule',
    schema: object({ scheduleId: uuid, contractId: uuid, contractNumber, periodStart: date, periodEnd: date, invoiceId: uuid, amount, currency }),
  },
  'contracts.billing_schedule.created': {
    description: 'A billing schedule was added to a contract: every period from `startDate` will be invoiced as a draft invoice of `amount`.',
    aggregateType: 'contract_billing_schedule',
    schema: object({
      scheduleId: uuid,
      contractId: uuid,
      amount,
      currency,
      period: { ...str, enum: [...BILLING_PERIODS] },
      seriesId: uuid,
      taxCategoryId: uuid,
      startDate: date,
      endDate: nullable(date),
      nextPeriodStart: date,
      active: { type: 'boolean' },
    }),
  },
  'contracts.document.uploaded': {
    description: 'A document was stored as the file of a contract version (replacing an earlier one of an unsigned version); `sha256` identifies the bytes.',
    aggregateType: 'contract',
    schema: object({
      contractId: uuid,
      contractNumber,
      versionNo: int,
      documentId: uuid,
      fileName: text(255),
      contentType: text(100),
      sizeBytes: int,
      sha256: { ...str, pattern: '^[0-9a-f]{64}$', maxLength: 64 },
      uploadedAt: dateTime,
    }),
  },
});

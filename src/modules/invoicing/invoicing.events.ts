import { defineEventTypes, JsonSchema } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { INVOICING_CHANGE_EVENT_TOPICS } from './change.events';
import { AMOUNT, DOCUMENT_NUMBER_MAX_LENGTH } from './limits';
import { PAYMENT_METHODS } from './payments/payment.entity';

export interface InvoiceIssuedPayload {
  invoiceId: string;
  number: string;
  seriesId: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  taxExclusiveAmount: string;
  taxTotal: string;
  payableAmount: string;
}

/** An issued invoice changed state through a payment, a credit note or a void. */
export interface InvoiceStatusChangedPayload {
  invoiceId: string;
  number: string;
  customerId: string;
  currency: string;
  previousStatus: string;
  status: string;
  payableAmount: string;
  paidAmount: string;
  creditedAmount: string;
  amountDue: string;
}

export interface CreditNoteIssuedPayload {
  creditNoteId: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  currency: string;
  issueDate: string;
  taxExclusiveAmount: string;
  taxTotal: string;
  taxInclusiveAmount: string;
  stockReturned: boolean;
}

export interface PaymentAllocationPayload {
  invoiceId: string;
  amount: string;
}

export interface PaymentReceivedPayload {
  paymentId: string;
  customerId: string;
  currency: string;
  amount: string;
  receivedOn: string;
  method: string;
  reference: string | null;
  allocations: PaymentAllocationPayload[];
  unallocatedAmount: string;
}

export interface PaymentAllocatedPayload {
  paymentId: string;
  customerId: string;
  currency: string;
  allocations: PaymentAllocationPayload[];
  unallocatedAmount: string;
}

export interface PaymentRefundedPayload {
  paymentId: string;
  refundId: string;
  customerId: string;
  currency: string;
  amount: string;
  refundedOn: string;
  reference: string | null;
  unallocatedAmount: string;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'invoicing.invoice.issued': InvoiceIssuedPayload;
    'invoicing.invoice.partially_paid': InvoiceStatusChangedPayload;
    'invoicing.invoice.paid': InvoiceStatusChangedPayload;
    'invoicing.invoice.voided': InvoiceStatusChangedPayload;
    'invoicing.credit_note.issued': CreditNoteIssuedPayload;
    'invoicing.payment.received': PaymentReceivedPayload;
    'invoicing.payment.allocated': PaymentAllocatedPayload;
    'invoicing.payment.refunded': PaymentRefundedPayload;
  }
}

export const INVOICING_EVENT_TOPICS = [
  'invoicing.invoice.issued',
  'invoicing.invoice.partially_paid',
  'invoicing.invoice.paid',
  'invoicing.invoice.voided',
  'invoicing.credit_note.issued',
  'invoicing.payment.received',
  'invoicing.payment.allocated',
  'invoicing.payment.refunded',
  ...INVOICING_CHANGE_EVENT_TOPICS,
] as const;

const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const;
const date = { type: 'string', format: 'date', maxLength: 10 } as const;
const amount = { type: 'string', pattern: AMOUNT.pattern, maxLength: AMOUNT.maxLength, description: 'Decimal string in the document currency.' } as const;
const currency = { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 } as const;
const documentNumber = { type: 'string', maxLength: DOCUMENT_NUMBER_MAX_LENGTH } as const;
const reference = { type: ['string', 'null'], maxLength: 200 } as const;
/** Every property is present in the payload (nullable ones as null). */
/** Closed objects, every property required: the platform's builder. */
const object = (properties: Record<string, unknown>): JsonSchema => S.object(properties as Record<string, JsonSchema>);
const allocation = object({ invoiceId: uuid, amount });
/** Allocations one request makes (the request DTOs' limit). */
const allocations = { type: 'array', maxItems: 100, items: allocation };

const statusChanged = object({
  invoiceId: uuid,
  number: documentNumber,
  customerId: uuid,
  currency,
  previousStatus: { type: 'string', enum: ['issued', 'partially_paid', 'paid'] },
  status: { type: 'string', enum: ['partially_paid', 'paid', 'void'] },
  payableAmount: amount,
  paidAmount: amount,
  creditedAmount: amount,
  amountDue: amount,
});

defineEventTypes({
  'invoicing.invoice.issued': {
    description: 'A draft invoice was issued: it has its number, frozen details and an amount due.',
    aggregateType: 'invoice',
    schema: object({ invoiceId: uuid, number: documentNumber, seriesId: uuid, customerId: uuid, currency, issueDate: date, dueDate: date, taxExclusiveAmount: amount, taxTotal: amount, payableAmount: amount }),
  },
  'invoicing.invoice.partially_paid': { description: 'A payment allocation left part of an issued invoice due.', aggregateType: 'invoice', schema: statusChanged },
  'invoicing.invoice.paid': { description: 'An invoice has nothing left due (paid, or settled by payments and a credit note).', aggregateType: 'invoice', schema: statusChanged },
  'invoicing.invoice.voided': { description: 'An invoice was voided by a credit note covering every line; its payments became customer credit.', aggregateType: 'invoice', schema: statusChanged },
  'invoicing.credit_note.issued': {
    description: 'A credit note was issued against an invoice (in full or in part), reducing its amount due.',
    aggregateType: 'credit_note',
    schema: object({ creditNoteId: uuid, number: documentNumber, invoiceId: uuid, invoiceNumber: documentNumber, customerId: uuid, currency, issueDate: date, taxExclusiveAmount: amount, taxTotal: amount, taxInclusiveAmount: amount, stockReturned: { type: 'boolean' } }),
  },
  'invoicing.payment.received': {
    description: 'A customer payment was recorded, with its allocations to invoices; what is not allocated is customer credit.',
    aggregateType: 'payment',
    schema: object({ paymentId: uuid, customerId: uuid, currency, amount, receivedOn: date, method: { type: 'string', enum: [...PAYMENT_METHODS] }, reference, allocations, unallocatedAmount: amount }),
  },
  'invoicing.payment.allocated': {
    description: 'Unallocated money of a payment (customer credit) was allocated to further invoices.',
    aggregateType: 'payment',
    schema: object({ paymentId: uuid, customerId: uuid, currency, allocations, unallocatedAmount: amount }),
  },
  'invoicing.payment.refunded': {
    description: 'Unallocated money of a payment was refunded to the customer.',
    aggregateType: 'payment',
    schema: object({ paymentId: uuid, refundId: uuid, customerId: uuid, currency, amount, refundedOn: date, reference, unallocatedAmount: amount }),
  },
});

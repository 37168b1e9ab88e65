import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';

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

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'invoicing.invoice.issued': InvoiceIssuedPayload;
  }
}

export const INVOICING_EVENT_TOPICS = ['invoicing.invoice.issued'] as const;

defineEventTypes({
  'invoicing.invoice.issued': {
    description: 'A draft invoice was issued: it got its gapless number and its totals are final.',
    aggregateType: 'invoice',
    schema: S.object({
      invoiceId: S.uuid(),
      number: S.string({ example: 'INV-2026-000042' }),
      seriesId: S.uuid(),
      customerId: S.uuid(),
      currency: S.string({ pattern: '^[A-Z]{3}$' }),
      issueDate: S.date(),
      dueDate: S.date(),
      taxExclusiveAmount: S.decimal('In `currency`, rounded to its minor unit.'),
      taxTotal: S.decimal(),
      payableAmount: S.decimal(),
    }),
  },
});

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

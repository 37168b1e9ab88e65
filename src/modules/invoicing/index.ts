/** The invoicing module's public surface. Other modules import from here only. */
export { InvoicingModule } from './invoicing.module';
export { InvoicingFacade } from './invoicing.facade';
export type { RevenueMonthRow } from './invoicing.facade';
export type { CustomerSummary, DraftInvoiceLineRequest, DraftInvoiceRequest, DraftInvoiceSummary } from './invoicing.facade';
export * from './invoicing.events';
export { INVOICING_CHANGE_EVENT_TOPICS } from './change.events';
export type { CustomerChangedPayload, InvoiceDraftChangedPayload, ProductChangedPayload, SellerProfileChangedPayload, SeriesCreatedPayload, TaxCategoryCreatedPayload } from './change.events';
export { INVOICING_PROBLEMS, InvoicingErrorCode } from './invoicing.errors';
export { INVOICING_READ, INVOICING_WRITE } from './invoicing.scopes';
export { CreateCustomerDto } from './customers/dto/customer.dto';

import { FieldError, ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum InvoicingErrorCode {
  SellerProfileMissing = 'seller_profile_missing',
  TaxCategoryNotValid = 'tax_category_not_valid',
  ProductInactive = 'product_inactive',
  DueDateBeforeIssueDate = 'due_date_before_issue_date',
  StockQuantityScale = 'stock_quantity_scale',
  NoLines = 'invoice_has_no_lines',
  WrongSeries = 'wrong_series_document_type',
  CreditLimitExceeded = 'credit_limit_exceeded',
  AllocationExceedsAmountDue = 'allocation_exceeds_amount_due',
  AllocationExceedsPayment = 'allocation_exceeds_payment',
  PaymentMismatch = 'payment_invoice_mismatch',
  CreditExceedsInvoice = 'credit_exceeds_invoice',
  RefundExceedsCredit = 'refund_exceeds_unallocated',
  NotIssued = 'invoice_not_issued',
  EinvoiceNotConformant = 'einvoice_not_conformant',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const INVOICING_PROBLEMS: Record<InvoicingErrorCode, ProblemDefinition> = {
  [InvoicingErrorCode.SellerProfileMissing]: { status: 409, title: 'No seller profile to issue with' },
  [InvoicingErrorCode.TaxCategoryNotValid]: { status: 422, title: 'Tax category not yet valid' },
  [InvoicingErrorCode.ProductInactive]: { status: 422, title: 'Product is inactive' },
  [InvoicingErrorCode.DueDateBeforeIssueDate]: { status: 422, title: 'Due date before issue date' },
  [InvoicingErrorCode.StockQuantityScale]: { status: 422, title: 'Stocked quantity with more than 3 decimals' },
  [InvoicingErrorCode.NoLines]: { status: 422, title: 'Invoice has no lines' },
  [InvoicingErrorCode.WrongSeries]: { status: 422, title: 'Series numbers another document type' },
  [InvoicingErrorCode.CreditLimitExceeded]: { status: 409, title: 'Credit limit exceeded' },
  [InvoicingErrorCode.AllocationExceedsAmountDue]: { status: 409, title: 'Allocation exceeds the amount due' },
  [InvoicingErrorCode.AllocationExceedsPayment]: { status: 409, title: 'Allocation exceeds the payment\'s unallocated amount' },
  [InvoicingErrorCode.PaymentMismatch]: { status: 422, title: 'Invoice of another customer or currency' },
  [InvoicingErrorCode.CreditExceedsInvoice]: { status: 422, title: 'Credit exceeds what is left to credit' },
  [InvoicingErrorCode.RefundExceedsCredit]: { status: 409, title: 'Refund exceeds the unallocated amount' },
  [InvoicingErrorCode.NotIssued]: { status: 409, title: 'Invoice not issued yet' },
  [InvoicingErrorCode.EinvoiceNotConformant]: { status: 409, title: 'Document cannot be a conformant e-invoice' },
};

export class InvoicingException extends ProblemException {
  /** `field` names the one offending field; `errors` lists several (each with its own message). */
  constructor(code: InvoicingErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string, errors?: FieldError[]) {
    const def = INVOICING_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, errors ?? (field ? [{ field, message: detail }] : undefined));
  }
}

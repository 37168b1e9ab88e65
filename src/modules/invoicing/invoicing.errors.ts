import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum InvoicingErrorCode {
  SellerProfileMissing = 'seller_profile_missing',
  TaxCategoryNotValid = 'tax_category_not_valid',
  ProductInactive = 'product_inactive',
  DueDateBeforeIssueDate = 'due_date_before_issue_date',
  StockQuantityScale = 'stock_quantity_scale',
  NoLines = 'invoice_has_no_lines',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const INVOICING_PROBLEMS: Record<InvoicingErrorCode, ProblemDefinition> = {
  [InvoicingErrorCode.SellerProfileMissing]: { status: 409, title: 'No seller profile to issue with' },
  [InvoicingErrorCode.TaxCategoryNotValid]: { status: 422, title: 'Tax category not yet valid' },
  [InvoicingErrorCode.ProductInactive]: { status: 422, title: 'Product is inactive' },
  [InvoicingErrorCode.DueDateBeforeIssueDate]: { status: 422, title: 'Due date before issue date' },
  [InvoicingErrorCode.StockQuantityScale]: { status: 422, title: 'Stocked quantity with more than 3 decimals' },
  [InvoicingErrorCode.NoLines]: { status: 422, title: 'Invoice has no lines' },
};

export class InvoicingException extends ProblemException {
  constructor(code: InvoicingErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = INVOICING_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}

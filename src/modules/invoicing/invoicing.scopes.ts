import { registerScopes } from '../../platform/auth/scopes';
import { registerConstraints } from '../../platform/http/problem';

export const INVOICING_READ = 'invoicing:read';
export const INVOICING_WRITE = 'invoicing:write';

registerScopes({
  [INVOICING_READ]: 'Read the seller profile, customers, products, tax categories, series, invoices, credit notes, payments, their PDF and UBL documents and the invoicing reports.',
  [INVOICING_WRITE]: 'Change invoicing master data, edit, delete and issue draft invoices, issue credit notes, void invoices, record, allocate and refund payments.',
});

registerConstraints({
  uq_invc_seller_profiles_version_no: { field: 'legalName', message: 'The seller profile changed at the same time; retry.' },
  ck_invc_customers_currency: { field: 'currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_invc_customers_payment_terms: { field: 'paymentTermsDays', message: 'Must be between 0 and 365.' },
  ck_invc_customers_credit_limit: { field: 'creditLimit', message: 'Cannot be negative.' },
  ck_invc_tax_categories_code: { field: 'code', message: 'Unknown EN 16931 tax category code.' },
  ck_invc_tax_categories_rate: { field: 'rate', message: 'Must be from 0 to below 100.' },
  ck_invc_tax_categories_zero_rate: { field: 'rate', message: 'Categories Z, E, AE, K, G and O have rate 0.' },
  ck_invc_tax_categories_standard_rate: { field: 'rate', message: 'The standard rate (S) is above 0.' },
  ck_invc_tax_categories_exemption: { field: 'exemptionReason', message: 'Categories E, AE, K, G and O need an exemption reason or reason code.' },
  uq_invc_tax_categories: { field: 'code', message: 'This category with this rate and valid-from date already exists.' },
  ck_invc_products_code: { field: 'code', message: 'Must be upper-case letters, digits, ".", "_" or "-".' },
  ck_invc_products_unit_code: { field: 'unitCode', message: 'Must be a UN/ECE recommendation 20 code such as C62, HUR or KGM.' },
  ck_invc_products_unit_price: { field: 'unitPrice', message: 'Cannot be negative.' },
  fk_invc_products_tax_category: { field: 'taxCategoryId', message: 'The tax category does not exist.' },
  ck_invc_products_stock: { field: 'stockLocationId', message: 'A stocked product needs both inventoryItemId and stockLocationId.' },
  uq_invc_products_code: { field: 'code', message: 'A product with this code already exists.' },
  ck_invc_series_code: { field: 'code', message: 'Must be upper-case letters, digits, "_" or "-".' },
  uq_invc_series_code: { field: 'code', message: 'A series with this code already exists.' },
  fk_invc_invoices_series: { field: 'seriesId', message: 'The invoice series does not exist.' },
  fk_invc_invoices_customer: { field: 'customerId', message: 'The customer does not exist.' },
  ck_invc_invoices_currency: { field: 'currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_invc_invoices_prepaid: { field: 'prepaidAmount', message: 'Cannot be negative.' },
  ck_invc_invoices_due_date: { field: 'dueDate', message: 'Cannot be before the issue date.' },
  uq_invc_invoices_number: { field: 'seriesId', message: 'This invoice number is already used in the series.' },
  fk_invc_invoice_lines_product: { field: 'lines', message: 'A product on a line does not exist.' },
  fk_invc_invoice_lines_tax_category: { field: 'lines', message: 'A tax category on a line does not exist.' },
  fk_invc_invoice_allowance_charges_tax_category: { field: 'allowancesCharges', message: 'A tax category of an allowance or charge does not exist.' },
  ck_invc_series_document_type: { field: 'documentType', message: 'Must be invoice or credit_note.' },
  uq_invc_credit_notes_number: { field: 'seriesId', message: 'This credit note number is already used in the series.' },
  ck_invc_payments_currency: { field: 'currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_invc_payments_amount: { field: 'amount', message: 'Must be above zero.' },
  ck_invc_payments_unallocated: { field: 'allocations', message: 'Allocations and refunds cannot exceed the payment.' },
  ck_invc_invoices_amount_due: { field: 'allocations', message: 'The amount due cannot fall below zero.' },
  fk_invc_payments_customer: { field: 'customerId', message: 'The customer does not exist.' },
});

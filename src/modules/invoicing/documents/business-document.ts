import type { Address } from '../address.dto';
import type { ElectronicAddress } from '../electronic-address';
import type { TaxCategoryCode } from '../invoices/totals.calculator';

/**
 * What an invoice or credit note says, as the PDF and UBL renderers read it: frozen party
 * details, lines, VAT breakdown and totals, amounts as decimal strings in the currency's minor
 * unit. Pure data: no Nest, no TypeORM.
 */
export interface BusinessDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  note: string | null;
  buyerReference: string | null;
  orderReference: string | null;
  /** Credit notes: the invoice credited (BG-3). */
  billingReference: { number: string; issueDate: string } | null;
  seller: { legalName: string; vatId: string | null; companyId: string | null; address: Address; email: string | null; electronicAddress: ElectronicAddress | null; phone: string | null; iban: string; bic: string | null };
  buyer: { legalName: string; tradingName: string | null; vatId: string | null; companyId: string | null; address: Address; email: string | null; electronicAddress: ElectronicAddress | null };
  lines: Array<{ id: string; description: string; quantity: string; unitCode: string; unitPrice: string; allowance: string; netAmount: string; taxCategory: TaxCategoryCode; taxRate: string }>;
  allowancesCharges: Array<{ chargeIndicator: boolean; amount: string; reason: string; taxCategory: TaxCategoryCode; taxRate: string }>;
  taxBreakdown: Array<{ taxCategory: TaxCategoryCode; taxRate: string; taxableAmount: string; taxAmount: string; exemptionReason: string | null; exemptionReasonCode: string | null }>;
  totals: { lineTotal: string; allowanceTotal: string; chargeTotal: string; taxExclusiveAmount: string; taxTotal: string; taxInclusiveAmount: string; prepaidAmount: string; payableAmount: string };
  /** Payment terms in words, e.g. "Net 30 days". */
  paymentTerms: string | null;
}

import { create } from 'xmlbuilder2';
import type { BusinessDocument } from './business-document';
import { endpointOf, renderUbl } from './ubl';

const address = { line1: 'Main St 1', line2: null, city: 'Dublin', postalCode: null, countryCode: 'IE' };
const doc = (over: Partial<BusinessDocument> = {}): BusinessDocument => ({
  kind: 'invoice',
  number: 'INV-1',
  issueDate: '2026-11-29',
  dueDate: '2026-12-29',
  currency: 'JPY',
  note: null,
  buyerReference: null,
  orderReference: null,
  billingReference: null,
  seller: { legalName: 'Seller <&> KK', vatId: null, companyId: null, address, email: 'ar@seller.example', phone: null, iban: 'DE89370400440532013000', bic: null },
  buyer: { legalName: 'Buyer Ltd', tradingName: null, vatId: 'US123', companyId: null, address, email: null },
  lines: [{ id: 'l1', description: 'Export service', quantity: '2.0000', unitCode: 'C62', unitPrice: '1500.0000', allowance: '0', netAmount: '3000', taxCategory: 'O', taxRate: '0.00' }],
  allowancesCharges: [],
  taxBreakdown: [{ taxCategory: 'O', taxRate: '0.00', taxableAmount: '3000', taxAmount: '0', exemptionReason: 'Not subject to VAT', exemptionReasonCode: 'VATEX-EU-O' }],
  totals: { lineTotal: '3000', allowanceTotal: '0', chargeTotal: '0', taxExclusiveAmount: '3000', taxTotal: '0', taxInclusiveAmount: '3000', prepaidAmount: '0', payableAmount: '3000' },
  paymentTerms: null,
  ...over,
});

describe('UBL renderer', () => {
  it('uses the VAT EAS scheme where the country has one, else the e-mail', () => {
    expect(endpointOf({ vatId: 'DE123456789', email: 'a@b.example', companyId: null, address })).toEqual({ scheme: '9930', id: 'DE123456789' });
    expect(endpointOf({ vatId: 'US123', email: 'a@b.example', companyId: null, address })).toEqual({ scheme: 'EM', id: 'a@b.example' });
    expect(endpointOf({ vatId: null, email: null, companyId: null, address })).toBeNull();
  });

  it('escapes text, keeps the currency minor unit, leaves out the rate for category O and the buyer reference falls back to the number', () => {
    const xml = renderUbl(doc());
    expect(xml).toContain('<cbc:RegistrationName>Seller &lt;&amp;&gt; KK</cbc:RegistrationName>');
    const obj = create(xml).end({ format: 'object' }) as Record<string, any>;
    const inv = obj.Invoice;
    expect(inv['cac:LegalMonetaryTotal']['cbc:PayableAmount']).toEqual({ '@currencyID': 'JPY', '#': '3000' });
    expect(inv['cac:TaxTotal']['cac:TaxSubtotal']['cac:TaxCategory']).toEqual({ 'cbc:ID': 'O', 'cbc:TaxExemptionReasonCode': 'VATEX-EU-O', 'cbc:TaxExemptionReason': 'Not subject to VAT', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } });
    expect(inv['cac:InvoiceLine']['cac:Item']['cac:ClassifiedTaxCategory']['cbc:Percent']).toBeUndefined();
    expect(inv['cbc:BuyerReference']).toBe('INV-1');
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cbc:EndpointID']).toBeUndefined();
  });

  it('writes a credit note with type 381, credited quantities, the invoice reference and no payment means', () => {
    const obj = create(renderUbl(doc({ kind: 'credit_note', number: 'CN-1', billingReference: { number: 'INV-1', issueDate: '2026-11-01' } }))).end({ format: 'object' }) as Record<string, any>;
    const cn = obj.CreditNote;
    expect(cn['cbc:CreditNoteTypeCode']).toBe('381');
    expect(cn['cbc:DueDate']).toBeUndefined();
    expect(cn['cac:PaymentMeans']).toBeUndefined();
    expect(cn['cac:BillingReference']['cac:InvoiceDocumentReference']).toEqual({ 'cbc:ID': 'INV-1', 'cbc:IssueDate': '2026-11-01' });
    expect(cn['cac:CreditNoteLine']['cbc:CreditedQuantity']).toEqual({ '@unitCode': 'C62', '#': '2' });
  });
});

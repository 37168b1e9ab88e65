import Decimal from 'decimal.js';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { currencyMinorUnit } from '../invoices/totals.calculator';
import type { BusinessDocument } from './business-document';

export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** Electronic address scheme (EAS) for a VAT number by country; others use the e-mail (EM). */
const VAT_EAS: Record<string, string> = {
  AD: '9922', AL: '9923', AT: '9914', BA: '9924', BE: '9925', BG: '9926', CH: '9927', CY: '9928', CZ: '9929', DE: '9930', EE: '9931', ES: '9920',
  FR: '9957', GB: '9932', GR: '9933', HR: '9934', HU: '9910', IE: '9935', IT: '9906', LI: '9936', LT: '9937', LU: '9938', LV: '9939', MC: '9940',
  ME: '9941', MK: '9942', MT: '9943', NL: '9944', PL: '9945', PT: '9946', RO: '9947', RS: '9948', SI: '9949', SK: '9950', SM: '9951', TR: '9952', VA: '9953',
};

/** The EN 16931 electronic address (BT-34 / BT-49): the VAT number where the country has a VAT scheme, else the e-mail. */
export function endpointOf(party: { vatId: string | null; email: string | null; companyId: string | null; address: { countryCode: string } }): { scheme: string; id: string } | null {
  if (party.vatId && VAT_EAS[party.vatId.slice(0, 2)]) return { scheme: VAT_EAS[party.vatId.slice(0, 2)], id: party.vatId };
  if (party.email) return { scheme: 'EM', id: party.email };
  return null;
}

/** Categories other than these carry no VAT rate (O: outside the scope of VAT, BR-O-05). */
const withPercent = (code: string) => code !== 'O';

/**
 * A UBL 2.1 Invoice (or CreditNote) after EN 16931 and Peppol BIS Billing 3.0, built with an XML
 * library (escaping and namespaces handled there). Elements follow the UBL 2.1 schema order.
 * Credit notes carry positive amounts (type code 381) and refer to the invoice (BG-3).
 */
export function renderUbl(doc: BusinessDocument): string {
  const credit = doc.kind === 'credit_note';
  const places = currencyMinorUnit(doc.currency);
  const amt = (a: string) => new Decimal(a).toFixed(places);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(credit ? NS.creditNote : NS.invoice, credit ? 'CreditNote' : 'Invoice', { 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
  const cbc = (parent: XMLBuilder, name: string, value: string, attrs?: Record<string, string>) => parent.ele(NS.cbc, `cbc:${name}`, attrs).txt(value).up();
  const money = (parent: XMLBuilder, name: string, value: string) => cbc(parent, name, amt(value), { currencyID: doc.currency });
  const cac = (parent: XMLBuilder, name: string) => parent.ele(NS.cac, `cac:${name}`);
  const taxCategory = (parent: XMLBuilder, name: string, code: string, rate: string, exemption?: { reason: string | null; code: string | null }) => {
    const c = cac(parent, name);
    cbc(c, 'ID', code);
    if (withPercent(code)) cbc(c, 'Percent', new Decimal(rate).toFixed(2));
    if (exemption?.code) cbc(c, 'TaxExemptionReasonCode', exemption.code);
    if (exemption?.reason) cbc(c, 'TaxExemptionReason', exemption.reason);
    cbc(cac(c, 'TaxScheme'), 'ID', 'VAT');
    return c;
  };
  const party = (parent: XMLBuilder, name: string, p: BusinessDocument['seller'] | BusinessDocument['buyer'], tradingName: string | null) => {
    const party = cac(cac(parent, name), 'Party');
    const endpoint = endpointOf(p);
    if (endpoint) cbc(party, 'EndpointID', endpoint.id, { schemeID: endpoint.scheme });
    if (tradingName) cbc(cac(party, 'PartyName'), 'Name', tradingName);
    const address = cac(party, 'PostalAddress');
    cbc(address, 'StreetName', p.address.line1);
    if (p.address.line2) cbc(address, 'AdditionalStreetName', p.address.line2);
    cbc(address, 'CityName', p.address.city);
    if (p.address.postalCode) cbc(address, 'PostalZone', p.address.postalCode);
    cbc(cac(address, 'Country'), 'IdentificationCode', p.address.countryCode);
    if (p.vatId) {
      const scheme = cac(party, 'PartyTaxScheme');
      cbc(scheme, 'CompanyID', p.vatId);
      cbc(cac(scheme, 'TaxScheme'), 'ID', 'VAT');
    }
    const legal = cac(party, 'PartyLegalEntity');
    cbc(legal, 'RegistrationName', p.legalName);
    if (p.companyId) cbc(legal, 'CompanyID', p.companyId);
    if (p.email) cbc(cac(party, 'Contact'), 'ElectronicMail', p.email);
  };

  cbc(root, 'CustomizationID', PEPPOL_CUSTOMIZATION_ID);
  cbc(root, 'ProfileID', PEPPOL_PROFILE_ID);
  cbc(root, 'ID', doc.number);
  cbc(root, 'IssueDate', doc.issueDate);
  if (!credit && doc.dueDate) cbc(root, 'DueDate', doc.dueDate);
  cbc(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', credit ? '381' : '380');
  if (doc.note) cbc(root, 'Note', doc.note);
  cbc(root, 'DocumentCurrencyCode', doc.currency);
  // Peppol (R003) needs a buyer reference or an order reference; the document number stands in.
  cbc(root, 'BuyerReference', doc.buyerReference ?? (doc.orderReference ? doc.orderReference : doc.number));
  if (doc.orderReference) cbc(cac(root, 'OrderReference'), 'ID', doc.orderReference);
  if (doc.billingReference) {
    const ref = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
    cbc(ref, 'ID', doc.billingReference.number);
    cbc(ref, 'IssueDate', doc.billingReference.issueDate);
  }
  party(root, 'AccountingSupplierParty', doc.seller, null);
  party(root, 'AccountingCustomerParty', doc.buyer, doc.buyer.tradingName);
  if (!credit) {
    const means = cac(root, 'PaymentMeans');
    cbc(means, 'PaymentMeansCode', '58', { name: 'SEPA credit transfer' });
    cbc(means, 'PaymentID', doc.number);
    const account = cac(means, 'PayeeFinancialAccount');
    cbc(account, 'ID', doc.seller.iban);
    cbc(account, 'Name', doc.seller.legalName);
    if (doc.seller.bic) cbc(cac(account, 'FinancialInstitutionBranch'), 'ID', doc.seller.bic);
  }
  if (doc.paymentTerms) cbc(cac(root, 'PaymentTerms'), 'Note', doc.paymentTerms);
  for (const ac of doc.allowancesCharges) {
    const el = cac(root, 'AllowanceCharge');
    cbc(el, 'ChargeIndicator', String(ac.chargeIndicator));
    cbc(el, 'AllowanceChargeReason', ac.reason);
    money(el, 'Amount', ac.amount);
    taxCategory(el, 'TaxCategory', ac.taxCategory, ac.taxRate);
  }
  const taxTotal = cac(root, 'TaxTotal');
  money(taxTotal, 'TaxAmount', doc.totals.taxTotal);
  for (const b of doc.taxBreakdown) {
    const sub = cac(taxTotal, 'TaxSubtotal');
    money(sub, 'TaxableAmount', b.taxableAmount);
    money(sub, 'TaxAmount', b.taxAmount);
    const exempt = !['S', 'L', 'M'].includes(b.taxCategory);
    taxCategory(sub, 'TaxCategory', b.taxCategory, b.taxRate, exempt ? { reason: b.exemptionReason, code: b.exemptionReasonCode } : undefined);
  }
  const totals = cac(root, 'LegalMonetaryTotal');
  money(totals, 'LineExtensionAmount', doc.totals.lineTotal);
  money(totals, 'TaxExclusiveAmount', doc.totals.taxExclusiveAmount);
  money(totals, 'TaxInclusiveAmount', doc.totals.taxInclusiveAmount);
  if (doc.allowancesCharges.some((a) => !a.chargeIndicator)) money(totals, 'AllowanceTotalAmount', doc.totals.allowanceTotal);
  if (doc.allowancesCharges.some((a) => a.chargeIndicator)) money(totals, 'ChargeTotalAmount', doc.totals.chargeTotal);
  if (!new Decimal(doc.totals.prepaidAmount).isZero()) money(totals, 'PrepaidAmount', doc.totals.prepaidAmount);
  money(totals, 'PayableAmount', doc.totals.payableAmount);
  doc.lines.forEach((l, n) => {
    const line = cac(root, credit ? 'CreditNoteLine' : 'InvoiceLine');
    cbc(line, 'ID', String(n + 1));
    cbc(line, credit ? 'CreditedQuantity' : 'InvoicedQuantity', new Decimal(l.quantity).toFixed(), { unitCode: l.unitCode });
    money(line, 'LineExtensionAmount', l.netAmount);
    if (!new Decimal(l.allowance).isZero()) {
      const ac = cac(line, 'AllowanceCharge');
      cbc(ac, 'ChargeIndicator', 'false');
      cbc(ac, 'AllowanceChargeReason', 'Discount');
      // Line allowances keep their 4 stored decimals only if the currency has them (BR-DEC-24: 2).
      money(ac, 'Amount', l.allowance);
    }
    const item = cac(line, 'Item');
    cbc(item, 'Name', l.description);
    taxCategory(item, 'ClassifiedTaxCategory', l.taxCategory, l.taxRate);
    cbc(cac(line, 'Price'), 'PriceAmount', new Decimal(l.unitPrice).toFixed(), { currencyID: doc.currency });
  });
  return root.end({ prettyPrint: true });
}

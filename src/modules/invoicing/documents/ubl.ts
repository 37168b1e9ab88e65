import Decimal from 'decimal.js';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { currencyMinorUnit } from '../invoices/totals.calculator';
import { isISO31661Alpha2 } from 'class-validator';
import type { ElectronicAddress } from '../electronic-address';
import type { BusinessDocument } from './business-document';
import { UBL_NS, VATEX_CATEGORY, VATEX_CODES, type Violation } from './en16931-check';

export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const NS = UBL_NS;

/**
 * Peppol electronic address scheme (EAS) of a VAT number, by its country prefix. Peppol's EAS list
 * (PEPPOL-EN16931-CL008) has no e-mail scheme (EM), so a party is reachable only through one of these.
 * Italy's 9906 left the list; Italian VAT numbers use 0211.
 */
const VAT_EAS: Record<string, string> = {
  AD: '9922', AL: '9923', AT: '9914', BA: '9924', BE: '9925', BG: '9926', CH: '9927', CY: '9928', CZ: '9929', DE: '9930', EE: '9931', ES: '9920',
  FR: '9957', GB: '9932', GR: '9933', HR: '9934', HU: '9910', IE: '9935', IT: '0211', LI: '9936', LT: '9937', LU: '9938', LV: '9939', MC: '9940',
  ME: '9941', MK: '9942', MT: '9943', NL: '9944', PL: '9945', PT: '9946', RO: '9947', RS: '9948', SI: '9949', SK: '9950', SM: '9951', TR: '9952', VA: '9953',
};

/**
 * The Peppol electronic address (BT-34 / BT-49): the party's explicit `electronicAddress` when set,
 * else the VAT number where its country has a Peppol VAT scheme, else none.
 */
export function endpointOf(party: { vatId: string | null; electronicAddress?: ElectronicAddress | null }): ElectronicAddress | null {
  if (party.electronicAddress) return party.electronicAddress;
  const scheme = party.vatId ? VAT_EAS[party.vatId.slice(0, 2)] : undefined;
  return scheme && party.vatId ? { scheme, id: party.vatId } : null;
}

/** Categories other than these carry no VAT rate (O: outside the scope of VAT, BR-O-05). */
const withPercent = (code: string) => code !== 'O';
/** Categories whose VAT breakdown states why no VAT is due (BR-E/AE/IC/G/O-10); S, Z, L and M must not (BR-S/Z/IG/IP-10). */
const EXEMPT = ['E', 'AE', 'K', 'G', 'O'];
/** Categories that need the seller's VAT identifier, with the EN 16931 rule for lines / allowances / charges. */
const SELLER_VAT_RULE: Record<string, string> = { S: 'BR-S', Z: 'BR-Z', E: 'BR-E', AE: 'BR-AE', K: 'BR-IC', G: 'BR-G', L: 'BR-IG', M: 'BR-IP' };
const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * Why a document cannot become a conformant EN 16931 / Peppol BIS 3.0 UBL file, in terms of its data
 * (empty when it can). `at` names the API field to fix. The service refuses the export with these.
 */
export function ublProblems(doc: BusinessDocument): Violation[] {
  const out: Violation[] = [];
  const add = (rule: string, at: string, message: string) => out.push({ rule, at, message });
  const places = currencyMinorUnit(doc.currency);
  if (places > 2) add('BR-DEC-23', 'currency', `${doc.currency} amounts have ${places} decimals; EN 16931 allows at most 2 in every amount (BR-DEC-01..28), and rounding would change the legal amounts.`);
  const seller = doc.seller;
  const buyer = doc.buyer;
  if (!endpointOf(seller)) {
    add('PEPPOL-EN16931-R020', 'seller.electronicAddress', 'The seller has no Peppol electronic address: record a seller profile version with `electronicAddress` (POST /invoicing/seller-profiles, e.g. {"scheme":"0192","id":"974760673"}) or with a VAT number from a country with a Peppol VAT scheme (Peppol accepts no e-mail address). Documents keep the seller profile they were issued with, so this applies to documents issued afterwards.');
  }
  if (!endpointOf(buyer)) {
    add('PEPPOL-EN16931-R010', 'customer.electronicAddress', 'The buyer has no Peppol electronic address: set the customer\'s `electronicAddress` (PATCH /invoicing/customers/{id}, e.g. {"electronicAddress":{"scheme":"0192","id":"974760673"}}) or a VAT number from a country with a Peppol VAT scheme (Peppol accepts no e-mail address). Documents keep the customer details they were issued with, so this applies to documents issued afterwards.');
  }
  if (blank(seller.legalName)) add('BR-06', 'seller.legalName', 'The seller name is empty.');
  if (blank(buyer.legalName)) add('BR-07', 'customer.legalName', 'The buyer name is empty.');
  doc.lines.forEach((l, i) => {
    if (blank(l.description)) add('BR-25', `lines[${i}].description`, 'The item name is empty.');
    // Peppol R120: the net amount may differ from quantity x price - allowance by 0.02 at most; a
    // 0-decimal currency rounds away fractions of its unit, so a fractional price can break it.
    const expected = new Decimal(l.quantity).times(l.unitPrice).minus(new Decimal(l.allowance).toDecimalPlaces(places, Decimal.ROUND_HALF_UP));
    if (new Decimal(l.netAmount).minus(expected).abs().greaterThan('0.02')) {
      add('PEPPOL-EN16931-R120', `lines[${i}]`, `The line net amount ${l.netAmount} differs from quantity x price - allowance (${expected.toFixed()}) by more than 0.02: use prices that are whole ${doc.currency} amounts for this quantity.`);
    }
  });
  doc.allowancesCharges.forEach((a, i) => {
    if (blank(a.reason)) add(a.chargeIndicator ? 'BR-38' : 'BR-33', `allowancesCharges[${i}].reason`, 'The reason is empty.');
  });
  const used = [...doc.lines.map((l) => ({ cat: l.taxCategory, kind: '02', at: 'lines' })), ...doc.allowancesCharges.map((a) => ({ cat: a.taxCategory, kind: a.chargeIndicator ? '04' : '03', at: 'allowancesCharges' }))];
  const categories = new Set(used.map((u) => u.cat));
  if (categories.has('O')) {
    // Not subject to VAT: no VAT identifiers at all (BR-O-02..04, the renderer leaves them out), and nothing else on the document.
    if (categories.size > 1) add('BR-O-11', 'lines', `Category O (not subject to VAT) cannot be combined with ${[...categories].filter((c) => c !== 'O').join(', ')} on one document (BR-O-11..14).`);
    if (blank(seller.companyId)) add('BR-CO-26', 'seller.companyId', 'Without VAT identifiers (category O) the seller needs its legal registration identifier.');
  } else {
    for (const party of [{ p: seller, at: 'seller.vatId' }, { p: buyer, at: 'customer.vatId' }]) {
      const prefix = party.p.vatId?.slice(0, 2);
      if (prefix && prefix !== 'EL' && !isISO31661Alpha2(prefix)) add('BR-CO-09', party.at, `The VAT identifier ${party.p.vatId} must start with an ISO 3166-1 country code (or EL).`);
    }
  }
  const reported = new Set<string>();
  for (const u of used) {
    const base = SELLER_VAT_RULE[u.cat];
    if (!base) continue;
    const rule = `${base}-${u.kind}`;
    if (reported.has(rule)) continue;
    reported.add(rule);
    if (blank(seller.vatId)) add(rule, 'seller.vatId', `VAT category ${u.cat} needs the seller's VAT identifier.`);
    if (u.cat === 'AE' && blank(buyer.vatId) && blank(buyer.companyId)) add(rule, 'customer.vatId', 'Reverse charge (AE) needs the buyer\'s VAT identifier or legal registration identifier.');
    if (u.cat === 'K' && blank(buyer.vatId)) add(rule, 'customer.vatId', 'An intra-community supply (K) needs the buyer\'s VAT identifier.');
  }
  for (const b of doc.taxBreakdown) {
    const code = b.exemptionReasonCode?.toUpperCase();
    if (!code || !EXEMPT.includes(b.taxCategory)) continue;
    if (!VATEX_CODES.has(code)) add('BR-CL-22', 'taxCategory.exemptionReasonCode', `${code} is not a VATEX exemption reason code.`);
    const wanted = VATEX_CATEGORY[code];
    if (wanted && wanted.category !== b.taxCategory) add(wanted.rule, 'taxCategory.exemptionReasonCode', `Exemption code ${code} belongs to category ${wanted.category}, not ${b.taxCategory}.`);
  }
  return out;
}

/**
 * A UBL 2.1 Invoice (or CreditNote) after EN 16931 and Peppol BIS Billing 3.0, built with an XML
 * library (escaping and namespaces handled there). Elements follow the UBL 2.1 schema order.
 * Credit notes carry positive amounts (type code 381) and refer to the invoice (BG-3). Call
 * `ublProblems` first: for data it reports, the output would not conform.
 * - Category O (not subject to VAT): no VAT identifiers (BR-O-02..04); the electronic address stays.
 * - Category K (intra-community supply): the actual delivery date is the issue date (the credited
 *   invoice's for a credit note) and the deliver-to country is the buyer's (BR-IC-11, BR-IC-12).
 * - No buyer reference and no order reference: the document number stands in (PEPPOL-EN16931-R003).
 * - A note containing "#" gets the UNCL 4451 subject "#AAI#" (general information) so that its text
 *   is not read as a subject code (BR-CL-08).
 * - Credit notes state in the payment terms how the credit is settled (BR-CO-25).
 */
export function renderUbl(doc: BusinessDocument): string {
  const credit = doc.kind === 'credit_note';
  const places = currencyMinorUnit(doc.currency);
  const amt = (a: string) => new Decimal(a).toFixed(places);
  const categories = new Set([...doc.lines.map((l) => l.taxCategory), ...doc.allowancesCharges.map((a) => a.taxCategory)]);
  const outOfScope = categories.has('O');
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(credit ? NS.creditNote : NS.invoice, credit ? 'CreditNote' : 'Invoice', { 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
  const cbc = (parent: XMLBuilder, name: string, value: string, attrs?: Record<string, string>) => parent.ele(NS.cbc, `cbc:${name}`, attrs).txt(value).up();
  /** Optional text: left out when empty or blank (PEPPOL-EN16931-R008: no empty elements). */
  const optional = (parent: XMLBuilder, name: string, value: string | null | undefined) => {
    if (!blank(value)) cbc(parent, name, value!.trim());
  };
  const money = (parent: XMLBuilder, name: string, value: string) => cbc(parent, name, amt(value), { currencyID: doc.currency });
  const cac = (parent: XMLBuilder, name: string) => parent.ele(NS.cac, `cac:${name}`);
  const taxCategory = (parent: XMLBuilder, name: string, code: string, rate: string, exemption?: { reason: string | null; code: string | null }) => {
    const c = cac(parent, name);
    cbc(c, 'ID', code);
    if (withPercent(code)) cbc(c, 'Percent', new Decimal(rate).toFixed(2));
    if (exemption) optional(c, 'TaxExemptionReasonCode', exemption.code);
    if (exemption) optional(c, 'TaxExemptionReason', exemption.reason);
    cbc(cac(c, 'TaxScheme'), 'ID', 'VAT');
    return c;
  };
  const party = (parent: XMLBuilder, name: string, p: BusinessDocument['seller'] | BusinessDocument['buyer'], tradingName: string | null) => {
    const party = cac(cac(parent, name), 'Party');
    const endpoint = endpointOf(p);
    if (endpoint) cbc(party, 'EndpointID', endpoint.id, { schemeID: endpoint.scheme });
    if (!blank(tradingName)) cbc(cac(party, 'PartyName'), 'Name', tradingName!.trim());
    const address = cac(party, 'PostalAddress');
    optional(address, 'StreetName', p.address.line1);
    optional(address, 'AdditionalStreetName', p.address.line2);
    optional(address, 'CityName', p.address.city);
    optional(address, 'PostalZone', p.address.postalCode);
    cbc(cac(address, 'Country'), 'IdentificationCode', p.address.countryCode);
    if (!outOfScope && !blank(p.vatId)) {
      const scheme = cac(party, 'PartyTaxScheme');
      cbc(scheme, 'CompanyID', p.vatId!.trim());
      cbc(cac(scheme, 'TaxScheme'), 'ID', 'VAT');
    }
    const legal = cac(party, 'PartyLegalEntity');
    cbc(legal, 'RegistrationName', p.legalName.trim());
    optional(legal, 'CompanyID', p.companyId);
    if (!blank(p.email)) cbc(cac(party, 'Contact'), 'ElectronicMail', p.email!.trim());
  };

  cbc(root, 'CustomizationID', PEPPOL_CUSTOMIZATION_ID);
  cbc(root, 'ProfileID', PEPPOL_PROFILE_ID);
  cbc(root, 'ID', doc.number);
  cbc(root, 'IssueDate', doc.issueDate);
  if (!credit && doc.dueDate) cbc(root, 'DueDate', doc.dueDate);
  cbc(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', credit ? '381' : '380');
  if (!blank(doc.note)) cbc(root, 'Note', doc.note!.includes('#') ? `#AAI#${doc.note!.trim()}` : doc.note!.trim());
  cbc(root, 'DocumentCurrencyCode', doc.currency);
  // Peppol (R003) needs a buyer reference or an order reference; without either the document number stands in.
  if (!blank(doc.buyerReference)) cbc(root, 'BuyerReference', doc.buyerReference!.trim());
  else if (blank(doc.orderReference)) cbc(root, 'BuyerReference', doc.number);
  if (!blank(doc.orderReference)) cbc(cac(root, 'OrderReference'), 'ID', doc.orderReference!.trim());
  if (doc.billingReference) {
    const ref = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
    cbc(ref, 'ID', doc.billingReference.number);
    cbc(ref, 'IssueDate', doc.billingReference.issueDate);
  }
  party(root, 'AccountingSupplierParty', doc.seller, null);
  party(root, 'AccountingCustomerParty', doc.buyer, doc.buyer.tradingName);
  if (categories.has('K')) {
    const delivery = cac(root, 'Delivery');
    cbc(delivery, 'ActualDeliveryDate', doc.billingReference?.issueDate ?? doc.issueDate);
    cbc(cac(cac(cac(delivery, 'DeliveryLocation'), 'Address'), 'Country'), 'IdentificationCode', doc.buyer.address.countryCode);
  }
  if (!credit) {
    const means = cac(root, 'PaymentMeans');
    cbc(means, 'PaymentMeansCode', '58', { name: 'SEPA credit transfer' });
    cbc(means, 'PaymentID', doc.number);
    const account = cac(means, 'PayeeFinancialAccount');
    cbc(account, 'ID', doc.seller.iban);
    cbc(account, 'Name', doc.seller.legalName.trim());
    if (!blank(doc.seller.bic)) cbc(cac(account, 'FinancialInstitutionBranch'), 'ID', doc.seller.bic!.trim());
  }
  const terms = credit && doc.billingReference ? `Credit for invoice ${doc.billingReference.number}: set off against its amount due; any excess is customer credit or refunded.` : doc.paymentTerms;
  if (!blank(terms)) cbc(cac(root, 'PaymentTerms'), 'Note', terms!.trim());
  for (const ac of doc.allowancesCharges) {
    const el = cac(root, 'AllowanceCharge');
    cbc(el, 'ChargeIndicator', String(ac.chargeIndicator));
    cbc(el, 'AllowanceChargeReason', ac.reason.trim());
    money(el, 'Amount', ac.amount);
    taxCategory(el, 'TaxCategory', ac.taxCategory, ac.taxRate);
  }
  const taxTotal = cac(root, 'TaxTotal');
  money(taxTotal, 'TaxAmount', doc.totals.taxTotal);
  for (const b of doc.taxBreakdown) {
    const sub = cac(taxTotal, 'TaxSubtotal');
    money(sub, 'TaxableAmount', b.taxableAmount);
    money(sub, 'TaxAmount', b.taxAmount);
    taxCategory(sub, 'TaxCategory', b.taxCategory, b.taxRate, EXEMPT.includes(b.taxCategory) ? { reason: b.exemptionReason, code: b.exemptionReasonCode?.toUpperCase() ?? null } : undefined);
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
    if (!new Decimal(l.allowance).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).isZero()) {
      const ac = cac(line, 'AllowanceCharge');
      cbc(ac, 'ChargeIndicator', 'false');
      cbc(ac, 'AllowanceChargeReason', 'Discount');
      // Stored with up to 4 decimals; the amount is given in the currency's minor unit (BR-DEC-24), R120 allows the 0.02 this can differ by.
      money(ac, 'Amount', l.allowance);
    }
    const item = cac(line, 'Item');
    cbc(item, 'Name', l.description.trim());
    taxCategory(item, 'ClassifiedTaxCategory', l.taxCategory, l.taxRate);
    cbc(cac(line, 'Price'), 'PriceAmount', new Decimal(l.unitPrice).toFixed(), { currencyID: doc.currency });
  });
  return root.end({ prettyPrint: true });
}

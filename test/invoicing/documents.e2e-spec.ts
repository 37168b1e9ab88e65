import Decimal from 'decimal.js';
import { create } from 'xmlbuilder2';
import { checkUbl } from '../../src/modules/invoicing/documents/en16931-check';
import { newCustomer, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { readPdf } from '../support/pdf-text';
import { bearer, createTestApp, TestApp } from '../support/test-app';

type El = { nodeType: number; nodeName: string; textContent: string; childNodes: ArrayLike<El>; getAttribute(name: string): string | null };

/** Child elements along a path of qualified names, e.g. `cac:TaxTotal/cbc:TaxAmount`. */
function at(el: El, path: string): El[] {
  return path.split('/').reduce<El[]>((nodes, name) => nodes.flatMap((n) => Array.from(n.childNodes).filter((c) => c.nodeType === 1 && c.nodeName === name)), [el]);
}
const one = (el: El, path: string) => {
  const found = at(el, path);
  if (found.length !== 1) throw new Error(`${path}: ${found.length} elements`);
  return found[0];
};
const text = (el: El, path: string) => one(el, path).textContent;
const sum = (els: El[]) => els.reduce((s, e) => s.plus(e.textContent), new Decimal(0)).toFixed(2);
const parse = (xml: string) => (create(xml).node as unknown as { documentElement: El }).documentElement;

/** The EN 16931 sums (BR-CO-10..16) and the VAT breakdown rules (BR-CO-14, BR-CO-17, BR-S-08-like per category and rate). */
function checkSums(doc: El, lineName: string) {
  const total = one(doc, 'cac:LegalMonetaryTotal');
  const lines = at(doc, lineName);
  const acs = at(doc, 'cac:AllowanceCharge');
  const allowances = acs.filter((a) => text(a, 'cbc:ChargeIndicator') === 'false');
  const charges = acs.filter((a) => text(a, 'cbc:ChargeIndicator') === 'true');
  const amount = (path: string) => (at(total, path)[0]?.textContent ?? '0.00');
  expect(amount('cbc:LineExtensionAmount')).toBe(sum(lines.map((l) => one(l, 'cbc:LineExtensionAmount')))); // BR-CO-10
  expect(new Decimal(amount('cbc:AllowanceTotalAmount')).toFixed(2)).toBe(sum(allowances.map((a) => one(a, 'cbc:Amount')))); // BR-CO-11
  expect(new Decimal(amount('cbc:ChargeTotalAmount')).toFixed(2)).toBe(sum(charges.map((a) => one(a, 'cbc:Amount')))); // BR-CO-12
  const taxExclusive = new Decimal(amount('cbc:LineExtensionAmount')).minus(amount('cbc:AllowanceTotalAmount')).plus(amount('cbc:ChargeTotalAmount'));
  expect(amount('cbc:TaxExclusiveAmount')).toBe(taxExclusive.toFixed(2)); // BR-CO-13
  const subtotals = at(doc, 'cac:TaxTotal/cac:TaxSubtotal');
  expect(text(doc, 'cac:TaxTotal/cbc:TaxAmount')).toBe(sum(subtotals.map((s) => one(s, 'cbc:TaxAmount')))); // BR-CO-14
  expect(amount('cbc:TaxInclusiveAmount')).toBe(taxExclusive.plus(text(doc, 'cac:TaxTotal/cbc:TaxAmount')).toFixed(2)); // BR-CO-15
  expect(amount('cbc:PayableAmount')).toBe(new Decimal(amount('cbc:TaxInclusiveAmount')).minus(amount('cbc:PrepaidAmount')).toFixed(2)); // BR-CO-16
  for (const s of subtotals) {
    const category = text(s, 'cac:TaxCategory/cbc:ID');
    const percent = at(s, 'cac:TaxCategory/cbc:Percent')[0]?.textContent ?? '0';
    const key = (el: El, path: string) => `${text(el, `${path}/cbc:ID`)}|${new Decimal(at(el, `${path}/cbc:Percent`)[0]?.textContent ?? '0').toFixed(2)}`;
    const mine = `${category}|${new Decimal(percent).toFixed(2)}`;
    const taxable = new Decimal(sum(lines.filter((l) => key(l, 'cac:Item/cac:ClassifiedTaxCategory') === mine).map((l) => one(l, 'cbc:LineExtensionAmount'))))
      .plus(sum(charges.filter((a) => key(a, 'cac:TaxCategory') === mine).map((a) => one(a, 'cbc:Amount'))))
      .minus(sum(allowances.filter((a) => key(a, 'cac:TaxCategory') === mine).map((a) => one(a, 'cbc:Amount'))));
    expect(text(s, 'cbc:TaxableAmount')).toBe(taxable.toFixed(2)); // BR-S-08, BR-AE-08, ...
    expect(text(s, 'cbc:TaxAmount')).toBe(taxable.times(percent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)); // BR-CO-17
  }
  for (const a of [...lines.flatMap((l) => at(l, 'cbc:LineExtensionAmount')), ...at(total, 'cbc:PayableAmount')]) expect(a.getAttribute('currencyID')).toBe('EUR');
}

describe('invoicing: PDF and UBL 2.1 (EN 16931, Peppol BIS Billing 3.0)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let s19: Record<string, any>;
  let s7: Record<string, any>;
  let ae: Record<string, any>;
  let series: Record<string, any>;
  let cnSeries: Record<string, any>;
  let customer: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    s19 = await newTaxCategory(t, 'S', '19.00');
    s7 = await newTaxCategory(t, 'S', '7.00');
    ae = await newTaxCategory(t, 'AE', '0', { exemptionReason: 'Reverse charge', exemptionReasonCode: 'VATEX-EU-AE' });
    await newSellerProfile(t);
    series = await newSeries(t);
    cnSeries = await newSeries(t, { pattern: 'CN-{YYYY}-{000000}', documentType: 'credit_note' });
    customer = await newCustomer(t);
  });
  afterAll(() => t.close());

  async function issue(lines: object[], extra: object = {}) {
    const inv = await post(t, '/invoicing/invoices', { customerId: customer.id, seriesId: series.id, lines, ...extra });
    return (await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).expect(200)).body;
  }
  const binary = (path: string) =>
    t.http.get(path).set(admin).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  let standard: Record<string, any>;
  it('renders a standard invoice as UBL that meets the EN 16931 sums and Peppol identifiers', async () => {
    standard = await issue(
      [
        { description: 'Consulting & <design>', quantity: '7.5', unitPrice: '120.00', allowance: '10.00', unitCode: 'HUR', taxCategoryId: s19.id },
        { description: 'Books', quantity: '3', unitPrice: '12.99', taxCategoryId: s7.id },
      ],
      {
        buyerReference: 'PO-4711',
        allowancesCharges: [
          { chargeIndicator: false, amount: '25.00', reason: 'Loyalty discount', taxCategoryId: s19.id },
          { chargeIndicator: true, amount: '4.50', reason: 'Freight', taxCategoryId: s7.id },
        ],
        prepaidAmount: '100.00',
      },
    );
    const res = await t.http.get(`/invoicing/invoices/${standard.id}/ubl`).set(admin).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(checkUbl(res.text)).toEqual([]); // every EN 16931 / Peppol rule the checker knows, and the UBL 2.1 element order
    const doc = parse(res.text);
    expect(doc.nodeName).toBe('Invoice');
    expect(text(doc, 'cbc:CustomizationID')).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(text(doc, 'cbc:ProfileID')).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(text(doc, 'cbc:ID')).toBe(standard.number);
    expect(text(doc, 'cbc:InvoiceTypeCode')).toBe('380');
    expect(text(doc, 'cbc:DueDate')).toBe(standard.dueDate);
    expect(text(doc, 'cbc:BuyerReference')).toBe('PO-4711');
    const seller = one(doc, 'cac:AccountingSupplierParty/cac:Party');
    const buyer = one(doc, 'cac:AccountingCustomerParty/cac:Party');
    expect([text(seller, 'cbc:EndpointID'), one(seller, 'cbc:EndpointID').getAttribute('schemeID')]).toEqual(['DE123456789', '9930']);
    expect([text(buyer, 'cbc:EndpointID'), one(buyer, 'cbc:EndpointID').getAttribute('schemeID')]).toEqual(['FR40303265045', '9957']);
    expect(text(seller, 'cac:PartyLegalEntity/cbc:RegistrationName')).toBe('Acme Back Office GmbH');
    expect(text(buyer, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode')).toBe('FR');
    expect(text(doc, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe('DE89370400440532013000');
    expect(at(doc, 'cac:InvoiceLine/cac:Item/cbc:Name').map((n) => n.textContent)).toEqual(['Consulting & <design>', 'Books']);
    expect(one(at(doc, 'cac:InvoiceLine')[0], 'cbc:InvoicedQuantity').getAttribute('unitCode')).toBe('HUR');
    checkSums(doc, 'cac:InvoiceLine');
    const total = one(doc, 'cac:LegalMonetaryTotal');
    expect([text(total, 'cbc:TaxInclusiveAmount'), text(total, 'cbc:PrepaidAmount'), text(total, 'cbc:PayableAmount')]).toEqual([standard.totals.taxInclusiveAmount, '100.00', standard.totals.payableAmount]);
    expect(at(doc, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent').map((p) => p.textContent)).toEqual(['19.00', '7.00']);
  });

  it('renders reverse charge with category AE, zero VAT, exemption reason and both VAT ids', async () => {
    const inv = await issue([{ description: 'Machine maintenance', quantity: '10', unitPrice: '95.00', unitCode: 'HUR', taxCategoryId: ae.id }]);
    expect(inv.totals).toMatchObject({ taxExclusiveAmount: '950.00', taxTotal: '0.00', payableAmount: '950.00' });
    const xml = (await t.http.get(`/invoicing/invoices/${inv.id}/ubl`).set(admin).expect(200)).text;
    expect(checkUbl(xml)).toEqual([]);
    const doc = parse(xml);
    const [sub] = at(doc, 'cac:TaxTotal/cac:TaxSubtotal');
    expect(at(doc, 'cac:TaxTotal/cac:TaxSubtotal')).toHaveLength(1); // BR-AE-01: one AE breakdown
    expect([text(sub, 'cbc:TaxableAmount'), text(sub, 'cbc:TaxAmount')]).toEqual(['950.00', '0.00']); // BR-AE-08, BR-AE-09
    expect(text(sub, 'cac:TaxCategory/cbc:ID')).toBe('AE');
    expect(text(sub, 'cac:TaxCategory/cbc:Percent')).toBe('0.00'); // BR-AE-05
    expect(text(sub, 'cac:TaxCategory/cbc:TaxExemptionReasonCode')).toBe('VATEX-EU-AE'); // BR-AE-10
    expect(text(sub, 'cac:TaxCategory/cbc:TaxExemptionReason')).toBe('Reverse charge');
    expect(text(doc, 'cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID')).toBe('AE');
    // BR-AE-02: seller and buyer VAT identifiers
    expect(text(doc, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID')).toBe('DE123456789');
    expect(text(doc, 'cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID')).toBe('FR40303265045');
    checkSums(doc, 'cac:InvoiceLine');
  });

  it('renders a credit note as UBL CreditNote referring to the invoice', async () => {
    const cn = await t.http.post(`/invoicing/invoices/${standard.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'One book damaged', lines: [{ invoiceLineId: standard.lines[1].id, quantity: '1' }] }).expect(201);
    const res = await t.http.get(`/invoicing/credit-notes/${cn.body.id}/ubl`).set(admin).expect(200);
    expect(checkUbl(res.text)).toEqual([]);
    const doc = parse(res.text);
    expect(doc.nodeName).toBe('CreditNote');
    expect(text(doc, 'cbc:CustomizationID')).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(text(doc, 'cbc:ID')).toBe(cn.body.number);
    expect(text(doc, 'cbc:CreditNoteTypeCode')).toBe('381');
    expect(text(doc, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')).toBe(standard.number);
    expect(text(doc, 'cac:CreditNoteLine/cbc:CreditedQuantity')).toBe('1');
    expect(text(doc, 'cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('13.90');
    checkSums(doc, 'cac:CreditNoteLine');
    const pdf = readPdf((await binary(`/invoicing/credit-notes/${cn.body.id}/pdf`).expect(200)).body);
    expect(pdf.header).toBe('%PDF-');
    expect(pdf.text).toContain(`Credit note ${cn.body.number}`);
    expect(pdf.text).toContain(standard.number);
  });

  it('renders a PDF that opens, with the number, parties, VAT breakdown, total and IBAN', async () => {
    const res = await binary(`/invoicing/invoices/${standard.id}/pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${standard.number}.pdf"`);
    const pdf = readPdf(res.body);
    expect(pdf.header).toBe('%PDF-');
    expect(res.body.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.pages).toBe(1);
    for (const s of [`Invoice ${standard.number}`, 'Acme Back Office GmbH', 'Globex Corporation Ltd', 'Consulting & <design>', 'taxable 865.00', `${standard.totals.payableAmount} EUR`, 'IBAN: DE89370400440532013000']) {
      expect(pdf.text).toContain(s);
    }
    // Same invoice, same bytes: the document is deterministic.
    expect((await binary(`/invoicing/invoices/${standard.id}/pdf`)).body.equals(res.body)).toBe(true);
  });

  it('renders the credit note completing the credit with the document-level allowances and charges, conformant', async () => {
    const rest = await t.http.post(`/invoicing/invoices/${standard.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'Order cancelled' }).expect(201);
    const xml = (await t.http.get(`/invoicing/credit-notes/${rest.body.id}/ubl`).set(admin).expect(200)).text;
    expect(checkUbl(xml)).toEqual([]);
    const doc = parse(xml);
    expect(at(doc, 'cac:AllowanceCharge').map((a) => text(a, 'cbc:AllowanceChargeReason'))).toEqual(['Loyalty discount', 'Freight']);
    expect(text(doc, 'cac:PaymentTerms/cbc:Note')).toContain(standard.number); // BR-CO-25: how the credit is settled
    checkSums(doc, 'cac:CreditNoteLine');
  });

  it('renders zero-rated, exempt, export, intra-community and out-of-scope invoices that meet their category rules', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['Z', {}],
      ['E', { exemptionReason: 'Exempt medical service', exemptionReasonCode: 'VATEX-EU-132-1B' }],
      ['G', { exemptionReason: 'Export outside the EU', exemptionReasonCode: 'VATEX-EU-G' }],
      ['K', { exemptionReason: 'Intra-community supply', exemptionReasonCode: 'VATEX-EU-IC' }],
      ['O', { exemptionReason: 'Not subject to VAT', exemptionReasonCode: 'VATEX-EU-O' }],
    ];
    for (const [code, extra] of cases) {
      const category = await newTaxCategory(t, code, '0', extra);
      const inv = await issue([{ description: `Goods (${code})`, quantity: '4', unitPrice: '25.00', taxCategoryId: category.id }], { buyerReference: null });
      const xml = (await t.http.get(`/invoicing/invoices/${inv.id}/ubl`).set(admin).expect(200)).text;
      expect([code, checkUbl(xml)]).toEqual([code, []]);
      const doc = parse(xml);
      expect(text(doc, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID')).toBe(code);
      expect(text(doc, 'cbc:BuyerReference')).toBe(inv.number); // no buyer or order reference: the number stands in (PEPPOL-EN16931-R003)
      if (code === 'K') expect([text(doc, 'cac:Delivery/cbc:ActualDeliveryDate'), text(doc, 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode')]).toEqual([inv.issueDate, 'FR']);
      if (code === 'O') expect(at(doc, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme')).toHaveLength(0); // BR-O-02
      checkSums(doc, 'cac:InvoiceLine');
    }
  });

  it('renders a JPY invoice with 0-decimal amounts, conformant', async () => {
    const s10 = await newTaxCategory(t, 'S', '10.00');
    const inv = await issue([{ description: 'Licence', quantity: '3', unitPrice: '1500', allowance: '200', taxCategoryId: s10.id }], { currency: 'JPY' });
    expect(inv.totals).toMatchObject({ lineTotal: '4300', taxTotal: '430', payableAmount: '4730' });
    const xml = (await t.http.get(`/invoicing/invoices/${inv.id}/ubl`).set(admin).expect(200)).text;
    expect(checkUbl(xml)).toEqual([]);
    expect(text(parse(xml), 'cac:LegalMonetaryTotal/cbc:PayableAmount')).toBe('4730');
  });

  it('refuses a UBL that cannot conform with 409 einvoice_not_conformant naming the rules and fields', async () => {
    const us = await newCustomer(t, { legalName: 'Initech Inc.', vatId: null, billingAddress: { line1: '1 Main St', city: 'Austin', countryCode: 'US' }, email: 'ap@initech.example' });
    const inv = await issue([{ description: 'Consulting', quantity: '1', unitPrice: '100.00', taxCategoryId: s19.id }], { customerId: us.id });
    const res = await t.http.get(`/invoicing/invoices/${inv.id}/ubl`).set(admin).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'einvoice_not_conformant', rules: ['PEPPOL-EN16931-R010'], errors: [{ field: 'customer.electronicAddress', message: expect.stringContaining('[PEPPOL-EN16931-R010]') }] });
    const kwd = await issue([{ description: 'Consulting', quantity: '1', unitPrice: '100.125', taxCategoryId: s19.id }], { currency: 'KWD' });
    expect((await t.http.get(`/invoicing/invoices/${kwd.id}/ubl`).set(admin).expect(409)).body).toMatchObject({ code: 'einvoice_not_conformant', rules: ['BR-DEC-23'], errors: [{ field: 'currency' }] });
    // The PDF is still there: only the e-invoice is refused.
    await binary(`/invoicing/invoices/${inv.id}/pdf`).expect(200);
  });
});

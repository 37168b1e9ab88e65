import { create } from 'xmlbuilder2';
import type { BusinessDocument } from './business-document';
import { checkUbl } from './en16931-check';
import { endpointOf, renderUbl, ublProblems } from './ubl';

type Line = BusinessDocument['lines'][number];
type Breakdown = BusinessDocument['taxBreakdown'][number];

const address = (countryCode: string) => ({ line1: 'Main St 1', line2: null, city: 'Dublin', postalCode: null, countryCode });
const seller: BusinessDocument['seller'] = { legalName: 'Seller <&> GmbH', vatId: 'DE123456789', companyId: 'HRB 12345', address: address('DE'), email: 'ar@seller.example', electronicAddress: null, phone: null, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const buyer: BusinessDocument['buyer'] = { legalName: 'Buyer SA', tradingName: 'Buyer', vatId: 'FR40303265045', companyId: null, address: address('FR'), email: 'ap@buyer.example', electronicAddress: null };
const line = (over: Partial<Line> = {}): Line => ({ id: 'l1', description: 'Consulting', quantity: '2.0000', unitCode: 'HUR', unitPrice: '100.0000', allowance: '0', netAmount: '200.00', taxCategory: 'S', taxRate: '19.00', ...over });
const exempt = (taxCategory: Breakdown['taxCategory'], taxableAmount: string, exemptionReasonCode: string | null, exemptionReason: string | null = null): Breakdown => ({ taxCategory, taxRate: '0.00', taxableAmount, taxAmount: '0.00', exemptionReason, exemptionReasonCode });

/** A standard-rated EUR invoice, 2 h at 100.00 + 19 % VAT; `over` changes any part. */
const doc = (over: Partial<BusinessDocument> = {}): BusinessDocument => ({
  kind: 'invoice',
  number: 'INV-1',
  issueDate: '2026-11-29',
  dueDate: '2026-12-29',
  currency: 'EUR',
  note: null,
  buyerReference: 'PO-1',
  orderReference: null,
  billingReference: null,
  seller,
  buyer,
  lines: [line()],
  allowancesCharges: [],
  taxBreakdown: [{ taxCategory: 'S', taxRate: '19.00', taxableAmount: '200.00', taxAmount: '38.00', exemptionReason: null, exemptionReasonCode: null }],
  totals: { lineTotal: '200.00', allowanceTotal: '0.00', chargeTotal: '0.00', taxExclusiveAmount: '200.00', taxTotal: '38.00', taxInclusiveAmount: '238.00', prepaidAmount: '0.00', payableAmount: '238.00' },
  paymentTerms: 'Net 30 days',
  ...over,
});
/** A zero-VAT document in one category, 200.00 net. */
const zeroRated = (taxCategory: Breakdown['taxCategory'], code: string | null, reason: string | null, over: Partial<BusinessDocument> = {}) =>
  doc({
    lines: [line({ taxCategory, taxRate: '0.00' })],
    taxBreakdown: [exempt(taxCategory, '200.00', code, reason)],
    totals: { lineTotal: '200.00', allowanceTotal: '0.00', chargeTotal: '0.00', taxExclusiveAmount: '200.00', taxTotal: '0.00', taxInclusiveAmount: '200.00', prepaidAmount: '0.00', payableAmount: '200.00' },
    ...over,
  });

const parse = (xml: string) => create(xml).end({ format: 'object' }) as Record<string, any>;
const rules = (xml: string) => checkUbl(xml).map((v) => v.rule);
/** Renders `d` and asserts that it needs no refusal and passes every rule the checker knows. */
const conformant = (d: BusinessDocument) => {
  expect(ublProblems(d)).toEqual([]);
  const xml = renderUbl(d);
  expect(checkUbl(xml)).toEqual([]);
  return xml;
};

describe('UBL renderer', () => {
  it('uses the Peppol VAT scheme of the VAT number\'s country, and no e-mail scheme (not in Peppol\'s EAS list)', () => {
    expect(endpointOf({ vatId: 'DE123456789' })).toEqual({ scheme: '9930', id: 'DE123456789' });
    expect(endpointOf({ vatId: 'IT01234567890' })).toEqual({ scheme: '0211', id: 'IT01234567890' });
    expect(endpointOf({ vatId: 'US123' })).toBeNull();
    expect(endpointOf({ vatId: null })).toBeNull();
  });

  it('takes an explicit electronic address before the VAT-derived one', () => {
    expect(endpointOf({ vatId: null, electronicAddress: { scheme: '0192', id: '974760673' } })).toEqual({ scheme: '0192', id: '974760673' });
    expect(endpointOf({ vatId: 'DE123456789', electronicAddress: { scheme: '0088', id: '4000001000005' } })).toEqual({ scheme: '0088', id: '4000001000005' });
    expect(endpointOf({ vatId: 'DE123456789', electronicAddress: null })).toEqual({ scheme: '9930', id: 'DE123456789' });
  });

  it('addresses a buyer without a VAT number by its electronic address (Norwegian 0192), conformant', () => {
    const norwegian = { ...buyer, vatId: null, address: address('NO'), electronicAddress: { scheme: '0192', id: '974760673' } };
    const xml = conformant(zeroRated('G', 'VATEX-EU-G', 'Export outside the EU', { buyer: norwegian }));
    expect(xml).toContain('<cbc:EndpointID schemeID="0192">974760673</cbc:EndpointID>');
    expect(parse(xml).Invoice['cac:AccountingCustomerParty']['cac:Party']['cac:PartyTaxScheme']).toBeUndefined();
  });

  it('writes the explicit address of both parties instead of their VAT numbers', () => {
    const xml = conformant(doc({ seller: { ...seller, electronicAddress: { scheme: '0088', id: '4000001000005' } }, buyer: { ...buyer, electronicAddress: { scheme: '0009', id: '30326504500017' } } }));
    const inv = parse(xml).Invoice;
    expect(inv['cac:AccountingSupplierParty']['cac:Party']['cbc:EndpointID']).toEqual({ '@schemeID': '0088', '#': '4000001000005' });
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cbc:EndpointID']).toEqual({ '@schemeID': '0009', '#': '30326504500017' });
    // The VAT numbers stay where EN 16931 wants them.
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cac:PartyTaxScheme']['cbc:CompanyID']).toBe('FR40303265045');
  });

  it('refuses R010 / R020 only when a party has neither an electronic address nor a Peppol VAT number, pointing at electronicAddress', () => {
    const us = { ...buyer, vatId: null, address: address('US') };
    expect(ublProblems(doc({ buyer: us })).map((p) => [p.rule, p.at])).toEqual([['PEPPOL-EN16931-R010', 'customer.electronicAddress']]);
    expect(ublProblems(doc({ buyer: us }))[0].message).toContain('`electronicAddress`');
    expect(ublProblems(doc({ buyer: { ...us, electronicAddress: { scheme: '0060', id: '123456789' } } }))).toEqual([]);
    const swiss = { ...seller, vatId: null, address: address('CH') };
    expect(ublProblems(zeroRated('O', 'VATEX-EU-O', 'Not subject to VAT', { seller: swiss })).map((p) => [p.rule, p.at])).toEqual([['PEPPOL-EN16931-R020', 'seller.electronicAddress']]);
    expect(ublProblems(zeroRated('O', 'VATEX-EU-O', 'Not subject to VAT', { seller: { ...swiss, electronicAddress: { scheme: '0183', id: 'CHE109322551' } } }))).toEqual([]);
  });

  it('fails CL008 for a scheme outside Peppol\'s EAS list and the PEPPOL-COMMON format rules for a malformed identifier', () => {
    const endpoint = (scheme: string, id: string) => renderUbl(doc({ buyer: { ...buyer, electronicAddress: { scheme, id } } }));
    expect(rules(endpoint('0192', '974760673'))).toEqual([]);
    expect(rules(endpoint('9999', 'X1'))).toEqual(expect.arrayContaining(['PEPPOL-EN16931-CL008', 'BR-CL-25']));
    expect(rules(endpoint('0037', '0123456-7'))).toContain('PEPPOL-EN16931-CL008'); // dropped from Peppol's list in the May 2026 release
    expect(rules(endpoint('EM', 'ap@buyer.example'))).toEqual(['PEPPOL-EN16931-CL008']);
    expect(rules(endpoint('0088', '4000001000006'))).toEqual(['PEPPOL-COMMON-R040']);
    expect(rules(endpoint('0192', '974760672'))).toEqual(['PEPPOL-COMMON-R041']);
    expect(rules(endpoint('0184', '1234567'))).toEqual(['PEPPOL-COMMON-R042']);
    expect(rules(endpoint('0208', '0403170702'))).toEqual(['PEPPOL-COMMON-R043']);
  });

  it('writes a standard invoice that meets every checked rule, with escaped text and the UBL element order', () => {
    const xml = conformant(doc({ note: 'Thanks & see you' }));
    expect(xml).toContain('<cbc:RegistrationName>Seller &lt;&amp;&gt; GmbH</cbc:RegistrationName>');
    const inv = parse(xml).Invoice;
    expect(Object.keys(inv).filter((k) => !k.startsWith('@'))).toEqual([
      'cbc:CustomizationID', 'cbc:ProfileID', 'cbc:ID', 'cbc:IssueDate', 'cbc:DueDate', 'cbc:InvoiceTypeCode', 'cbc:Note', 'cbc:DocumentCurrencyCode', 'cbc:BuyerReference',
      'cac:AccountingSupplierParty', 'cac:AccountingCustomerParty', 'cac:PaymentMeans', 'cac:PaymentTerms', 'cac:TaxTotal', 'cac:LegalMonetaryTotal', 'cac:InvoiceLine',
    ]);
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cbc:EndpointID']).toEqual({ '@schemeID': '9957', '#': 'FR40303265045' });
  });

  it('keeps 0 decimals for JPY and takes the document number as buyer reference when there is neither a buyer nor an order reference', () => {
    const xml = conformant(doc({
      currency: 'JPY',
      buyerReference: null,
      lines: [line({ quantity: '2.0000', unitPrice: '1500.0000', netAmount: '3000', taxRate: '10.00' })],
      taxBreakdown: [{ taxCategory: 'S', taxRate: '10.00', taxableAmount: '3000', taxAmount: '300', exemptionReason: null, exemptionReasonCode: null }],
      totals: { lineTotal: '3000', allowanceTotal: '0', chargeTotal: '0', taxExclusiveAmount: '3000', taxTotal: '300', taxInclusiveAmount: '3300', prepaidAmount: '0', payableAmount: '3300' },
    }));
    const inv = parse(xml).Invoice;
    expect(inv['cac:LegalMonetaryTotal']['cbc:PayableAmount']).toEqual({ '@currencyID': 'JPY', '#': '3300' });
    expect(inv['cbc:BuyerReference']).toBe('INV-1');
    // An order reference satisfies PEPPOL-EN16931-R003 on its own: no invented buyer reference then.
    const withOrder = parse(conformant(doc({ buyerReference: null, orderReference: '4500012345' }))).Invoice;
    expect([withOrder['cbc:BuyerReference'], withOrder['cac:OrderReference']]).toEqual([undefined, { 'cbc:ID': '4500012345' }]);
  });

  it('writes line allowances with 4 stored decimals in the currency minor unit, and document allowances and charges per rate', () => {
    conformant(doc({
      lines: [line({ quantity: '3', unitPrice: '33.3333', allowance: '0.0049', netAmount: '99.99' }), line({ id: 'l2', quantity: '1', unitPrice: '50', netAmount: '50.00', taxRate: '7.00' })],
      allowancesCharges: [{ chargeIndicator: false, amount: '10.00', reason: 'Loyalty', taxCategory: 'S', taxRate: '19.00' }, { chargeIndicator: true, amount: '4.50', reason: 'Freight', taxCategory: 'S', taxRate: '7.00' }],
      taxBreakdown: [
        { taxCategory: 'S', taxRate: '19.00', taxableAmount: '89.99', taxAmount: '17.10', exemptionReason: null, exemptionReasonCode: null },
        { taxCategory: 'S', taxRate: '7.00', taxableAmount: '54.50', taxAmount: '3.82', exemptionReason: null, exemptionReasonCode: null },
      ],
      totals: { lineTotal: '149.99', allowanceTotal: '10.00', chargeTotal: '4.50', taxExclusiveAmount: '144.49', taxTotal: '20.92', taxInclusiveAmount: '165.41', prepaidAmount: '100.00', payableAmount: '65.41' },
    }));
  });

  it('writes zero-rated, exempt, reverse-charge, export and IGIC/IPSI documents that meet their category rules', () => {
    const z = parse(conformant(zeroRated('Z', 'VATEX-EU-132-1A', 'should not be sent'))).Invoice;
    expect(z['cac:TaxTotal']['cac:TaxSubtotal']['cac:TaxCategory']).toEqual({ 'cbc:ID': 'Z', 'cbc:Percent': '0.00', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }); // BR-Z-10
    conformant(zeroRated('E', 'VATEX-EU-132-1I', 'Exempt education service'));
    conformant(zeroRated('AE', 'vatex-eu-ae', 'Reverse charge'));
    conformant(zeroRated('AE', 'VATEX-EU-AE', null));
    conformant(zeroRated('G', 'VATEX-EU-G', 'Export outside the EU'));
    conformant(doc({ lines: [line({ taxCategory: 'L', taxRate: '7.00' })], taxBreakdown: [{ taxCategory: 'L', taxRate: '7.00', taxableAmount: '200.00', taxAmount: '14.00', exemptionReason: null, exemptionReasonCode: null }], totals: { ...doc().totals, taxTotal: '14.00', taxInclusiveAmount: '214.00', payableAmount: '214.00' } }));
    conformant(doc({ lines: [line({ taxCategory: 'M', taxRate: '4.00' })], taxBreakdown: [{ taxCategory: 'M', taxRate: '4.00', taxableAmount: '200.00', taxAmount: '8.00', exemptionReason: null, exemptionReasonCode: null }], totals: { ...doc().totals, taxTotal: '8.00', taxInclusiveAmount: '208.00', payableAmount: '208.00' } }));
  });

  it('adds the delivery date and country for an intra-community supply (BR-IC-11, BR-IC-12)', () => {
    const inv = parse(conformant(zeroRated('K', 'VATEX-EU-IC', 'Intra-community supply'))).Invoice;
    expect(inv['cac:Delivery']).toEqual({ 'cbc:ActualDeliveryDate': '2026-11-29', 'cac:DeliveryLocation': { 'cac:Address': { 'cac:Country': { 'cbc:IdentificationCode': 'FR' } } } });
  });

  it('leaves out every VAT identifier for category O, keeping the electronic address (BR-O-02)', () => {
    const inv = parse(conformant(zeroRated('O', 'VATEX-EU-O', 'Not subject to VAT'))).Invoice;
    expect(inv['cac:AccountingSupplierParty']['cac:Party']['cac:PartyTaxScheme']).toBeUndefined();
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cac:PartyTaxScheme']).toBeUndefined();
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cbc:EndpointID']['#']).toBe('FR40303265045');
    expect(inv['cac:InvoiceLine']['cac:Item']['cac:ClassifiedTaxCategory']['cbc:Percent']).toBeUndefined(); // BR-O-05
  });

  it('writes a credit note with type 381, the invoice reference, payment terms and no payment means', () => {
    const cn = parse(conformant(doc({ kind: 'credit_note', number: 'CN-1', dueDate: null, paymentTerms: null, billingReference: { number: 'INV-1', issueDate: '2026-11-01' } }))).CreditNote;
    expect(cn['cbc:CreditNoteTypeCode']).toBe('381');
    expect(cn['cbc:DueDate']).toBeUndefined();
    expect(cn['cac:PaymentMeans']).toBeUndefined();
    expect(cn['cac:PaymentTerms']['cbc:Note']).toContain('INV-1'); // BR-CO-25 for a positive amount
    expect(cn['cac:BillingReference']['cac:InvoiceDocumentReference']).toEqual({ 'cbc:ID': 'INV-1', 'cbc:IssueDate': '2026-11-01' });
    expect(cn['cac:CreditNoteLine']['cbc:CreditedQuantity']).toEqual({ '@unitCode': 'HUR', '#': '2' });
  });

  it('leaves out blank optional fields and marks a note containing "#" as general information (BR-CL-08, PEPPOL-EN16931-R008)', () => {
    const inv = parse(conformant(doc({
      note: 'Ref #12#34',
      seller: { ...seller, email: '  ', bic: null, companyId: null },
      buyer: { ...buyer, tradingName: ' ', email: null, address: { line1: 'Rue 1', line2: '', city: 'Paris', postalCode: ' ', countryCode: 'FR' } },
    }))).Invoice;
    expect(inv['cbc:Note']).toBe('#AAI#Ref #12#34');
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cac:PostalAddress']).toEqual({ 'cbc:StreetName': 'Rue 1', 'cbc:CityName': 'Paris', 'cac:Country': { 'cbc:IdentificationCode': 'FR' } });
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cac:PartyName']).toBeUndefined();
  });
});

describe('UBL refusals (data that cannot conform)', () => {
  const problem = (d: BusinessDocument) => ublProblems(d).map((p) => `${p.rule} ${p.at}`);

  it('refuses 3-decimal currencies (BR-DEC)', () => {
    expect(problem(doc({ currency: 'KWD' }))).toEqual(['BR-DEC-23 currency']);
  });

  it('refuses parties without a Peppol electronic address', () => {
    expect(problem(doc({ buyer: { ...buyer, vatId: null } }))).toEqual(['PEPPOL-EN16931-R010 customer.electronicAddress']);
    expect(problem(doc({ buyer: { ...buyer, vatId: 'US123456' } }))).toEqual(['PEPPOL-EN16931-R010 customer.electronicAddress']);
    expect(problem(doc({ seller: { ...seller, vatId: null } }))).toEqual(['PEPPOL-EN16931-R020 seller.electronicAddress', 'BR-S-02 seller.vatId']);
  });

  it('refuses category O mixed with others, or without a seller registration id', () => {
    const mixed = zeroRated('O', 'VATEX-EU-O', 'Not subject', { lines: [line({ taxCategory: 'O', taxRate: '0.00' }), line({ id: 'l2' })] });
    expect(problem(mixed)).toContain('BR-O-11 lines');
    expect(problem(zeroRated('O', 'VATEX-EU-O', 'Not subject', { seller: { ...seller, companyId: null } }))).toEqual(['BR-CO-26 seller.companyId']);
  });

  it('refuses reverse charge and intra-community supply without the buyer identifiers they need', () => {
    const anonymous = { ...buyer, vatId: 'GB123456789', companyId: null };
    expect(problem(zeroRated('AE', 'VATEX-EU-AE', null, { buyer: { ...anonymous, vatId: null } }))).toEqual(['PEPPOL-EN16931-R010 customer.electronicAddress', 'BR-AE-02 customer.vatId']);
    expect(problem(zeroRated('K', 'VATEX-EU-IC', null, { buyer: { ...anonymous, vatId: null, companyId: 'X1' } }))).toEqual(['PEPPOL-EN16931-R010 customer.electronicAddress', 'BR-IC-02 customer.vatId']);
  });

  it('refuses exemption codes outside VATEX or of another category, bad VAT prefixes, fractional prices in 0-decimal currencies', () => {
    expect(problem(zeroRated('E', 'VATEX-EU-XYZ', null))).toEqual(['BR-CL-22 taxCategory.exemptionReasonCode']);
    expect(problem(zeroRated('E', 'VATEX-EU-G', null))).toEqual(['PEPPOL-EN16931-P0104 taxCategory.exemptionReasonCode']);
    expect(problem(doc({ buyer: { ...buyer, vatId: 'XX123' } }))).toEqual(['PEPPOL-EN16931-R010 customer.electronicAddress', 'BR-CO-09 customer.vatId']);
    expect(problem(doc({ currency: 'JPY', lines: [line({ quantity: '1', unitPrice: '100.5', netAmount: '101' })] }))).toEqual(['PEPPOL-EN16931-R120 lines[0]']);
  });
});

describe('EN 16931 / Peppol checker', () => {
  const valid = renderUbl(doc({ allowancesCharges: [{ chargeIndicator: true, amount: '0.00', reason: 'Freight', taxCategory: 'S', taxRate: '19.00' }] }));
  const broken = (from: string | RegExp, to: string, xml = valid) => {
    const out = xml.replace(from, to);
    expect(out).not.toBe(xml);
    return rules(out);
  };

  it('passes the reference document', () => {
    expect(checkUbl(valid)).toEqual([]);
  });

  it('catches broken sums (BR-CO-10, BR-CO-13..16, BR-S-08, BR-S-09, BR-CO-17)', () => {
    expect(broken('<cbc:LineExtensionAmount currencyID="EUR">200.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount', '<cbc:LineExtensionAmount currencyID="EUR">201.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount')).toEqual(expect.arrayContaining(['BR-CO-10', 'BR-CO-13']));
    expect(broken('<cbc:TaxInclusiveAmount currencyID="EUR">238.00', '<cbc:TaxInclusiveAmount currencyID="EUR">238.01')).toEqual(expect.arrayContaining(['BR-CO-15', 'BR-CO-16']));
    expect(broken('<cbc:TaxAmount currencyID="EUR">38.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>', '<cbc:TaxAmount currencyID="EUR">38.50</cbc:TaxAmount>\n    <cac:TaxSubtotal>')).toContain('BR-CO-14');
    expect(broken('<cbc:TaxableAmount currencyID="EUR">200.00', '<cbc:TaxableAmount currencyID="EUR">250.00')).toEqual(expect.arrayContaining(['BR-S-08', 'BR-S-09', 'BR-CO-17']));
  });

  it('catches decimals, currencies and empty elements (BR-DEC-23, UBL-DT-01, PEPPOL-EN16931-R051, R008)', () => {
    const lineAmount = valid.lastIndexOf('<cbc:LineExtensionAmount currencyID="EUR">200.00');
    const threeDecimals = `${valid.slice(0, lineAmount)}<cbc:LineExtensionAmount currencyID="EUR">200.001${valid.slice(lineAmount + '<cbc:LineExtensionAmount currencyID="EUR">200.00'.length)}`;
    expect(rules(threeDecimals)).toEqual(expect.arrayContaining(['BR-DEC-23', 'UBL-DT-01']));
    expect(broken('<cbc:PayableAmount currencyID="EUR">', '<cbc:PayableAmount currencyID="USD">')).toContain('PEPPOL-EN16931-R051');
    expect(broken('<cbc:ElectronicMail>ap@buyer.example</cbc:ElectronicMail>', '<cbc:ElectronicMail> </cbc:ElectronicMail>')).toContain('PEPPOL-EN16931-R008');
  });

  it('catches electronic address schemes outside Peppol\'s list and missing endpoints (CL008, R010)', () => {
    expect(broken('schemeID="9957"', 'schemeID="EM"')).toEqual(['PEPPOL-EN16931-CL008']);
    expect(broken(/<cbc:EndpointID schemeID="9957">FR40303265045<\/cbc:EndpointID>\s*/, '')).toEqual(['PEPPOL-EN16931-R010']);
  });

  it('catches the UBL 2.1 element order and elements outside the binding (XSD-SEQUENCE, UBL-CR)', () => {
    const swapped = valid.replace(/(\s*<cac:PaymentTerms>[\s\S]*?<\/cac:PaymentTerms>)(\s*<cac:AllowanceCharge>[\s\S]*?<\/cac:AllowanceCharge>)/, '$2$1');
    expect(rules(swapped)).toEqual(['XSD-SEQUENCE']);
    expect(broken(/\s*<cbc:CityName>Dublin<\/cbc:CityName>/, '')).toEqual([]); // removing an optional field keeps it valid
    expect(broken(/(<cbc:StreetName>Main St 1<\/cbc:StreetName>)(\s*)(<cbc:CityName>Dublin<\/cbc:CityName>)/, '$3$2$1')).toContain('XSD-SEQUENCE');
    expect(broken('<cbc:IssueDate>', '<cbc:UUID>x</cbc:UUID><cbc:IssueDate>')).toEqual(['UBL-CR']);
  });

  it('follows the UBL 2.1 OS aggregate sequences, which differ between InvoiceLine and CreditNoteLine (XSD-SEQUENCE, XSD-REQUIRED)', () => {
    const xsd = (xml: string) => rules(xml).filter((r) => r.startsWith('XSD-'));
    // InvoiceLineType: LineExtensionAmount is minOccurs 1 (the document-level MonetaryTotal's is not).
    expect(xsd(valid.replace(/(<cbc:InvoicedQuantity[^>]*>[^<]*<\/cbc:InvoicedQuantity>)\s*<cbc:LineExtensionAmount[^>]*>[^<]*<\/cbc:LineExtensionAmount>/, '$1'))).toEqual(['XSD-REQUIRED']);
    // CreditNoteLineType: ... Delivery* PaymentTerms* TaxTotal* AllowanceCharge* Item Price ...
    const cn = renderUbl(doc({ kind: 'credit_note', number: 'CN-1', dueDate: null, paymentTerms: null, billingReference: { number: 'INV-1', issueDate: '2026-11-01' } }));
    const terms = '<cac:PaymentTerms><cbc:Note>x</cbc:Note></cac:PaymentTerms>';
    const tax = '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">0.00</cbc:TaxAmount></cac:TaxTotal>';
    const allowance = '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">0.00</cbc:Amount></cac:AllowanceCharge>';
    const inLine = (xml: string, inserted: string) => xml.replace(/(<cac:CreditNoteLine>[\s\S]*?)(<cac:Item>)/, `$1${inserted}$2`);
    expect(xsd(inLine(cn, terms + tax + allowance))).toEqual([]);
    expect(rules(inLine(cn, terms + tax + allowance))).toContain('UBL-CR'); // valid UBL, outside the EN 16931 binding
    expect(xsd(inLine(cn, allowance + tax))).toEqual(['XSD-SEQUENCE']);
    expect(xsd(inLine(cn, tax + terms))).toEqual(['XSD-SEQUENCE']);
    // In the XSD the credit note line's Item and a TaxCategory's TaxScheme are optional; EN 16931 still requires them.
    const noItem = rules(cn.replace(/<cac:Item>[\s\S]*?<\/cac:Item>/, ''));
    expect(noItem).not.toContain('XSD-REQUIRED');
    expect(noItem).toEqual(expect.arrayContaining(['BR-25', 'BR-CO-04']));
    const noScheme = rules(cn.replace(/(<cac:TaxSubtotal>[\s\S]*?)<cac:TaxScheme>[\s\S]*?<\/cac:TaxScheme>/, '$1'));
    expect(noScheme).not.toContain('XSD-REQUIRED');
    expect(noScheme).toContain('BR-47');
    expect(xsd(cn.replace(/(<cbc:Percent>19.00<\/cbc:Percent>)(\s*)(<cac:TaxScheme>[\s\S]*?<\/cac:TaxScheme>)/, '$3$2$1'))).toEqual(['XSD-SEQUENCE']);
  });

  it('catches category rules (BR-Z-10, BR-O-02, BR-IC-11, BR-IC-12, BR-AE-10)', () => {
    const z = renderUbl(zeroRated('Z', null, null));
    expect(broken(/(<cac:TaxSubtotal>[\s\S]*?<cbc:Percent>0.00<\/cbc:Percent>)/, '$1<cbc:TaxExemptionReason>Zero</cbc:TaxExemptionReason>', z)).toEqual(['BR-Z-10']);
    const o = renderUbl(zeroRated('O', 'VATEX-EU-O', 'Not subject to VAT'));
    expect(broken('<cac:PartyLegalEntity>', '<cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>', o)).toContain('BR-O-02');
    const k = renderUbl(zeroRated('K', 'VATEX-EU-IC', 'Intra-community supply'));
    expect(broken(/<cac:Delivery>[\s\S]*?<\/cac:Delivery>/, '', k)).toEqual(['BR-IC-11', 'BR-IC-12']);
    const ae = renderUbl(zeroRated('AE', 'VATEX-EU-AE', 'Reverse charge'));
    expect(broken(/<cbc:TaxExemptionReasonCode>VATEX-EU-AE<\/cbc:TaxExemptionReasonCode>\s*<cbc:TaxExemptionReason>Reverse charge<\/cbc:TaxExemptionReason>/, '', ae)).toEqual(['BR-AE-10']);
  });

  it('catches missing references and terms (PEPPOL-EN16931-R003, BR-CO-25) and line arithmetic (PEPPOL-EN16931-R120)', () => {
    expect(broken(/<cbc:BuyerReference>PO-1<\/cbc:BuyerReference>/, '')).toEqual(['PEPPOL-EN16931-R003']);
    const noTerms = valid.replace(/\s*<cac:PaymentTerms>[\s\S]*?<\/cac:PaymentTerms>/, '');
    expect(rules(noTerms)).toEqual([]);
    expect(broken(/\s*<cbc:DueDate>2026-12-29<\/cbc:DueDate>/, '', noTerms)).toEqual(['BR-CO-25']);
    expect(broken('<cbc:PriceAmount currencyID="EUR">100</cbc:PriceAmount>', '<cbc:PriceAmount currencyID="EUR">100.02</cbc:PriceAmount>')).toEqual(['PEPPOL-EN16931-R120']);
    expect(broken('<cbc:PriceAmount currencyID="EUR">100</cbc:PriceAmount>', '<cbc:PriceAmount currencyID="EUR">-100</cbc:PriceAmount>')).toEqual(expect.arrayContaining(['BR-27', 'PEPPOL-EN16931-R120']));
  });
});

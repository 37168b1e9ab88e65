import { create } from 'xmlbuilder2';
import { checkUbl } from '../../src/modules/invoicing/documents/en16931-check';
import { newCustomer, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

type El = { nodeType: number; nodeName: string; textContent: string; childNodes: ArrayLike<El>; getAttribute(name: string): string | null };
const child = (el: El, name: string) => Array.from(el.childNodes).filter((c) => c.nodeType === 1 && c.nodeName === name);
const path = (el: El, p: string) => p.split('/').reduce<El[]>((nodes, name) => nodes.flatMap((n) => child(n, name)), [el]);
/** [id, schemeID] of the EndpointID of the supplier or customer party. */
function endpoint(xml: string, party: 'AccountingSupplierParty' | 'AccountingCustomerParty'): [string, string | null] {
  const doc = (create(xml).node as unknown as { documentElement: El }).documentElement;
  const [e] = path(doc, `cac:${party}/cac:Party/cbc:EndpointID`);
  return [e.textContent, e.getAttribute('schemeID')];
}

const norway = { line1: 'Karl Johans gate 1', city: 'Oslo', postalCode: '0154', countryCode: 'NO' };
const usa = { line1: '1 Main St', city: 'Austin', postalCode: '78701', countryCode: 'US' };

describe('invoicing: Peppol electronic addresses of customers and the seller', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let g: Record<string, any>;
  let o: Record<string, any>;
  let series: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    g = await newTaxCategory(t, 'G', '0', { exemptionReason: 'Export outside the EU', exemptionReasonCode: 'VATEX-EU-G' });
    o = await newTaxCategory(t, 'O', '0', { exemptionReason: 'Not subject to VAT', exemptionReasonCode: 'VATEX-EU-O' });
    await newSellerProfile(t);
    series = await newSeries(t);
  });
  afterAll(() => t.close());

  async function issue(customerId: string, taxCategoryId = g.id) {
    const inv = await post(t, '/invoicing/invoices', { customerId, seriesId: series.id, lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100.00', taxCategoryId }] });
    return (await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).expect(200)).body;
  }
  const ubl = (id: string) => t.http.get(`/invoicing/invoices/${id}/ubl`).set(admin);
  const auditCount = async (entityId: string) => Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE entity_id = $1', [entityId]))[0].n);
  const events = (aggregateId: string) => t.sql<{ topic: string; payload: Record<string, any> }>('SELECT topic, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);

  it('refuses the UBL of a Norwegian buyer without VAT number (R010, pointing at electronicAddress); invoices issued after the PATCH export with its EndpointID', async () => {
    const c = await newCustomer(t, { legalName: 'Nordlys Energi AS', tradingName: null, vatId: null, billingAddress: norway, currency: 'EUR' });
    expect(c.electronicAddress).toBeNull();
    const before = await issue(c.id);
    const refused = await ubl(before.id).expect(409);
    expect(refused.body).toMatchObject({ code: 'einvoice_not_conformant', rules: ['PEPPOL-EN16931-R010'], errors: [{ field: 'customer.electronicAddress', message: expect.stringContaining('`electronicAddress`') }] });

    const patched = await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).set('If-Match', '"1"').send({ electronicAddress: { scheme: '0192', id: '974760673' } }).expect(200);
    expect(patched.body).toMatchObject({ electronicAddress: { scheme: '0192', id: '974760673' }, version: 2 });
    expect(patched.headers.etag).toBe('"2"');
    expect((await t.http.get(`/invoicing/customers/${c.id}`).set(admin).expect(200)).body.electronicAddress).toEqual({ scheme: '0192', id: '974760673' });
    const [updated] = (await events(c.id)).filter((e) => e.topic === 'invoicing.customer.updated');
    expect(updated.payload).toMatchObject({ customerId: c.id, electronicAddress: { scheme: '0192', id: '974760673' }, changedFields: ['electronicAddress'] });

    // The invoice issued before keeps the customer details it was issued with.
    await ubl(before.id).expect(409);
    const after = await issue(c.id);
    expect(after.customer.electronicAddress).toEqual({ scheme: '0192', id: '974760673' });
    const res = await ubl(after.id).expect(200);
    expect(checkUbl(res.text)).toEqual([]);
    expect(res.text).toContain('<cbc:EndpointID schemeID="0192">974760673</cbc:EndpointID>');
    expect(endpoint(res.text, 'AccountingCustomerParty')).toEqual(['974760673', '0192']);
  });

  it('an explicit address wins over the VAT-derived one; null clears it and the VAT-derived one is used again', async () => {
    const c = await newCustomer(t, { electronicAddress: { scheme: '0088', id: '4000001000005' } });
    expect(c.electronicAddress).toEqual({ scheme: '0088', id: '4000001000005' });
    const withGln = await issue(c.id);
    expect(endpoint((await ubl(withGln.id).expect(200)).text, 'AccountingCustomerParty')).toEqual(['4000001000005', '0088']);

    const cleared = await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).send({ electronicAddress: null }).expect(200);
    expect(cleared.body).toMatchObject({ electronicAddress: null, version: 2 });
    const [row] = await t.sql<{ s: string | null; i: string | null }>('SELECT electronic_address_scheme AS s, electronic_address_id AS i FROM invc_customers WHERE id = $1', [c.id]);
    expect(row).toEqual({ s: null, i: null });
    const withVat = await issue(c.id);
    expect(endpoint((await ubl(withVat.id).expect(200)).text, 'AccountingCustomerParty')).toEqual(['FR40303265045', '9957']);
    // The invoice issued with the GLN still has it.
    expect(endpoint((await ubl(withGln.id).expect(200)).text, 'AccountingCustomerParty')).toEqual(['4000001000005', '0088']);
  });

  it('refuses an unknown scheme, a bad GLN check digit and half an address with 422 naming the field, changing nothing', async () => {
    const c = await newCustomer(t, { legalName: 'Initech Inc.', vatId: null, billingAddress: usa, currency: 'USD' });
    const audits = await auditCount(c.id);
    const bad = async (electronicAddress: unknown, field: string, message?: RegExp) => {
      const res = await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).send({ electronicAddress }).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ field, message: message ? expect.stringMatching(message) : expect.any(String) }]);
    };
    await bad({ scheme: '9999', id: '123' }, 'electronicAddress.scheme', /Peppol Electronic Address Scheme/);
    await bad({ scheme: 'EM', id: 'ap@initech.example' }, 'electronicAddress.scheme');
    await bad({ scheme: '0088', id: '4000001000006' }, 'electronicAddress.id', /GLN .*GS1 check digit/);
    await bad({ scheme: '0192', id: '974760672' }, 'electronicAddress.id', /Norwegian organisation number/);
    await bad({ scheme: '0060', id: ' 123456789' }, 'electronicAddress.id', /printable characters without surrounding spaces/);
    await bad({ scheme: '0060' }, 'electronicAddress.id');
    await bad('0060:123456789', 'electronicAddress');
    const created = await t.http.post('/invoicing/customers').set(admin).send({ legalName: 'Bad GLN Ltd', billingAddress: usa, currency: 'USD', electronicAddress: { scheme: '0088', id: '1234567890123' } }).expect(422);
    expect(created.body.errors).toEqual([{ field: 'electronicAddress.id', message: expect.stringContaining('GS1') }]);
    const after = (await t.http.get(`/invoicing/customers/${c.id}`).set(admin).expect(200)).body;
    expect(after).toMatchObject({ version: 1, electronicAddress: null });
    expect(await auditCount(c.id)).toBe(audits);
    expect((await t.sql('SELECT 1 FROM invc_customers WHERE legal_name = $1', ['Bad GLN Ltd'])).length).toBe(0);
    // The database refuses half an address too.
    await expect(t.sql("UPDATE invc_customers SET electronic_address_scheme = '0060' WHERE id = $1", [c.id])).rejects.toThrow(/ck_invc_customers_electronic_address/);
    // A US customer gets a D-U-N-S address and exports.
    await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).send({ electronicAddress: { scheme: '0060', id: '123456789' } }).expect(200);
    const inv = await issue(c.id);
    expect(endpoint((await ubl(inv.id).expect(200)).text, 'AccountingCustomerParty')).toEqual(['123456789', '0060']);
  });

  it('a seller without a Peppol VAT number exports with the seller profile\'s address; an issued invoice keeps the address it was issued with', async () => {
    const buyer = await newCustomer(t, { legalName: 'Nordic Buyer AS', vatId: null, billingAddress: norway, electronicAddress: { scheme: '0192', id: '974760673' } });
    // A Swiss seller outside VAT: no VAT number at all.
    const swiss = { legalName: 'Helvetia Consulting GmbH', vatId: null, companyId: 'CHE-109.322.551', address: { line1: 'Bahnhofstrasse 1', city: 'Zürich', postalCode: '8001', countryCode: 'CH' } };
    await newSellerProfile(t, swiss);
    const noAddress = await issue(buyer.id, o.id);
    const refused = await ubl(noAddress.id).expect(409);
    expect(refused.body).toMatchObject({ rules: ['PEPPOL-EN16931-R020'], errors: [{ field: 'seller.electronicAddress', message: expect.stringContaining('`electronicAddress`') }] });

    const badProfile = await t.http.post('/invoicing/seller-profiles').set(admin).send({ ...swiss, iban: 'CH9300762011623852957', electronicAddress: { scheme: '0088', id: '7610000000001' } }).expect(422);
    expect(badProfile.body.errors).toEqual([{ field: 'electronicAddress.id', message: expect.stringContaining('GS1') }]);

    const v1 = await newSellerProfile(t, { ...swiss, electronicAddress: { scheme: '0088', id: '7610000000004' } });
    expect(v1.electronicAddress).toEqual({ scheme: '0088', id: '7610000000004' });
    const [changed] = await events(v1.id);
    expect(changed.payload.changedFields).toContain('electronicAddress');
    expect(changed.payload).not.toHaveProperty('electronicAddress');
    const withGln = await issue(buyer.id, o.id);
    expect(withGln.seller.electronicAddress).toEqual({ scheme: '0088', id: '7610000000004' });
    const xml = (await ubl(withGln.id).expect(200)).text;
    expect(checkUbl(xml)).toEqual([]);
    expect(endpoint(xml, 'AccountingSupplierParty')).toEqual(['7610000000004', '0088']);
    expect(endpoint(xml, 'AccountingCustomerParty')).toEqual(['974760673', '0192']);

    // A new version with another address: the invoice issued before keeps the GLN, a new one gets the new address.
    const v2 = await newSellerProfile(t, { ...swiss, electronicAddress: { scheme: '0183', id: 'CHE109322551' } });
    const [changed2] = await events(v2.id);
    expect(changed2.payload.changedFields).toEqual(['electronicAddress']);
    expect(endpoint((await ubl(withGln.id).expect(200)).text, 'AccountingSupplierParty')).toEqual(['7610000000004', '0088']);
    expect((await t.http.get(`/invoicing/invoices/${withGln.id}`).set(admin).expect(200)).body.seller.electronicAddress).toEqual({ scheme: '0088', id: '7610000000004' });
    const later = await issue(buyer.id, o.id);
    expect(endpoint((await ubl(later.id).expect(200)).text, 'AccountingSupplierParty')).toEqual(['CHE109322551', '0183']);
    // Restore the default seller for any later test.
    await newSellerProfile(t);
  });
});

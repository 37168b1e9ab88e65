import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { newItem, newWarehouse, onHand, receive } from '../support/inventory';
import { address, newCustomer, newProduct, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { bearer, createTestApp, startApp, TestApp } from '../support/test-app';

describe('invoicing: master data, drafts, totals and gapless issue', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let s19: Record<string, any>;
  let s7: Record<string, any>;
  let z0: Record<string, any>;
  let customer: Record<string, any>;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    s19 = await newTaxCategory(t, 'S', '19.00');
    s7 = await newTaxCategory(t, 'S', '7.00');
    z0 = await newTaxCategory(t, 'Z', '0');
    customer = await newCustomer(t);
  });
  afterAll(() => t.close());

  const draft = (seriesId: string, lines: object[], extra: Record<string, unknown> = {}) => post(t, '/invoicing/invoices', { customerId: customer.id, seriesId, lines, ...extra });

  it('refuses to issue before a seller profile exists, taking no number', async () => {
    const series = await newSeries(t);
    const inv = await draft(series.id, [{ description: 'Setup fee', quantity: '1', unitPrice: '100.00', taxCategoryId: s19.id }]);
    const res = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('seller_profile_missing');
    expect((await t.http.get(`/invoicing/invoices/${inv.id}`).set(admin)).body).toMatchObject({ status: 'draft', number: null });
    expect(await t.sql('SELECT * FROM invc_series_counters WHERE series_id = $1', [series.id])).toHaveLength(0);
  });

  describe('master data', () => {
    it('versions the seller profile; the newest is current', async () => {
      const v1 = await newSellerProfile(t, { legalName: 'Acme Old Name GmbH' });
      const v2 = await newSellerProfile(t);
      expect([v1.versionNo, v2.versionNo]).toEqual([1, 2]);
      const current = await t.http.get('/invoicing/seller-profiles').query({ limit: 1 }).set(admin).expect(200);
      expect(current.body.data).toMatchObject([{ versionNo: 2, legalName: 'Acme Back Office GmbH', iban: 'DE89370400440532013000' }]);
      const list = await t.http.get('/invoicing/seller-profiles').set(admin).expect(200);
      expect(list.body.data.map((p: { versionNo: number }) => p.versionNo)).toEqual([2, 1]);
      const bad = await t.http.post('/invoicing/seller-profiles').set(admin).send({ legalName: 'X', address, iban: 'DE00 not an iban' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('iban');
    });

    it('creates, searches, updates and deletes customers', async () => {
      const c = await newCustomer(t, { legalName: 'Initech LLC', tradingName: 'Initech', billingAddress: { ...address, countryCode: 'US' }, currency: 'USD', paymentTermsDays: 14, creditLimit: '5000.00' });
      expect(c).toMatchObject({ legalName: 'Initech LLC', currency: 'USD', paymentTermsDays: 14, creditLimit: '5000.00', version: 1 });
      const found = await t.http.get('/invoicing/customers').query({ q: 'init' }).set(admin).expect(200);
      expect(found.body.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
      expect((await t.http.get('/invoicing/customers').query({ q: '%' }).set(admin).expect(200)).body.data).toEqual([]);
      const got = await t.http.get(`/invoicing/customers/${c.id}`).set(admin).expect(200);
      expect(got.headers.etag).toBe('"1"');
      const upd = await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).set('If-Match', '"1"').send({ paymentTermsDays: 45, tradingName: null }).expect(200);
      expect(upd.body).toMatchObject({ paymentTermsDays: 45, tradingName: null, version: 2 });
      expect((await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).set('If-Match', '"1"').send({ paymentTermsDays: 10 })).status).toBe(412);
      const badCountry = await t.http.post('/invoicing/customers').set(admin).send({ legalName: 'X', billingAddress: { ...address, countryCode: 'XX' }, currency: 'EUR' });
      expect(badCountry.status).toBe(422);
      const badCurrency = await t.http.post('/invoicing/customers').set(admin).send({ legalName: 'X', billingAddress: address, currency: 'EURO' });
      expect(badCurrency.status).toBe(422);
      await t.http.delete(`/invoicing/customers/${c.id}`).set(admin).expect(204);
      await t.http.get(`/invoicing/customers/${c.id}`).set(admin).expect(404);
      const series = await newSeries(t);
      await draft(series.id, []);
      const stillUsed = await t.http.delete(`/invoicing/customers/${customer.id}`).set(admin);
      expect(stillUsed.status).toBe(409);
      expect(stillUsed.body.code).toBe('still_referenced');
    });

    it('enforces EN 16931 tax category rules', async () => {
      const ae = await t.http.post('/invoicing/tax-categories').set(admin).send({ code: 'AE', rate: '0', name: 'Reverse charge', validFrom: '2020-01-01' });
      expect(ae.status).toBe(422);
      expect(ae.body.code).toBe('constraint_violation');
      await t.http.post('/invoicing/tax-categories').set(admin).send({ code: 'AE', rate: '0', name: 'Reverse charge', exemptionReason: 'Reverse charge', exemptionReasonCode: 'VATEX-EU-AE', validFrom: '2020-01-01' }).expect(201);
      expect((await t.http.post('/invoicing/tax-categories').set(admin).send({ code: 'S', rate: '0', name: 'S', validFrom: '2020-01-01' })).status).toBe(422);
      expect((await t.http.post('/invoicing/tax-categories').set(admin).send({ code: 'Z', rate: '5', name: 'Z', validFrom: '2020-01-01' })).status).toBe(422);
      expect((await t.http.post('/invoicing/tax-categories').set(admin).send({ code: 'X', rate: '5', name: 'X', validFrom: '2020-01-01' })).status).toBe(422);
      const dup = await t.http.post('/invoicing/tax-categories').set(admin).send({ code: 'S', rate: '19.00', name: 'again', validFrom: '2020-01-01' });
      expect(dup.status).toBe(409);
      const future = await newTaxCategory(t, 'S', '21.00', { validFrom: '2999-01-01' });
      const series = await newSeries(t);
      const res = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: customer.id, seriesId: series.id, lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxCategoryId: future.id }] });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'tax_category_not_valid', errors: [{ field: 'lines[0].taxCategoryId' }] });
    });

    it('validates series patterns and product units', async () => {
      expect((await t.http.post('/invoicing/series').set(admin).send({ code: 'BAD1', name: 'x', pattern: 'INV-{000000}', yearlyReset: true })).body.errors[0].field).toBe('pattern');
      expect((await t.http.post('/invoicing/series').set(admin).send({ code: 'BAD2', name: 'x', pattern: 'INV-{YYYY}' })).status).toBe(422);
      expect((await t.http.post('/invoicing/products').set(admin).send({ code: 'P1', name: 'x', unitCode: 'hour', unitPrice: '1', taxCategoryId: s19.id })).status).toBe(422);
      const stockHalf = await t.http.post('/invoicing/products').set(admin).send({ code: 'P2', name: 'x', unitCode: 'C62', unitPrice: '1', taxCategoryId: s19.id, inventoryItemId: s19.id });
      expect(stockHalf.status).toBe(422);
      const p = await newProduct(t, s19.id);
      const upd = await t.http.patch(`/invoicing/products/${p.id}`).set(admin).send({ unitPrice: '130.00' }).expect(200);
      expect(upd.body).toMatchObject({ unitPrice: '130.0000', version: 2 });
    });
  });

  it('computes the totals of a mixed-rate invoice as by hand (EN 16931)', async () => {
    const series = await newSeries(t);
    const consulting = await newProduct(t, s19.id, { unitPrice: '120.00' });
    const inv = await draft(
      series.id,
      [
        { productId: consulting.id, quantity: '7.5', allowance: '10.00' },
        { description: 'Books', quantity: '3', unitPrice: '12.99', taxCategoryId: s7.id },
        { description: 'Export packaging', quantity: '1', unitPrice: '15.00', taxCategoryId: z0.id },
        { description: 'Small parts', quantity: '0.3333', unitPrice: '9.99', taxCategoryId: s19.id, unitCode: 'KGM' },
      ],
      {
        allowancesCharges: [
          { chargeIndicator: false, amount: '25.00', reason: 'Loyalty discount', taxCategoryId: s19.id },
          { chargeIndicator: true, amount: '4.50', reason: 'Freight', taxCategoryId: s7.id },
        ],
        prepaidAmount: '100.00',
      },
    );
    expect(inv.lines.map((l: { netAmount: string }) => l.netAmount)).toEqual(['890.00', '38.97', '15.00', '3.33']);
    expect(inv.lines[0]).toMatchObject({ description: 'Consulting hour', unitCode: 'HUR', unitPrice: '120.0000', taxCategory: 'S', taxRate: '19.00' });
    expect(inv.taxBreakdown).toEqual([
      { taxCategory: 'S', taxRate: '19.00', taxableAmount: '868.33', taxAmount: '164.98', exemptionReason: null },
      { taxCategory: 'S', taxRate: '7.00', taxableAmount: '43.47', taxAmount: '3.04', exemptionReason: null },
      { taxCategory: 'Z', taxRate: '0.00', taxableAmount: '15.00', taxAmount: '0.00', exemptionReason: null },
    ]);
    expect(inv.totals).toEqual({
      lineTotal: '947.30',
      allowanceTotal: '25.00',
      chargeTotal: '4.50',
      taxExclusiveAmount: '926.80',
      taxTotal: '168.02',
      taxInclusiveAmount: '1094.82',
      prepaidAmount: '100.00',
      payableAmount: '994.82',
    });
    const sent = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: customer.id, seriesId: series.id, totals: { payableAmount: '1.00' } });
    expect(sent.status).toBe(422);
  });

  it('keeps drafts editable and deletable, and issued invoices immutable with frozen details', async () => {
    const series = await newSeries(t);
    const c = await newCustomer(t, { legalName: 'Frozen Name SA', paymentTermsDays: 10 });
    const inv = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [{ description: 'Work', quantity: '2', unitPrice: '50.00', taxCategoryId: s19.id }] });
    expect(inv).toMatchObject({ status: 'draft', number: null, issueDate: null, dueDate: null, customer: null, seller: null, version: 1 });
    const edited = await t.http.patch(`/invoicing/invoices/${inv.id}`).set(admin).set('If-Match', '"1"').send({ lines: [{ description: 'Work', quantity: '3', unitPrice: '50.00', taxCategoryId: s19.id }], buyerReference: 'REF-1' }).expect(200);
    expect(edited.body).toMatchObject({ version: 2, buyerReference: 'REF-1', totals: { lineTotal: '150.00', taxTotal: '28.50', payableAmount: '178.50' } });
    const noteOnly = await t.http.patch(`/invoicing/invoices/${inv.id}`).set(admin).send({ note: 'Thanks' }).expect(200);
    expect(noteOnly.body).toMatchObject({ version: 3, note: 'Thanks', totals: { payableAmount: '178.50' } });
    expect(noteOnly.body.lines).toHaveLength(1);

    const throwaway = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id });
    await t.http.delete(`/invoicing/invoices/${throwaway.id}`).set(admin).expect(204);
    await t.http.get(`/invoicing/invoices/${throwaway.id}`).set(admin).expect(404);

    expect((await t.http.post(`/invoicing/invoices/${throwaway.id}/issue`).set(admin)).status).toBe(404);
    const empty = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id });
    expect((await t.http.post(`/invoicing/invoices/${empty.id}/issue`).set(admin)).body.code).toBe('invoice_has_no_lines');

    expect((await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).set('If-Match', '"1"')).status).toBe(412);
    const issued = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).set('If-Match', '"3"').expect(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(issued.body).toMatchObject({ status: 'issued', number: `INV-${year}-000001`, issueDate: today, version: 4, customer: { legalName: 'Frozen Name SA' }, seller: { versionNo: 2, legalName: 'Acme Back Office GmbH' } });
    const due = new Date(`${today}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 10);
    expect(issued.body.dueDate).toBe(due.toISOString().slice(0, 10));
    const events = await t.sql(`SELECT payload FROM outbox_events WHERE topic = 'invoicing.invoice.issued' AND aggregate_id = $1`, [inv.id]);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ number: `INV-${year}-000001`, payableAmount: '178.50' });

    await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).send({ legalName: 'Renamed SA' }).expect(200);
    await newSellerProfile(t, { legalName: 'Acme Renamed GmbH' });
    const after = await t.http.get(`/invoicing/invoices/${inv.id}`).set(admin).expect(200);
    expect(after.body.customer.legalName).toBe('Frozen Name SA');
    expect(after.body.seller.legalName).toBe('Acme Back Office GmbH');
    expect(after.headers.etag).toBe('"4"');

    for (const res of [
      await t.http.patch(`/invoicing/invoices/${inv.id}`).set(admin).send({ note: 'changed' }),
      await t.http.delete(`/invoicing/invoices/${inv.id}`).set(admin),
      await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'issued', allowedActions: ['pay_in_part', 'pay_in_full', 'credit', 'void'] });
    }
    expect((await t.http.get(`/invoicing/invoices/${inv.id}`).set(admin)).body.note).toBe('Thanks');
    const list = await t.http.get('/invoicing/invoices').query({ status: 'issued', customerId: c.id }).set(admin).expect(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toEqual([inv.id]);
  });

  it('refuses to issue without stock: nothing issued, no number taken; issues stock once there is', async () => {
    const series = await newSeries(t);
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '2');
    const bolts = await newProduct(t, s19.id, { name: 'Hex bolt M8', unitCode: 'C62', unitPrice: '0.50', inventoryItemId: item.id, stockLocationId: w.binA });
    const scale = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: customer.id, seriesId: series.id, lines: [{ productId: bolts.id, quantity: '1.0001' }] });
    expect(scale.body.code).toBe('stock_quantity_scale');
    const inv = await draft(series.id, [
      { description: 'Service', quantity: '1', unitPrice: '10.00', taxCategoryId: s19.id },
      { productId: bolts.id, quantity: '5' },
    ]);
    const refused = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('insufficient_stock');
    expect((await t.http.get(`/invoicing/invoices/${inv.id}`).set(admin)).body).toMatchObject({ status: 'draft', number: null, version: 1 });
    expect((await onHand(t, item.id, w.binA))?.onHand).toBe('2.000');
    expect(await t.sql('SELECT * FROM invc_series_counters WHERE series_id = $1', [series.id])).toHaveLength(0);

    await receive(t, item.id, w.binA, '10');
    const issued = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).expect(200);
    expect(issued.body.number).toBe(`INV-${year}-000001`);
    expect((await onHand(t, item.id, w.binA))?.onHand).toBe('7.000');
    const moves = await t.sql(`SELECT quantity FROM inv_stock_moves WHERE kind = 'issue' AND reference_id = $1`, [inv.id]);
    expect(moves.map((m) => m.quantity)).toEqual(['5.000']);
  });

  it('refuses inactive products and a fixed due date before the issue date', async () => {
    const series = await newSeries(t);
    const old = await newProduct(t, s19.id, { active: false });
    const inactive = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: customer.id, seriesId: series.id, lines: [{ productId: old.id, quantity: '1' }] });
    expect(inactive.status).toBe(422);
    expect(inactive.body).toMatchObject({ code: 'product_inactive', errors: [{ field: 'lines[0].productId' }] });
    const missing = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: customer.id, seriesId: series.id, lines: [{ quantity: '1' }] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines[0].description', 'lines[0].unitPrice', 'lines[0].taxCategoryId']);
    const inv = await draft(series.id, [{ description: 'Late', quantity: '1', unitPrice: '5.00', taxCategoryId: s19.id }], { dueDate: '2001-01-31' });
    const res = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('due_date_before_issue_date');
    expect(await t.sql('SELECT * FROM invc_series_counters WHERE series_id = $1', [series.id])).toHaveLength(0);
    await t.http.patch(`/invoicing/invoices/${inv.id}`).set(admin).send({ dueDate: null }).expect(200);
    expect((await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).expect(200)).body.number).toBe(`INV-${year}-000001`);
  });

  it('needs invoicing:write to change and invoicing:read to read', async () => {
    const reader = bearer(await t.key(['invoicing:read']));
    await t.http.get('/invoicing/invoices').set(reader).expect(200);
    const res = await t.http.post('/invoicing/customers').set(reader).send({ legalName: 'X', billingAddress: address, currency: 'EUR' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('missing_scope');
    expect((await t.http.get('/invoicing/customers').set(bearer(await t.key(['inventory:read'])))).status).toBe(403);
  });

  it('numbers 100 invoices issued in parallel from two instances without gaps, failures giving their number back', async () => {
    const series = await newSeries(t, { pattern: 'PAR-{YYYY}-{0000}' });
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '30');
    const scarce = await newProduct(t, s19.id, { unitCode: 'C62', unitPrice: '3.00', inventoryItemId: item.id, stockLocationId: w.binA });
    const drafts: Array<{ id: string; stocked: boolean }> = [];
    for (let n = 0; n < 100; n++) {
      const stocked = n % 5 < 2; // 40 invoices want the 30 units in stock: 10 must fail after taking a number
      const inv = await draft(series.id, [
        { description: `Service ${n}`, quantity: '1', unitPrice: '10.00', taxCategoryId: s19.id },
        ...(stocked ? [{ productId: scarce.id, quantity: '1' }] : []),
      ]);
      drafts.push({ id: inv.id, stocked });
    }
    const second: NestFastifyApplication = await startApp(t.databaseUrl, { RATE_LIMIT_PER_MINUTE: '1000000' });
    try {
      const http2 = request(second.getHttpServer());
      const results = await Promise.all(drafts.map((d, n) => (n % 2 ? http2 : t.http).post(`/invoicing/invoices/${d.id}/issue`).set(admin)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'insufficient_stock')).toBe(true);
      expect(statuses.filter((s) => s === 409)).toHaveLength(10);
      const rows = await t.sql<{ number: string }>(`SELECT number FROM invc_invoices WHERE series_id = $1 AND status = 'issued' ORDER BY number`, [series.id]);
      expect(rows).toHaveLength(90);
      expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 90 }, (_, i) => `PAR-${year}-${String(i + 1).padStart(4, '0')}`));
      const failed = results.map((r, n) => ({ r, n })).filter(({ r }) => r.status === 409).map(({ n }) => drafts[n]);
      expect(failed.every((d) => d.stocked)).toBe(true);
      const stillDraft = await t.sql(`SELECT id FROM invc_invoices WHERE series_id = $1 AND status = 'draft' AND number IS NULL`, [series.id]);
      expect(stillDraft).toHaveLength(10);
      expect((await onHand(t, item.id, w.binA))?.onHand ?? '0.000').toBe('0.000');
      const issues = await t.sql(`SELECT reference_id FROM inv_stock_moves WHERE kind = 'issue' AND item_id = $1`, [item.id]);
      expect(new Set(issues.map((m) => m.reference_id)).size).toBe(30);
      const [counter] = await t.sql<{ next_value: string }>('SELECT next_value FROM invc_series_counters WHERE series_id = $1', [series.id]);
      expect(counter.next_value).toBe('91');
    } finally {
      await second.close();
    }
  });
});

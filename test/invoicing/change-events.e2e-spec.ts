import { BillingService } from '../../src/modules/contracts/billing/billing.service';
import { newCustomer, newProduct, newSellerProfile, newSeries, newTaxCategory, post, uniqueCode } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Every state change publishes a catalogued event: invoicing's master data and invoice drafts too. */
describe('invoicing: change events of master data and drafts', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let s19: Record<string, any>;
  let series: Record<string, any>;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    s19 = await newTaxCategory(t, 'S', '19.00');
    series = await newSeries(t);
  });
  afterAll(() => t.close());

  const events = (aggregateId: string) =>
    t.sql<{ topic: string; aggregate_type: string; payload: Record<string, any> }>('SELECT topic, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);
  const topics = async (aggregateId: string) => (await events(aggregateId)).map((e) => e.topic);

  it('a customer\'s create, update and delete are events with the customer and the changed fields', async () => {
    const c = await newCustomer(t, { legalName: 'Events Customer GmbH', creditLimit: '5000.00' });
    const updated = await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).set('If-Match', '"1"').send({ paymentTermsDays: 45, tradingName: null, creditLimit: '5000' });
    expect(updated.status).toBe(200);
    // Nothing changes: no audit event, no event.
    expect((await t.http.patch(`/invoicing/customers/${c.id}`).set(admin).send({ paymentTermsDays: 45 })).status).toBe(200);
    expect((await t.http.delete(`/invoicing/customers/${c.id}`).set(admin).set('If-Match', '"2"')).status).toBe(204);
    const list = await events(c.id);
    expect(list.map((e) => [e.topic, e.aggregate_type])).toEqual([
      ['invoicing.customer.created', 'customer'],
      ['invoicing.customer.updated', 'customer'],
      ['invoicing.customer.deleted', 'customer'],
    ]);
    expect(list[0].payload).toMatchObject({ customerId: c.id, legalName: 'Events Customer GmbH', tradingName: 'Globex', currency: 'EUR', paymentTermsDays: 30, creditLimit: '5000.00', billingAddress: { city: 'Paris', countryCode: 'FR' }, changedFields: [] });
    expect(list[1].payload).toMatchObject({ customerId: c.id, tradingName: null, paymentTermsDays: 45, changedFields: ['tradingName', 'paymentTermsDays'] });
    expect(list[2].payload).toMatchObject({ customerId: c.id, legalName: 'Events Customer GmbH', paymentTermsDays: 45, changedFields: [] });
  });

  it('a product\'s create and update, a tax category and a series are events', async () => {
    const p = await newProduct(t, s19.id, { name: 'Support hour', unitPrice: '80.00' });
    expect((await t.http.patch(`/invoicing/products/${p.id}`).set(admin).send({ unitPrice: '90.00', active: false })).status).toBe(200);
    expect((await events(p.id)).map((e) => [e.topic, e.payload.unitPrice, e.payload.active, e.payload.changedFields])).toEqual([
      ['invoicing.product.created', '80.0000', true, []],
      ['invoicing.product.updated', '90.0000', false, ['unitPrice', 'active']],
    ]);
    const zero = await newTaxCategory(t, 'AE', '0', { name: 'Reverse charge', exemptionReasonCode: 'VATEX-EU-AE', validFrom: '2026-01-01' });
    expect(await events(zero.id)).toEqual([
      {
        topic: 'invoicing.tax_category.created',
        aggregate_type: 'tax_category',
        payload: { taxCategoryId: zero.id, code: 'AE', rate: '0.00', name: 'Reverse charge', exemptionReason: null, exemptionReasonCode: 'VATEX-EU-AE', validFrom: '2026-01-01' },
      },
    ]);
    const cn = await newSeries(t, { pattern: 'CN-{YYYY}-{0000}', documentType: 'credit_note' });
    expect(await events(cn.id)).toEqual([
      { topic: 'invoicing.series.created', aggregate_type: 'invoice_series', payload: { seriesId: cn.id, code: cn.code, name: 'Main series', pattern: 'CN-{YYYY}-{0000}', yearlyReset: true, documentType: 'credit_note' } },
    ]);
  });

  it('each seller profile version is an event naming what changed, and no event carries the bank details', async () => {
    const first = await newSellerProfile(t);
    const second = await newSellerProfile(t, { legalName: 'Acme Back Office SE', iban: 'DE02120300000000202051' });
    const [a] = await events(first.id);
    const [b] = await events(second.id);
    expect(a.topic).toBe('invoicing.seller_profile.changed');
    expect(b).toMatchObject({
      topic: 'invoicing.seller_profile.changed',
      aggregate_type: 'seller_profile',
      payload: { sellerProfileId: second.id, versionNo: first.versionNo + 1, previousSellerProfileId: first.id, legalName: 'Acme Back Office SE', vatId: 'DE123456789', changedFields: ['legalName', 'iban'] },
    });
    const all = JSON.stringify([a, b]);
    expect(all).not.toContain('DE89370400440532013000');
    expect(all).not.toContain('DE02120300000000202051');
    expect(all).not.toContain('COBADEFFXXX');
  });

  it('a draft invoice\'s create, update and delete are events with its totals and the changed fields', async () => {
    const c = await newCustomer(t);
    const inv = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [{ description: 'Work', quantity: '2', unitPrice: '50.00', taxCategoryId: s19.id }] });
    const edited = await t.http.patch(`/invoicing/invoices/${inv.id}`).set(admin).set('If-Match', '"1"').send({ lines: [{ description: 'Work', quantity: '3', unitPrice: '50.00', taxCategoryId: s19.id }], buyerReference: 'REF-1' });
    expect(edited.status).toBe(200);
    expect((await t.http.patch(`/invoicing/invoices/${inv.id}`).set(admin).send({ note: 'Thanks' })).status).toBe(200);
    expect((await t.http.delete(`/invoicing/invoices/${inv.id}`).set(admin)).status).toBe(204);
    const list = await events(inv.id);
    expect(list.map((e) => [e.topic, e.payload.lineCount, e.payload.payableAmount, e.payload.changedFields])).toEqual([
      ['invoicing.invoice.drafted', 1, '119.00', []],
      ['invoicing.invoice.updated', 1, '178.50', ['buyerReference', 'lines', 'payableAmount']],
      ['invoicing.invoice.updated', 1, '178.50', ['note']],
      ['invoicing.invoice.deleted', 1, '178.50', []],
    ]);
    expect(list[0].payload).toMatchObject({ invoiceId: inv.id, status: 'draft', seriesId: series.id, customerId: c.id, currency: 'EUR', dueDate: null, buyerReference: null, taxExclusiveAmount: '100.00', taxTotal: '19.00' });
    expect(list[3].payload).toMatchObject({ buyerReference: 'REF-1', taxExclusiveAmount: '150.00' });
  });

  it('drafts made by a contract\'s billing schedule publish invoicing.invoice.drafted in the job\'s transaction', async () => {
    const customer = await newCustomer(t);
    const writer = bearer(await t.key(['contracts:read', 'contracts:write']));
    const approver = bearer(await t.key(['contracts:read', 'contracts:approve']));
    const signers = [
      { name: 'Ada Internal', email: 'ada@acme.example', role: 'CEO', party: 'internal' },
      { name: 'Bob Counter', email: 'bob@globex.example', role: 'Procurement lead', party: 'counterparty' },
    ];
    const created = await t.http.post('/contracts').set(writer).send({ title: 'Hosting', type: 'service', counterparty: { kind: 'customer', customerId: customer.id }, startDate: '2026-01-01', endDate: '2026-12-31', value: '1200.00', currency: 'EUR', signers });
    expect(created.status).toBe(201);
    const contract = created.body;
    await t.http.post(`/contracts/${contract.id}/submit`).set(writer).expect(200);
    await t.http.post(`/contracts/${contract.id}/approve`).set(approver).expect(200);
    for (const s of contract.signers) await t.http.post(`/contracts/${contract.id}/sign`).set(writer).send({ signerId: s.id }).expect(200);
    await t.http.post(`/contracts/${contract.id}/billing-schedules`).set(writer).send({ amount: '100.00', period: 'monthly', seriesId: series.id, taxCategoryId: s19.id }).expect(201);
    expect((await t.app.get(BillingService).runDue('2026-02-15')).invoiced).toBe(2);
    const drafts = await t.sql<{ id: string }>(`SELECT id FROM invc_invoices WHERE order_reference = $1 ORDER BY created_at`, [contract.number]);
    expect(drafts).toHaveLength(2);
    for (const d of drafts) {
      expect((await events(d.id)).map((e) => [e.topic, e.payload.orderReference, e.payload.customerId, e.payload.payableAmount])).toEqual([['invoicing.invoice.drafted', contract.number, customer.id, '119.00']]);
    }
  });

  it('customers imported from CSV publish one event per row; a validation run publishes none', async () => {
    const name = uniqueCode('Imported ');
    const csv = `legalName,billingAddress.line1,billingAddress.city,billingAddress.countryCode,currency\n${name} A,1 Main St,Springfield,US,USD\n${name} B,2 Main St,Springfield,US,USD\n`;
    const send = (mode: string) => t.http.post(`/imports?kind=customers&mode=${mode}`).set(admin).set('Content-Type', 'text/csv').send(csv);
    expect((await send('validate')).body).toMatchObject({ status: 'validated', importedRows: 2 });
    const published = () => t.sql<{ legal_name: string }>(`SELECT payload->>'legalName' AS legal_name FROM outbox_events WHERE topic = 'invoicing.customer.created' AND payload->>'legalName' LIKE $1 ORDER BY 1`, [`${name}%`]);
    expect(await published()).toEqual([]);
    expect((await send('commit')).status).toBe(201);
    expect((await published()).map((r) => r.legal_name)).toEqual([`${name} A`, `${name} B`]);
  });

  it('customer credit allocated to an invoice that stays partially paid: the payment event lists the invoice and the amount applied', async () => {
    await newSellerProfile(t);
    const c = await newCustomer(t);
    const inv = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [{ description: 'Work', quantity: '1', unitPrice: '100.00', taxCategoryId: s19.id }] });
    await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin).expect(200);
    const payment = await t.http.post('/invoicing/payments').set(admin).send({ customerId: c.id, amount: '60.00', receivedOn: today, method: 'bank_transfer', allocations: [{ invoiceId: inv.id, amount: '50.00' }] });
    expect(payment.status).toBe(201);
    const allocated = await t.http.post(`/invoicing/payments/${payment.body.id}/allocate`).set(admin).send({ allocations: [{ invoiceId: inv.id, amount: '10.00' }] });
    expect(allocated.status).toBe(200);
    expect((await t.http.get(`/invoicing/invoices/${inv.id}`).set(admin)).body).toMatchObject({ status: 'partially_paid', settlement: { amountDue: '59.00', paidAmount: '60.00' } });
    // The invoice's state did not change the second time: the payment's event announces its settlement.
    expect(await topics(inv.id)).toEqual(['invoicing.invoice.drafted', 'invoicing.invoice.issued', 'invoicing.invoice.partially_paid']);
    expect((await events(payment.body.id)).map((e) => [e.topic, e.payload.allocations])).toEqual([
      ['invoicing.payment.received', [{ invoiceId: inv.id, amount: '50.00' }]],
      ['invoicing.payment.allocated', [{ invoiceId: inv.id, amount: '10.00' }]],
    ]);
  });
});

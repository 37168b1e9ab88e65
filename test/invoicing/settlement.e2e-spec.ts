import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { INVOICING_CHANGE_EVENT_TOPICS, INVOICING_EVENT_TOPICS } from '../../src/modules/invoicing';
import { eventType } from '../../src/platform/events/event-types';
import { newItem, newWarehouse, onHand, receive } from '../support/inventory';
import { newCustomer, newProduct, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('invoicing: payments, credit notes, void, credit limit and reports', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let s19: Record<string, any>;
  let series: Record<string, any>;
  let cnSeries: Record<string, any>;
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    s19 = await newTaxCategory(t, 'S', '19.00');
    await newSellerProfile(t);
    series = await newSeries(t);
    cnSeries = await newSeries(t, { pattern: 'CN-{YYYY}-{0000}', documentType: 'credit_note' });
  });
  afterAll(() => t.close());

  /** An issued invoice of `net` + 19 % VAT. */
  async function issued(customerId: string, lines: object[]) {
    const inv = await post(t, '/invoicing/invoices', { customerId, seriesId: series.id, lines });
    const res = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin);
    if (res.status !== 200) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const service = (price: string, quantity = '1') => ({ description: 'Consulting', quantity, unitPrice: price, taxCategoryId: s19.id });
  const pay = (customerId: string, amount: string, allocations: object[] = []) =>
    t.http.post('/invoicing/payments').set(admin).send({ customerId, amount, receivedOn: today, method: 'bank_transfer', reference: 'SEPA-1', allocations });
  const invoice = async (id: string) => (await t.http.get(`/invoicing/invoices/${id}`).set(admin).expect(200)).body;
  const topics = async (aggregateId: string) => (await t.sql<{ topic: string }>('SELECT topic FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId])).map((e) => e.topic);

  it('goes draft → issued → partially paid → paid, with amount due and events in step', async () => {
    const c = await newCustomer(t);
    const inv = await issued(c.id, [service('1000.00')]);
    expect(inv).toMatchObject({ status: 'issued', settlement: { amountDue: '1190.00', paidAmount: '0.00', creditedAmount: '0.00' }, overdue: false });

    const first = await pay(c.id, '500.00', [{ invoiceId: inv.id, amount: '500.00' }]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: '500.00', allocatedAmount: '500.00', unallocatedAmount: '0.00', allocations: [{ invoiceId: inv.id, invoiceNumber: inv.number, amount: '500.00' }] });
    expect(await invoice(inv.id)).toMatchObject({ status: 'partially_paid', settlement: { amountDue: '690.00', paidAmount: '500.00' } });

    const tooMuch = await pay(c.id, '700.00', [{ invoiceId: inv.id, amount: '700.00' }]);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ code: 'allocation_exceeds_amount_due', amountDue: '690.00', requested: '700.00' });
    expect((await t.sql('SELECT id FROM invc_payments WHERE customer_id = $1', [c.id])).length).toBe(1);

    // 700 received: 690 settle the invoice, 10 stay as customer credit.
    const second = await pay(c.id, '700.00', [{ invoiceId: inv.id, amount: '690.00' }]);
    expect(second.body).toMatchObject({ allocatedAmount: '690.00', unallocatedAmount: '10.00' });
    const paid = await invoice(inv.id);
    expect(paid).toMatchObject({ status: 'paid', settlement: { amountDue: '0.00', paidAmount: '1190.00' }, allowedActions: [] });
    expect(await topics(inv.id)).toEqual(['invoicing.invoice.drafted', 'invoicing.invoice.issued', 'invoicing.invoice.partially_paid', 'invoicing.invoice.paid']);
    expect(await topics(second.body.id)).toEqual(['invoicing.payment.received']);
    const [event] = await t.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox_events WHERE topic = 'invoicing.invoice.paid' AND aggregate_id = $1`, [inv.id]);
    expect(event.payload).toMatchObject({ previousStatus: 'partially_paid', status: 'paid', paidAmount: '1190.00', amountDue: '0.00' });
    expect((await t.http.get(`/invoicing/customers/${c.id}/credit`).set(admin).expect(200)).body).toEqual({ customerId: c.id, credit: [{ currency: 'EUR', amount: '10.00' }] });

    // The credit pays part of a later invoice; then the rest is refunded and cannot be refunded twice.
    const later = await issued(c.id, [service('100.00')]);
    const allocated = await t.http.post(`/invoicing/payments/${second.body.id}/allocate`).set(admin).set('If-Match', `"${second.body.version}"`).send({ allocations: [{ invoiceId: later.id, amount: '4.00' }] });
    expect(allocated.status).toBe(200);
    expect(allocated.body).toMatchObject({ unallocatedAmount: '6.00', version: second.body.version + 1 });
    expect((await invoice(later.id)).settlement).toMatchObject({ amountDue: '115.00', paidAmount: '4.00' });
    const over = await t.http.post(`/invoicing/payments/${second.body.id}/allocate`).set(admin).send({ allocations: [{ invoiceId: later.id, amount: '7.00' }] });
    expect(over.body).toMatchObject({ code: 'allocation_exceeds_payment', unallocatedAmount: '6.00' });
    const refund = await t.http.post(`/invoicing/payments/${second.body.id}/refund`).set(admin).send({ amount: '6.00', refundedOn: today, reference: 'Refund' }).expect(200);
    expect(refund.body).toMatchObject({ refundedAmount: '6.00', unallocatedAmount: '0.00', refunds: [{ amount: '6.00' }] });
    expect((await t.http.post(`/invoicing/payments/${second.body.id}/refund`).set(admin).send({ amount: '0.01', refundedOn: today })).body.code).toBe('refund_exceeds_unallocated');
    expect(await topics(second.body.id)).toEqual(['invoicing.payment.received', 'invoicing.payment.allocated', 'invoicing.payment.refunded']);
    expect((await t.http.get(`/invoicing/customers/${c.id}/credit`).set(admin)).body.credit).toEqual([]);

    // Refused: paying a paid invoice, an invoice of another customer, a draft.
    const more = await pay(c.id, '1.00', [{ invoiceId: inv.id, amount: '1.00' }]);
    expect(more.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'paid' });
    const other = await newCustomer(t);
    expect((await pay(other.id, '1.00', [{ invoiceId: later.id, amount: '1.00' }])).body.code).toBe('payment_invoice_mismatch');
    const draft = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [service('1.00')] });
    expect((await pay(c.id, '1.00', [{ invoiceId: draft.id, amount: '1.00' }])).body).toMatchObject({ code: 'invalid_state_transition', currentState: 'draft' });
    expect((await t.http.get(`/invoicing/invoices/${draft.id}/pdf`).set(admin)).body.code).toBe('invoice_not_issued');
  });

  it('never over-allocates an invoice under concurrent payments', async () => {
    const c = await newCustomer(t);
    const inv = await issued(c.id, [service('100.00')]); // 119.00 due
    const results = await Promise.all(Array.from({ length: 8 }, () => pay(c.id, '30.00', [{ invoiceId: inv.id, amount: '30.00' }])));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'allocation_exceeds_amount_due')).toBe(true);
    expect(await invoice(inv.id)).toMatchObject({ status: 'partially_paid', settlement: { paidAmount: '90.00', amountDue: '29.00' } });
    const [sum] = await t.sql<{ total: string }>('SELECT sum(amount) AS total FROM invc_payment_allocations WHERE invoice_id = $1', [inv.id]);
    expect(sum.total).toBe('90.0000');
  });

  it('never credits more than was invoiced, nor issues past the credit limit, under concurrency', async () => {
    const c = await newCustomer(t, { creditLimit: '400.00' });
    const inv = await issued(c.id, [service('100.00', '3')]); // 357.00 open
    const pcn = await newSeries(t, { pattern: 'PCN-{YYYY}-{0000}', documentType: 'credit_note' });
    const notes = await Promise.all(Array.from({ length: 5 }, (_, n) =>
      t.http.post(`/invoicing/invoices/${inv.id}/credit-notes`).set(admin).send({ seriesId: pcn.id, reason: `Return ${n}`, lines: [{ invoiceLineId: inv.lines[0].id, quantity: '1' }] })));
    expect(notes.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    // The third credit voided the invoice, so later ones meet a void invoice.
    expect(notes.filter((r) => r.status === 409).every((r) => r.body.code === 'invalid_state_transition')).toBe(true);
    expect(notes.filter((r) => r.status === 201).map((r) => r.body.number).sort()).toEqual([1, 2, 3].map((n) => `PCN-${year}-000${n}`));
    expect(await invoice(inv.id)).toMatchObject({ status: 'void', settlement: { creditedAmount: '357.00', amountDue: '0.00' } });

    // 0 open now; each draft is 238.00, so only one of two parallel issues fits under 400.00.
    const a = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [service('200.00')] });
    const b = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [service('200.00')] });
    const issues = await Promise.all([a, b].map((d) => t.http.post(`/invoicing/invoices/${d.id}/issue`).set(admin)));
    expect(issues.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(issues.find((r) => r.status === 409)!.body).toMatchObject({ code: 'credit_limit_exceeded', openReceivables: '238.00' });
  });

  it('credits part of a paid invoice by line and quantity, returning stock and the money as customer credit', async () => {
    const c = await newCustomer(t);
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '10');
    const bolts = await newProduct(t, s19.id, { name: 'Hex bolt M8', unitCode: 'C62', unitPrice: '2.50', inventoryItemId: item.id, stockLocationId: w.binA });
    const inv = await issued(c.id, [service('100.00'), { productId: bolts.id, quantity: '4' }]); // 110 net, 130.90 gross
    expect((await onHand(t, item.id, w.binA))?.onHand).toBe('6.000');
    const payment = await pay(c.id, '130.90', [{ invoiceId: inv.id, amount: '130.90' }]);
    expect((await invoice(inv.id)).status).toBe('paid');

    const boltLine = inv.lines[1];
    const wrongSeries = await t.http.post(`/invoicing/invoices/${inv.id}/credit-notes`).set(admin).send({ seriesId: series.id, reason: 'x', lines: [{ invoiceLineId: boltLine.id, quantity: '1' }] });
    expect(wrongSeries.status).toBe(422);
    expect(wrongSeries.body.code).toBe('wrong_series_document_type');
    const tooMany = await t.http.post(`/invoicing/invoices/${inv.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'x', lines: [{ invoiceLineId: boltLine.id, quantity: '5' }] });
    expect(tooMany.body).toMatchObject({ code: 'credit_exceeds_invoice', remaining: '4.0000' });

    const cn = await t.http.post(`/invoicing/invoices/${inv.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'Two bolts returned', lines: [{ invoiceLineId: boltLine.id, quantity: '2' }], returnStock: true });
    expect(cn.status).toBe(201);
    expect(cn.body).toMatchObject({ number: `CN-${year}-0001`, invoiceNumber: inv.number, stockReturned: true, lines: [{ description: 'Hex bolt M8', quantity: '2.0000', netAmount: '5.00' }], totals: { taxExclusiveAmount: '5.00', taxTotal: '0.95', payableAmount: '5.95' } });
    expect((await onHand(t, item.id, w.binA))?.onHand).toBe('8.000');
    // Paid in full before: the 5.95 credited goes back to the payment as customer credit.
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', settlement: { creditedAmount: '5.95', paidAmount: '124.95', amountDue: '0.00' } });
    expect((await t.http.get(`/invoicing/payments/${payment.body.id}`).set(admin)).body).toMatchObject({ allocatedAmount: '124.95', unallocatedAmount: '5.95', allocations: [{ amount: '124.95' }] });
    expect((await t.http.get(`/invoicing/customers/${c.id}/credit`).set(admin)).body.credit).toEqual([{ currency: 'EUR', amount: '5.95' }]);
    expect((await t.sql(`SELECT payload FROM outbox_events WHERE topic = 'invoicing.credit_note.issued' AND aggregate_id = $1`, [cn.body.id]))[0].payload).toMatchObject({ number: `CN-${year}-0001`, taxInclusiveAmount: '5.95', stockReturned: true });
    const list = await t.http.get('/invoicing/credit-notes').query({ invoiceId: inv.id }).set(admin).expect(200);
    expect(list.body.data.map((n: { id: string }) => n.id)).toEqual([cn.body.id]);
    // A paid invoice cannot be voided (credit it instead).
    const voidPaid = await t.http.post(`/invoicing/invoices/${inv.id}/void`).set(admin).send({ creditNoteSeriesId: cnSeries.id, reason: 'x' });
    expect(voidPaid.status).toBe(409);
    expect(voidPaid.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'paid' });
  });

  it('voids a partially paid invoice with a credit note for the rest; its payment becomes credit', async () => {
    const c = await newCustomer(t);
    const inv = await issued(c.id, [service('200.00', '2'), service('50.00')]); // 450 net, 535.50 gross
    await t.http.post(`/invoicing/invoices/${inv.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'Less hours', lines: [{ invoiceLineId: inv.lines[0].id, quantity: '0.5' }] }).expect(201);
    expect((await invoice(inv.id)).settlement).toMatchObject({ creditedAmount: '119.00', amountDue: '416.50' });
    const payment = await pay(c.id, '100.00', [{ invoiceId: inv.id, amount: '100.00' }]);
    const current = await invoice(inv.id);
    expect((await t.http.post(`/invoicing/invoices/${inv.id}/void`).set(admin).set('If-Match', '"1"').send({ creditNoteSeriesId: cnSeries.id, reason: 'Wrong customer' })).status).toBe(412);
    const voided = await t.http.post(`/invoicing/invoices/${inv.id}/void`).set(admin).set('If-Match', `"${current.version}"`).send({ creditNoteSeriesId: cnSeries.id, reason: 'Wrong customer' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', settlement: { amountDue: '0.00', paidAmount: '0.00', creditedAmount: '535.50' } });
    expect(voided.body.voidedAt).not.toBeNull();
    const notes = (await t.http.get('/invoicing/credit-notes').query({ invoiceId: inv.id, sort: 'createdAt' }).set(admin)).body.data;
    expect(notes.map((n: { taxInclusiveAmount: string }) => n.taxInclusiveAmount)).toEqual(['119.00', '416.50']);
    expect((await t.http.get(`/invoicing/payments/${payment.body.id}`).set(admin)).body.unallocatedAmount).toBe('100.00');
    expect((await topics(inv.id)).slice(-1)).toEqual(['invoicing.invoice.voided']);
    for (const res of [
      await t.http.post(`/invoicing/invoices/${inv.id}/void`).set(admin).send({ creditNoteSeriesId: cnSeries.id, reason: 'again' }),
      await t.http.post(`/invoicing/invoices/${inv.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'again' }),
      await pay(c.id, '1.00', [{ invoiceId: inv.id, amount: '1.00' }]),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'invalid_state_transition', currentState: 'void' });
    }
  });

  it('refuses to issue above the credit limit, with the figures', async () => {
    const c = await newCustomer(t, { creditLimit: '1500.00' });
    await issued(c.id, [service('1000.00')]); // 1190 open
    const inv = await post(t, '/invoicing/invoices', { customerId: c.id, seriesId: series.id, lines: [service('300.00')] }); // 357
    const res = await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'credit_limit_exceeded', creditLimit: '1500.00', openReceivables: '1190.00', invoiceAmount: '357.00', exceededBy: '47.00' });
    expect((await invoice(inv.id)).status).toBe('draft');
    await pay(c.id, '100.00', [{ invoiceId: (await t.sql<{ id: string }>(`SELECT id FROM invc_invoices WHERE customer_id = $1 AND status = 'issued'`, [c.id]))[0].id, amount: '100.00' }]);
    expect((await t.http.post(`/invoicing/invoices/${inv.id}/issue`).set(admin)).status).toBe(200);
  });

  it('derives overdue from the due date and reports aging and revenue in SQL', async () => {
    const c = await newCustomer(t, { legalName: 'Aging Test AG' });
    const dueIn = async (days: number, price: string) => {
      const inv = await issued(c.id, [service(price)]);
      await t.sql(`UPDATE invc_invoices SET issue_date = ($2::date - 150), due_date = ($2::date + $3::int) WHERE id = $1`, [inv.id, today, days]);
      return inv;
    };
    const notDue = await dueIn(5, '100.00'); // 119
    const late10 = await dueIn(-10, '200.00'); // 238
    const late45 = await dueIn(-45, '300.00'); // 357
    await dueIn(-100, '400.00'); // 476
    await pay(c.id, '38.00', [{ invoiceId: late10.id, amount: '38.00' }]); // 200 left
    expect((await invoice(late45.id)).overdue).toBe(true);
    expect((await invoice(notDue.id)).overdue).toBe(false);
    const overdue = await t.http.get('/invoicing/invoices').query({ customerId: c.id, overdue: 'true' }).set(admin).expect(200);
    expect(overdue.body.data).toHaveLength(3);
    expect(overdue.body.data.every((i: { overdue: boolean }) => i.overdue)).toBe(true);

    const aging = await t.http.get('/invoicing/reports/aging').query({ asOf: today, limit: 200 }).set(admin).expect(200);
    const row = aging.body.data.find((r: { customerId: string }) => r.customerId === c.id);
    expect(row).toEqual({ customerId: c.id, legalName: 'Aging Test AG', currency: 'EUR', current: '119.00', days1to30: '200.00', days31to60: '357.00', days61to90: '0.00', days90plus: '476.00', total: '1152.00', openInvoices: 4 });
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ customerId: string }>; nextCursor: string | null } } = await t.http.get('/invoicing/reports/aging').query({ asOf: today, limit: 1, ...(cursor ? { cursor } : {}) }).set(admin).expect(200);
      paged.push(...page.body.data.map((r) => r.customerId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(aging.body.data.map((r: { customerId: string }) => r.customerId));
    expect((await t.http.get('/invoicing/reports/aging').query({ cursor: 'bogus' }).set(admin)).status).toBe(400);

    const revenue = await t.http.get('/invoicing/reports/revenue').query({ from: `${year - 1}-01-01`, to: `${year}-12-31`, limit: 200 }).set(admin).expect(200);
    const mine = revenue.body.data.filter((r: { customerId: string }) => r.customerId === c.id);
    const earlier = new Date(`${today}T00:00:00Z`);
    earlier.setUTCDate(earlier.getUTCDate() - 150);
    expect(mine).toEqual([{ month: earlier.toISOString().slice(0, 7), customerId: c.id, legalName: 'Aging Test AG', currency: 'EUR', invoiced: '1000.00', credited: '0.00', revenue: '1000.00' }]);
    expect((await t.http.get('/invoicing/reports/revenue').query({ from: '2026-02-01', to: '2026-01-01' }).set(admin)).status).toBe(422);
  });

  it('needs invoicing:write to record payments and credit notes', async () => {
    const reader = bearer(await t.key(['invoicing:read']));
    const c = await newCustomer(t);
    const res = await t.http.post('/invoicing/payments').set(reader).send({ customerId: c.id, amount: '1.00', receivedOn: today, method: 'cash' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('missing_scope');
    await t.http.get('/invoicing/reports/aging').set(reader).expect(200);
    expect((await t.http.get('/invoicing/payments').set(bearer(await t.key(['inventory:read'])))).status).toBe(403);
  });

  it('publishes only catalogued events whose payloads match their JSON Schema', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const events = await t.sql<{ topic: string; aggregate_type: string; payload: unknown }>(`SELECT topic, aggregate_type, payload FROM outbox_events WHERE topic LIKE 'invoicing.%'`);
    // Every settlement event was published here; master data and drafts publish too (change-events.e2e-spec covers them all).
    const published = new Set(events.map((e) => e.topic));
    const changes: readonly string[] = INVOICING_CHANGE_EVENT_TOPICS;
    expect(INVOICING_EVENT_TOPICS.filter((topic) => !changes.includes(topic) && !published.has(topic))).toEqual([]);
    expect([...published].filter((topic) => !(INVOICING_EVENT_TOPICS as readonly string[]).includes(topic))).toEqual([]);
    for (const e of events) {
      const def = eventType(e.topic)!;
      expect(def.aggregateType).toBe(e.aggregate_type);
      const validate = ajv.compile(def.schema);
      if (!validate(e.payload)) throw new Error(`${e.topic}: ${ajv.errorsText(validate.errors)}`);
    }
  });
});

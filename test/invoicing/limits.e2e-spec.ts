import { MAX_INVOICE_LINES } from '../../src/modules/invoicing/invoices/dto/invoice.dto';
import { MAX_PAYMENT_REFUNDS } from '../../src/modules/invoicing/limits';
import { newCustomer, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Limits the OpenAPI document states for invoicing are enforced (OWASP API4). */
describe('invoicing: enforced limits (OWASP API4)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  it(`an invoice has at most ${MAX_INVOICE_LINES} lines; an IBAN over 34 characters is 422 naming it`, async () => {
    const s19 = await newTaxCategory(t, 'S', '19.00');
    const series = await newSeries(t);
    const c = await newCustomer(t);
    const line = { description: 'Consulting', quantity: '1', unitPrice: '1.00', taxCategoryId: s19.id };
    const over = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: c.id, seriesId: series.id, lines: Array(MAX_INVOICE_LINES + 1).fill(line) });
    expect([over.status, over.body.code, fields(over)]).toEqual([422, 'validation_failed', ['lines']]);
    const full = await t.http.post('/invoicing/invoices').set(admin).send({ customerId: c.id, seriesId: series.id, lines: Array(MAX_INVOICE_LINES).fill(line) });
    expect([full.status, full.body.lines.length, full.body.totals.lineTotal]).toEqual([201, MAX_INVOICE_LINES, '500.00']);

    const spaced = await t.http.post('/invoicing/seller-profiles').set(admin).send({ legalName: 'Acme', address: { line1: 'Hauptstraße 1', city: 'Berlin', countryCode: 'DE' }, iban: 'DE89 3704 0044 0532 0130 00  ' + ' '.repeat(10) });
    expect([spaced.status, fields(spaced)]).toEqual([422, ['iban']]);
  });

  it(`a payment has at most ${MAX_PAYMENT_REFUNDS} refunds: one more is 422 on amount and nothing is refunded`, async () => {
    await newSellerProfile(t);
    const c = await newCustomer(t);
    const p = await post(t, '/invoicing/payments', { customerId: c.id, amount: '1000.00', receivedOn: '2026-11-02', method: 'bank_transfer' });
    await t.sql(
      `INSERT INTO invc_payment_refunds (id, payment_id, amount, refunded_on) SELECT gen_random_uuid(), $1, 1, DATE '2026-11-03' FROM generate_series(1, $2::int - 1)`,
      [p.id, MAX_PAYMENT_REFUNDS],
    );
    const refund = () => t.http.post(`/invoicing/payments/${p.id}/refund`).set(admin).send({ amount: '1.00', refundedOn: '2026-11-04' });
    const last = await refund();
    expect([last.status, last.body.refunds.length, last.body.refundedAmount]).toEqual([200, MAX_PAYMENT_REFUNDS, '1.00']);
    const over = await refund();
    expect([over.status, over.body.code, fields(over)]).toEqual([422, 'validation_failed', ['amount']]);
    const [{ refunded }] = await t.sql<{ refunded: string }>('SELECT refunded_amount AS refunded FROM invc_payments WHERE id = $1', [p.id]);
    expect(refunded).toBe('1.0000');
  });
});

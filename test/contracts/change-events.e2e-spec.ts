import { createHash } from 'node:crypto';
import { BillingService } from '../../src/modules/contracts/billing/billing.service';
import { newCustomer, newSeries, newTaxCategory } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.4\n% second draft\ntrailer << >>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every state change publishes a catalogued event: contract documents and billing schedules too. */
describe('contracts change events', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const events = (aggregateId: string) =>
    t.sql<{ topic: string; aggregate_type: string; payload: Record<string, any> }>('SELECT topic, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);

  const signers = [
    { name: 'Ada Internal', email: 'ada@acme.example', role: 'CEO', party: 'internal' },
    { name: 'Bob Counter', email: 'bob@globex.example', role: 'Procurement lead', party: 'counterparty' },
  ];

  it('each document upload is an event about the contract, with the file\'s name, size and checksum (never its bytes)', async () => {
    const c = await t.http.post('/contracts').set(admin).send({ title: 'Events NDA', type: 'nda', counterparty: { kind: 'party', name: 'Initech LLC' }, startDate: '2026-01-01', termMonths: 12 });
    expect(c.status).toBe(201);
    const first = await t.http.post(`/contracts/${c.body.id}/versions/1/document`).set(admin).attach('file', PDF, { filename: 'nda.pdf', contentType: 'application/pdf' });
    expect(first.status).toBe(201);
    const second = await t.http.post(`/contracts/${c.body.id}/versions/1/document`).set(admin).attach('file', PDF2, { filename: 'nda-v2.pdf', contentType: 'application/pdf' });
    expect(second.status).toBe(201);
    // A refused upload (wrong type) announces nothing.
    expect((await t.http.post(`/contracts/${c.body.id}/versions/1/document`).set(admin).attach('file', Buffer.from('x'), { filename: 'a.png', contentType: 'image/png' })).status).toBe(415);

    const got = await events(c.body.id);
    expect(got.map((e) => [e.topic, e.aggregate_type])).toEqual([
      ['contracts.contract.created', 'contract'],
      ['contracts.document.uploaded', 'contract'],
      ['contracts.document.uploaded', 'contract'],
    ]);
    expect(got[1].payload).toEqual({
      contractId: c.body.id, contractNumber: c.body.number, versionNo: 1, documentId: first.body.id, fileName: 'nda.pdf', contentType: 'application/pdf',
      sizeBytes: PDF.length, sha256: sha256(PDF), uploadedAt: first.body.createdAt,
    });
    expect(got[2].payload).toMatchObject({ documentId: second.body.id, fileName: 'nda-v2.pdf', sizeBytes: PDF2.length, sha256: sha256(PDF2) });
    expect(JSON.stringify(got)).not.toContain('PDF-1.4');
  });

  it('a billing schedule\'s creation is an event with its terms; each billing run is announced by the invoiced periods', async () => {
    const customer = await newCustomer(t);
    const tax = await newTaxCategory(t, 'S', '19.00');
    const series = await newSeries(t);
    const created = await t.http.post('/contracts').set(admin).send({ title: 'Hosting', type: 'service', counterparty: { kind: 'customer', customerId: customer.id }, startDate: '2026-01-01', endDate: '2026-12-31', value: '1200.00', currency: 'EUR', signers });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await t.http.post(`/contracts/${id}/submit`).set(admin).expect(200);
    await t.http.post(`/contracts/${id}/approve`).set(admin).expect(200);
    for (const s of created.body.signers) await t.http.post(`/contracts/${id}/sign`).set(admin).send({ signerId: s.id }).expect(200);

    const res = await t.http.post(`/contracts/${id}/billing-schedules`).set(admin).send({ amount: '99.5', period: 'quarterly', seriesId: series.id, taxCategoryId: tax.id, startDate: '2026-02-01', endDate: '2026-12-31' });
    expect(res.status).toBe(201);
    const scheduleId = res.body.id as string;
    expect(await events(scheduleId)).toEqual([
      {
        topic: 'contracts.billing_schedule.created',
        aggregate_type: 'contract_billing_schedule',
        payload: {
          scheduleId, contractId: id, amount: '99.50', currency: 'EUR', period: 'quarterly', seriesId: series.id, taxCategoryId: tax.id,
          startDate: '2026-02-01', endDate: '2026-12-31', nextPeriodStart: '2026-02-01', active: true,
        },
      },
    ]);

    expect((await t.app.get(BillingService).runDue('2026-05-15')).invoiced).toBe(2);
    const got = await events(scheduleId);
    expect(got.map((e) => [e.topic, e.payload.periodStart, e.payload.amount])).toEqual([
      ['contracts.billing_schedule.created', undefined, '99.50'],
      ['contracts.billing_period.invoiced', '2026-02-01', '99.50'],
      ['contracts.billing_period.invoiced', '2026-05-01', '99.50'],
    ]);
    const [audit] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'contracts.billing_schedule.invoiced' AND entity_id = $1`, [scheduleId]);
    expect(audit.n).toBe('1');
  });
});

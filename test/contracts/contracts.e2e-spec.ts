import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { BillingService } from '../../src/modules/contracts/billing/billing.service';
import { MAX_CONTRACT_VERSIONS } from '../../src/modules/contracts/contracts/dto/contract.dto';
import { ContractLifecycleService } from '../../src/modules/contracts/lifecycle/contract-lifecycle.service';
import { eventType, eventTypes } from '../../src/platform/events/event-types';
import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
import { newEmployee } from '../support/factories';
import { newCustomer, newSeries, newTaxCategory } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const day = (offset: number, from = new Date()) => {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('contracts: lifecycle, versions, signatures, renewal, alerts, billing', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let writer: Record<string, string>;
  let approver: Record<string, string>;
  let reader: Record<string, string>;
  let lifecycle: ContractLifecycleService;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    writer = bearer(await t.key(['contracts:read', 'contracts:write']));
    approver = bearer(await t.key(['contracts:read', 'contracts:approve']));
    reader = bearer(await t.key(['contracts:read']));
    lifecycle = t.app.get(ContractLifecycleService);
  });
  afterAll(() => t.close());

  const signers = [
    { name: 'Ada Internal', email: 'ada@acme.example', role: 'CEO', party: 'internal' },
    { name: 'Bob Counter', email: 'bob@globex.example', role: 'Procurement lead', party: 'counterparty' },
  ];
  const party = { kind: 'party', name: 'Initech LLC', companyId: 'HRB 1', address: { line1: '1 Main St', city: 'Austin', postalCode: '78701', countryCode: 'US' } };

  async function create(body: Record<string, unknown>) {
    const res = await t.http.post('/contracts').set(writer).send({ title: 'Support 2026', type: 'service', counterparty: party, startDate: day(-30), signers, ...body });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function activate(body: Record<string, unknown>) {
    const c = await create(body);
    await t.http.post(`/contracts/${c.id}/submit`).set(writer).expect(200);
    await t.http.post(`/contracts/${c.id}/approve`).set(approver).expect(200);
    await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: c.signers[0].id }).expect(200);
    const res = await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: c.signers[1].id }).expect(200);
    return res.body;
  }

  const events = (id: string, topic: string) => t.sql<{ payload: Record<string, any> }>(`SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND topic = $2 ORDER BY occurred_at, id`, [id, topic]);

  it('draft → review → approve → two signatures → active → notice window → renewed (manual)', async () => {
    const end = day(60);
    const c = await create({ value: '24000.00', currency: 'EUR', endDate: end, renewalType: 'manual', renewalTermMonths: 12, noticePeriod: { value: 30, unit: 'days' }, noticeAlertDays: 30, tags: ['it'] });
    expect(c).toMatchObject({ status: 'draft', number: expect.stringMatching(/^CTR-\d{4}-\d{4}$/), endDate: end, noticeDeadline: day(30), nextRenewalDate: day(61), allowedActions: ['edit', 'delete', 'submit'], version: 1 });

    expect((await t.http.post(`/contracts/${c.id}/approve`).set(approver)).body).toMatchObject({ status: 409, code: 'invalid_state_transition' });
    expect((await t.http.post(`/contracts/${c.id}/submit`).set(writer).set('If-Match', '"7"')).status).toBe(412);
    await t.http.post(`/contracts/${c.id}/submit`).set(writer).set('If-Match', '"1"').expect(200);
    expect((await t.http.post(`/contracts/${c.id}/approve`).set(writer)).body.code).toBe('missing_scope');
    const approved = await t.http.post(`/contracts/${c.id}/approve`).set(approver).expect(200);
    expect(approved.body.status).toBe('approved');

    const bad = await t.http.patch(`/contracts/${c.id}`).set(writer).send({ value: '1.00' });
    expect(bad.body).toMatchObject({ status: 409, code: 'terms_locked' });
    await t.http.patch(`/contracts/${c.id}`).set(writer).send({ tags: ['it', 'renewal'] }).expect(200);

    const first = await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: c.signers[0].id }).expect(200);
    expect(first.body).toMatchObject({ status: 'approved', fullySignedAt: null });
    expect((await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: c.signers[0].id })).body.code).toBe('already_signed');
    expect((await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' })).body.code).toBe('unknown_signer');
    const second = await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: c.signers[1].id }).expect(200);
    expect(second.body).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    expect(second.body.signers.every((s: { signedAt: string | null }) => s.signedAt)).toBe(true);

    const sigs = (await t.http.get(`/contracts/${c.id}/signatures`).set(reader).expect(200)).body.data;
    const v1 = (await t.http.get(`/contracts/${c.id}/versions/1`).set(reader).expect(200)).body;
    expect(sigs).toHaveLength(2);
    expect(sigs.map((s: { versionSha256: string }) => s.versionSha256)).toEqual([v1.sha256, v1.sha256]);
    expect(v1.locked).toBe(true);
    expect((await events(c.id, 'contracts.contract.signed')).length).toBe(2);
    expect((await events(c.id, 'contracts.contract.activated')).length).toBe(1);

    // Today the notice window (deadline − 30 days) opens: expiring + notice_due, once even when run twice in parallel and again.
    const runs = await Promise.all([lifecycle.runDaily(day(0)), lifecycle.runDaily(day(0))]);
    await lifecycle.runDaily(day(1));
    expect(runs.reduce((n, r) => n + r.noticeDue, 0)).toBeGreaterThanOrEqual(1);
    expect((await t.http.get(`/contracts/${c.id}`).set(reader)).body.status).toBe('expiring');
    expect(await events(c.id, 'contracts.contract.notice_due')).toEqual([{ payload: expect.objectContaining({ noticeDeadline: day(30), daysLeft: 30, renewalType: 'manual' }) }]);
    expect(await events(c.id, 'contracts.contract.expiring')).toHaveLength(1);

    const upcoming = await t.http.get('/contracts/upcoming').query({ within: '90d' }).set(reader).expect(200);
    const mine = upcoming.body.data.filter((i: { contractId: string }) => i.contractId === c.id).map((i: { kind: string; date: string }) => `${i.kind} ${i.date}`);
    expect(mine).toEqual([`notice_deadline ${day(30)}`, `end ${end}`, `renewal ${day(61)}`]);
    expect((await t.http.get('/contracts/upcoming').query({ within: '999d' }).set(reader)).status).toBe(422);

    const renewed = await t.http.post(`/contracts/${c.id}/renew`).set(writer).expect(200);
    expect(renewed.body).toMatchObject({ status: 'active', renewalCount: 1 });
    expect(renewed.body.endDate > end).toBe(true);
    expect(await events(c.id, 'contracts.contract.renewed')).toEqual([{ payload: expect.objectContaining({ renewalKind: 'manual', termNo: 2, termStartDate: day(61), termEndDate: renewed.body.endDate }) }]);
  });

  it('two signatures at once activate the contract exactly once; a manual renewal after the end date is refused', async () => {
    const c = await create({ endDate: day(-1), renewalType: 'manual', renewalTermMonths: 12 });
    await t.http.post(`/contracts/${c.id}/submit`).set(writer).expect(200);
    await t.http.post(`/contracts/${c.id}/approve`).set(approver).expect(200);
    const both = await Promise.all(c.signers.map((s: { id: string }) => t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: s.id })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await t.http.get(`/contracts/${c.id}`).set(reader)).body).toMatchObject({ status: 'active', version: 5 });
    expect(await events(c.id, 'contracts.contract.activated')).toHaveLength(1);
    const late = await t.http.post(`/contracts/${c.id}/renew`).set(writer);
    expect(late.body).toMatchObject({ status: 409, code: 'renewal_not_allowed', endDate: day(-1) });
    await lifecycle.runDaily(day(0));
    expect((await t.http.get(`/contracts/${c.id}`).set(reader)).body.status).toBe('expired');
  });

  it(`holds at most ${MAX_CONTRACT_VERSIONS} versions: the amendment past it is 422 naming effectiveDate`, async () => {
    const c = await activate({ startDate: day(-10), endDate: day(300) });
    await t.sql('UPDATE ctr_contracts SET current_version_no = $2 WHERE id = $1', [c.id, MAX_CONTRACT_VERSIONS - 1]);
    const last = await t.http.post(`/contracts/${c.id}/amendments`).set(writer).send({ effectiveDate: day(1), summary: 'The last one' });
    expect([last.status, last.body.currentVersionNo]).toEqual([201, MAX_CONTRACT_VERSIONS]);
    const over = await t.http.post(`/contracts/${c.id}/amendments`).set(writer).send({ effectiveDate: day(2), summary: 'One too many' });
    expect([over.status, over.body.code, over.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, 'validation_failed', ['effectiveDate']]);
    expect((await t.http.get(`/contracts/${c.id}`).set(reader)).body.currentVersionNo).toBe(MAX_CONTRACT_VERSIONS);
  });

  it('refuses what the columns cannot hold: a value beyond numeric(18, 2), an over-long tag, more than 20 tags', async () => {
    const send = (body: Record<string, unknown>) => t.http.post('/contracts').set(writer).send({ title: 'Limits', type: 'service', counterparty: party, startDate: day(0), ...body });
    const fields = (res: { status: number; body: { errors?: Array<{ field: string }> } }) => [res.status, [...new Set((res.body.errors ?? []).map((e) => e.field.split('.')[0]))]];
    expect(fields(await send({ value: '12345678901234567.00', currency: 'EUR' }))).toEqual([422, ['value']]);
    expect((await send({ value: '1234567890123456.00', currency: 'EUR' })).status).toBe(201);
    expect(fields(await send({ tags: ['x'.repeat(51)] }))).toEqual([422, ['tags']]);
    expect(fields(await send({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toEqual([422, ['tags']]);
  });

  it('a fully signed contract starting later stays approved until the daily job activates it on its start date', async () => {
    const c = await activate({ startDate: day(10), endDate: day(100) });
    expect(c).toMatchObject({ status: 'approved', fullySignedAt: expect.any(String), activatedAt: null });
    expect((await lifecycle.runDaily(day(9))).activated).toBe(0);
    await lifecycle.runDaily(day(10));
    expect((await t.http.get(`/contracts/${c.id}`).set(reader)).body.status).toBe('active');
    expect(await events(c.id, 'contracts.contract.activated')).toHaveLength(1);
  });

  it('renews an automatic contract across several terms in one run, and refuses a manual renew of it', async () => {
    const c = await activate({ startDate: '2024-01-01', termMonths: 12, renewalType: 'automatic', renewalTermMonths: 12, noticePeriod: { value: 3, unit: 'months' } });
    expect(c).toMatchObject({ status: 'active', endDate: '2024-12-31', noticeDeadline: '2024-09-30' });
    expect((await t.http.post(`/contracts/${c.id}/renew`).set(writer)).body.code).toBe('renewal_not_allowed');
    await lifecycle.runDaily('2027-03-01');
    await lifecycle.runDaily('2027-03-01');
    const after = (await t.http.get(`/contracts/${c.id}`).set(reader)).body;
    expect(after).toMatchObject({ status: 'active', endDate: '2027-12-31', noticeDeadline: '2027-09-30', nextRenewalDate: '2028-01-01', renewalCount: 3 });
    expect((await events(c.id, 'contracts.contract.renewed')).map((e) => e.payload.termEndDate)).toEqual(['2025-12-31', '2026-12-31', '2027-12-31']);
    const renewals = (await t.http.get(`/contracts/${c.id}/renewals`).set(reader).expect(200)).body.data;
    expect(renewals.map((r: { termNo: number; kind: string; startDate: string }) => `${r.termNo} ${r.kind} ${r.startDate}`)).toEqual(['2 automatic 2025-01-01', '3 automatic 2026-01-01', '4 automatic 2027-01-01']);
    // Renewals grow with every term: they come a page at a time.
    const first = (await t.http.get(`/contracts/${c.id}/renewals?limit=2`).set(reader).expect(200)).body;
    expect([first.data.map((r: { termNo: number }) => r.termNo), typeof first.nextCursor]).toEqual([[2, 3], 'string']);
    const rest = (await t.http.get(`/contracts/${c.id}/renewals?limit=2&cursor=${first.nextCursor}`).set(reader).expect(200)).body;
    expect([rest.data.map((r: { termNo: number }) => r.termNo), rest.nextCursor]).toEqual([[4], null]);
    // Later edits and amendments keep the renewed end date.
    await t.http.patch(`/contracts/${c.id}`).set(writer).send({ tags: ['renewed'] }).expect(200);
    const amended = await t.http.post(`/contracts/${c.id}/amendments`).set(writer).send({ value: '99.00', currency: 'EUR', effectiveDate: '2027-03-01', summary: 'Price' }).expect(201);
    expect(amended.body).toMatchObject({ endDate: '2027-12-31', noticeDeadline: '2027-09-30', value: '99.00', currentVersionNo: 2 });
  });

  it('expires a contract without renewal and terminates another; both refuse further actions', async () => {
    const ending = await activate({ startDate: '2025-01-01', endDate: '2025-06-30' });
    await lifecycle.runDaily('2025-07-01');
    expect((await t.http.get(`/contracts/${ending.id}`).set(reader)).body.status).toBe('expired');
    expect(await events(ending.id, 'contracts.contract.expired')).toHaveLength(1);

    const c = await activate({ endDate: day(300) });
    const res = await t.http.post(`/contracts/${c.id}/terminate`).set(writer).send({ terminationDate: day(10), reason: 'Mutual agreement' }).expect(200);
    expect(res.body).toMatchObject({ status: 'terminated', terminationDate: day(10), terminationReason: 'Mutual agreement', allowedActions: [] });
    expect(await events(c.id, 'contracts.contract.terminated')).toEqual([{ payload: expect.objectContaining({ status: 'terminated', reason: 'Mutual agreement' }) }]);
    for (const action of ['renew', 'submit', 'terminate']) {
      const refused = await t.http.post(`/contracts/${c.id}/${action}`).set(writer).send(action === 'terminate' ? { terminationDate: day(11), reason: 'again' } : undefined);
      expect(refused.body).toMatchObject({ status: 409, code: 'invalid_state_transition', currentState: 'terminated' });
    }
    expect((await t.http.post(`/contracts/${c.id}/amendments`).set(writer).send({ effectiveDate: day(1), summary: 'x' })).status).toBe(409);
  });

  it('round-trips a document with its checksum, refuses 413 and 415, and an amendment makes version 2 while version 1 stays intact', async () => {
    const c = await create({ value: '24000.00', currency: 'EUR', endDate: day(300) });
    const up = await t.http.post(`/contracts/${c.id}/versions/1/document`).set(writer).attach('file', PDF, { filename: 'contract.pdf', contentType: 'application/pdf' }).expect(201);
    expect(up.body).toMatchObject({ versionNo: 1, fileName: 'contract.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF) });
    const down = await t.http.get(`/contracts/${c.id}/versions/1/document`).set(reader).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (ch: Buffer) => chunks.push(ch));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    expect(down.headers['x-content-sha256']).toBe(sha256(PDF));
    expect(down.headers['content-type']).toMatch(/^application\/pdf/);

    const big = await t.http.post(`/contracts/${c.id}/versions/1/document`).set(writer).attach('file', Buffer.alloc(5 * 1024 * 1024 + 1, 1), { filename: 'big.pdf', contentType: 'application/pdf' });
    expect(big.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    const png = await t.http.post(`/contracts/${c.id}/versions/1/document`).set(writer).attach('file', Buffer.from('x'), { filename: 'a.png', contentType: 'image/png' });
    expect(png.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect((await t.http.get(`/contracts/${c.id}/versions/2/document`).set(reader)).status).toBe(404);

    await t.http.post(`/contracts/${c.id}/submit`).set(writer).expect(200);
    await t.http.post(`/contracts/${c.id}/approve`).set(approver).expect(200);
    for (const s of c.signers) await t.http.post(`/contracts/${c.id}/sign`).set(writer).send({ signerId: s.id }).expect(200);
    const before = (await t.http.get(`/contracts/${c.id}/versions/1`).set(reader)).body;
    expect(before).toMatchObject({ documentSha256: sha256(PDF), locked: true });

    const amended = await t.http.post(`/contracts/${c.id}/amendments`).set(writer).send({ value: '30000.00', endDate: day(400), effectiveDate: day(5), summary: 'Scope and price extended' }).expect(201);
    expect(amended.body).toMatchObject({ currentVersionNo: 2, value: '30000.00', endDate: day(400), status: 'active' });
    const versions = (await t.http.get(`/contracts/${c.id}/versions`).set(reader).expect(200)).body.data;
    expect(versions.map((v: { versionNo: number; kind: string }) => `${v.versionNo} ${v.kind}`)).toEqual(['1 original', '2 amendment']);
    expect(versions[0]).toEqual(before);
    expect(versions[0].terms).toMatchObject({ value: '24000.00', endDate: day(300) });
    expect(versions[1]).toMatchObject({ effectiveDate: day(5), summary: 'Scope and price extended', locked: false, documentSha256: null, terms: expect.objectContaining({ value: '30000.00' }) });
    expect((await events(c.id, 'contracts.contract.amended')).length).toBe(1);

    const locked = await t.http.post(`/contracts/${c.id}/versions/1/document`).set(writer).attach('file', PDF, { filename: 'other.pdf', contentType: 'application/pdf' });
    expect(locked.body).toMatchObject({ status: 409, code: 'version_locked' });
    await expect(t.sql(`UPDATE ctr_contract_versions SET summary = 'tampered' WHERE contract_id = $1 AND version_no = 1`, [c.id])).rejects.toThrow(/locked/);
    await t.http.post(`/contracts/${c.id}/versions/2/document`).set(writer).attach('file', PDF, { filename: 'amendment.pdf', contentType: 'application/pdf' }).expect(201);
  });

  it('billing: one draft invoice per period, also with two job runs in parallel; other contracts refuse schedules', async () => {
    const customer = await newCustomer(t);
    const tax = await newTaxCategory(t, 'S', '19.00');
    const series = await newSeries(t);
    const c = await activate({ title: 'Hosting', counterparty: { kind: 'customer', customerId: customer.id }, startDate: '2026-01-01', endDate: '2026-12-31', value: '1200.00', currency: 'EUR' });
    expect(c.counterparty).toMatchObject({ kind: 'customer', name: customer.legalName });
    const schedule = (await t.http.post(`/contracts/${c.id}/billing-schedules`).set(writer).send({ amount: '100.00', period: 'monthly', seriesId: series.id, taxCategoryId: tax.id }).expect(201)).body;
    expect(schedule).toMatchObject({ nextPeriodStart: '2026-01-01', currency: 'EUR' });

    const billing = t.app.get(BillingService);
    const [a, b] = await Promise.all([billing.runDue('2026-03-15'), billing.runDue('2026-03-15')]);
    expect(a.invoiced + b.invoiced).toBe(3);
    expect(a.failed + b.failed).toBe(0);
    expect((await billing.runDue('2026-03-15')).invoiced).toBe(0);
    const periods = (await t.http.get(`/contracts/billing-schedules/${schedule.id}/periods`).set(reader).expect(200)).body.data;
    expect(periods.map((p: { periodStart: string; periodEnd: string }) => `${p.periodStart}..${p.periodEnd}`)).toEqual(['2026-01-01..2026-01-31', '2026-02-01..2026-02-28', '2026-03-01..2026-03-31']);
    const invoices = await t.sql<{ id: string; status: string; payable_amount: string }>(`SELECT id, status, payable_amount FROM invc_invoices WHERE order_reference = $1`, [c.number]);
    expect(invoices).toHaveLength(3);
    expect(invoices.every((i) => i.status === 'draft' && Number(i.payable_amount) === 119)).toBe(true);
    expect(new Set(periods.map((p: { invoiceId: string }) => p.invoiceId))).toEqual(new Set(invoices.map((i) => i.id)));
    expect(await events(schedule.id, 'contracts.billing_period.invoiced')).toHaveLength(3);

    const nda = await create({ type: 'nda' });
    const refused = await t.http.post(`/contracts/${nda.id}/billing-schedules`).set(writer).send({ amount: '100.00', period: 'monthly', seriesId: series.id, taxCategoryId: tax.id });
    expect(refused.body).toMatchObject({ status: 422, code: 'billing_not_allowed' });
  });

  it('obligations: overdue flag and filter, completion, recurring ones move on', async () => {
    const c = await create({ endDate: day(300) });
    const overdue = (await t.http.post(`/contracts/${c.id}/obligations`).set(writer).send({ description: 'Send insurance certificate', responsibleParty: 'counterparty', dueDate: day(-1) }).expect(201)).body;
    const recurring = (await t.http.post(`/contracts/${c.id}/obligations`).set(writer).send({ kind: 'milestone', description: 'Quarterly review', responsibleParty: 'internal', dueDate: '2026-03-31', recurrence: 'quarterly', amount: '500.00', currency: 'EUR' }).expect(201)).body;
    expect(overdue).toMatchObject({ status: 'open', overdue: true });
    const list = await t.http.get('/contracts/obligations').query({ overdue: 'true' }).set(reader).expect(200);
    expect(list.body.data.map((o: { id: string }) => o.id)).toContain(overdue.id);
    const done = await t.http.post(`/contracts/obligations/${overdue.id}/complete`).set(writer).set('If-Match', '"1"').expect(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    expect((await t.http.post(`/contracts/obligations/${overdue.id}/miss`).set(writer)).body.code).toBe('invalid_state_transition');
    const next = await t.http.post(`/contracts/obligations/${recurring.id}/complete`).set(writer).expect(200);
    expect(next.body).toMatchObject({ status: 'open', dueDate: '2026-06-30' });
    const missed = await t.http.post(`/contracts/obligations/${recurring.id}/miss`).set(writer).expect(200);
    expect(missed.body).toMatchObject({ status: 'open', dueDate: '2026-09-30' });
    expect(await events(recurring.id, 'contracts.obligation.missed')).toEqual([{ payload: expect.objectContaining({ status: 'missed', dueDate: '2026-06-30' }) }]);
    const own = await t.http.get(`/contracts/${c.id}/obligations`).set(reader).expect(200);
    expect(own.body.data.map((o: { id: string }) => o.id).sort()).toEqual([recurring.id, overdue.id].sort());
    expect(await events(recurring.id, 'contracts.obligation.completed')).toHaveLength(1);
  });

  it('numbers contracts gaplessly, also in parallel; validates counterparties and signers; lists with filters', async () => {
    const made = await Promise.all([1, 2, 3, 4, 5].map(() => create({ tags: ['batch'] })));
    const seq = made.map((c) => Number(c.number.slice(-4))).sort((a, b) => a - b);
    expect(seq).toEqual([seq[0], seq[0] + 1, seq[0] + 2, seq[0] + 3, seq[0] + 4]);

    const unknown = await t.http.post('/contracts').set(writer).send({ title: 'X', type: 'customer', counterparty: { kind: 'customer', customerId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }, startDate: '2026-01-01' });
    expect(unknown.body).toMatchObject({ status: 422, code: 'invalid_counterparty', errors: [{ field: 'counterparty.customerId' }] });
    const both = await t.http.post('/contracts').set(writer).send({ title: 'X', type: 'other', counterparty: party, startDate: '2026-01-01', endDate: '2026-12-31', termMonths: 12 });
    expect(both.status).toBe(422);
    const noSigners = await create({ signers: [] });
    expect((await t.http.post(`/contracts/${noSigners.id}/submit`).set(writer)).body.code).toBe('signers_required');
    const back = await create({});
    await t.http.post(`/contracts/${back.id}/submit`).set(writer).expect(200);
    expect((await t.http.post(`/contracts/${back.id}/return`).set(approver).expect(200)).body.status).toBe('draft');
    expect((await t.http.post('/contracts').set(reader).send({})).body.code).toBe('missing_scope');
    expect((await t.http.get('/contracts/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10').set(reader)).status).toBe(404);

    const page1 = await t.http.get('/contracts').query({ tag: 'batch', limit: 3, sort: 'number' }).set(reader).expect(200);
    const page2 = await t.http.get('/contracts').query({ tag: 'batch', limit: 3, sort: 'number', cursor: page1.body.nextCursor }).set(reader).expect(200);
    expect([...page1.body.data, ...page2.body.data].map((c: { id: string }) => c.id).sort()).toEqual(made.map((c) => c.id).sort());
    expect(page2.body.nextCursor).toBeNull();
    const drafts = await t.http.get('/contracts').query({ status: 'draft', type: 'service', tag: 'batch' }).set(reader).expect(200);
    expect(drafts.body.data).toHaveLength(5);

    await t.http.delete(`/contracts/${made[0].id}`).set(writer).set('If-Match', '"1"').expect(204);
    expect((await t.http.get(`/contracts/${made[0].id}`).set(reader)).status).toBe(404);
  });

  it('drafts an employment contract once per hire (hr.employee.hired), even when the event is delivered again', async () => {
    const dispatcher = t.app.get(OutboxDispatcher);
    await dispatcher.dispatchPending();
    const e = await newEmployee(t, { hireDate: '2026-02-01' });
    await dispatcher.dispatchPending();
    const find = () => t.http.get('/contracts').query({ employeeId: e.id }).set(reader);
    const first = (await find()).body.data;
    expect(first).toEqual([expect.objectContaining({ type: 'employment', status: 'draft', startDate: '2026-02-01', counterparty: expect.objectContaining({ kind: 'employee', employeeId: e.id }) })]);
    // Redelivery: the event is handed out again as if its consumption had been lost.
    await t.sql(`DELETE FROM event_consumptions WHERE event_id IN (SELECT id FROM outbox_events WHERE topic = 'hr.employee.hired' AND aggregate_id = $1)`, [e.id]);
    await t.sql(`UPDATE outbox_events SET dispatched_at = NULL WHERE topic = 'hr.employee.hired' AND aggregate_id = $1`, [e.id]);
    await dispatcher.dispatchPending();
    expect((await find()).body.data).toHaveLength(1);
  });

  it('defines every contracts event, and every payload written above matches its JSON Schema', async () => {
    const topics = eventTypes().map((d) => d.topic).filter((x) => x.startsWith('contracts.'));
    expect(topics).toEqual(expect.arrayContaining(['contracts.contract.submitted', 'contracts.contract.approved', 'contracts.contract.signed', 'contracts.contract.activated', 'contracts.contract.renewed', 'contracts.contract.expired', 'contracts.contract.terminated', 'contracts.contract.amended', 'contracts.contract.notice_due', 'contracts.contract.expiring', 'contracts.obligation.completed', 'contracts.billing_period.invoiced']));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const rows = await t.sql<{ topic: string; payload: unknown }>(`SELECT topic, payload FROM outbox_events WHERE topic LIKE 'contracts.%'`);
    expect(new Set(rows.map((r) => r.topic)).size).toBeGreaterThanOrEqual(15);
    for (const row of rows) {
      const validate = ajv.compile(eventType(row.topic)!.schema);
      expect([row.topic, validate(row.payload) ? 'valid' : ajv.errorsText(validate.errors)]).toEqual([row.topic, 'valid']);
    }
    expect(admin).toBeDefined();
  });
});

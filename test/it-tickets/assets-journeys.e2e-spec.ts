import { createHash } from 'node:crypto';
import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
import { newEmployee } from '../support/factories';
import { act, ONBOARDING, post, setNow } from '../support/it-tickets';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('IT assets, license seats, hire/exit tickets and attachments', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let dispatcher: OutboxDispatcher;
  let n = 0;
  const tag = (p: string) => `${p}-${Date.now().toString(36).toUpperCase()}${n++}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    dispatcher = t.app.get(OutboxDispatcher);
  });
  afterAll(async () => {
    setNow(t, null);
    await t.close();
  });

  const asset = (overrides: Record<string, unknown> = {}) => post(t, '/it/assets', { assetTag: tag('LT'), model: 'ThinkPad T14', category: 'laptop', purchaseDate: '2026-03-01', purchaseCost: '1499.00', currency: 'EUR', ...overrides });
  const checkOut = (id: string, employeeId: string) => t.http.post(`/it/assets/${id}/check-out`).set(admin).send({ employeeId });

  it('checks assets out and in, with history, and refuses assigned or retired ones', async () => {
    const e1 = await newEmployee(t);
    const e2 = await newEmployee(t);
    const laptop = await asset();
    expect(laptop).toMatchObject({ status: 'in_stock', holderId: null, purchaseCost: '1499.00', currency: 'EUR', seats: null });
    expect((await checkOut(laptop.id, e1.id)).body).toMatchObject({ status: 'assigned', holderId: e1.id, version: 2 });
    const taken = await checkOut(laptop.id, e2.id);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'asset_not_available', holderId: e1.id });
    const wrong = await t.http.post(`/it/assets/${laptop.id}/check-in`).set(admin).send({ employeeId: e2.id });
    expect(wrong.body.code).toBe('asset_not_held');
    await t.http.post(`/it/assets/${laptop.id}/check-in`).set(admin).send({}).expect(200);
    await t.http.post(`/it/assets/${laptop.id}/retire`).set(admin).expect(200);
    const retired = await checkOut(laptop.id, e2.id);
    expect(retired.status).toBe(409);
    expect(retired.body).toMatchObject({ code: 'asset_not_available', status: 'retired' });
    const again = await t.http.post(`/it/assets/${laptop.id}/send-to-repair`).set(admin);
    expect(again.body.code).toBe('invalid_state_transition');
    const history = (await t.http.get(`/it/assets/${laptop.id}/assignments`).set(admin).expect(200)).body.data;
    expect(history).toEqual([expect.objectContaining({ employeeId: e1.id, checkedInAt: expect.any(String) })]);
    const dup = await t.http.post('/it/assets').set(admin).send({ assetTag: laptop.assetTag, model: 'x', category: 'phone' });
    expect(dup.status).toBe(409);
    const noSeats = await t.http.post('/it/assets').set(admin).send({ assetTag: tag('LIC'), model: 'Figma', category: 'license' });
    expect(noSeats.status).toBe(422);
  });

  it('gives the last license seat to exactly one of two parallel requests', async () => {
    const people = await Promise.all([newEmployee(t), newEmployee(t), newEmployee(t)]);
    const license = await asset({ assetTag: tag('LIC'), model: 'Figma Professional', category: 'license', seats: 2 });
    expect((await checkOut(license.id, people[0].id)).body).toMatchObject({ seatsUsed: 1, status: 'in_stock' });
    const race = await Promise.all([checkOut(license.id, people[1].id), checkOut(license.id, people[2].id)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(race.find((r) => r.status === 409)!.body.code).toBe('no_seat_available');
    const [{ used }] = await t.sql<{ used: string }>(`SELECT count(*) AS used FROM it_asset_assignments WHERE asset_id = $1 AND checked_in_at IS NULL`, [license.id]);
    expect(Number(used)).toBe(2);
    await t.http.post(`/it/assets/${license.id}/check-in`).set(admin).send({ employeeId: people[0].id }).expect(200);
    expect((await t.http.get(`/it/assets/${license.id}`).set(admin)).body.seatsUsed).toBe(1);
  });

  it('a hire raises one onboarding ticket, even when the event is delivered twice, and resolving it completes the HR task', async () => {
    await dispatcher.dispatchPending();
    setNow(t, '2026-12-01T10:00:00Z');
    const backfilled = await newEmployee(t, { hireDate: '2026-01-05' }); // started long ago: nothing to prepare
    const hire = await newEmployee(t, { hireDate: '2027-01-04' });
    // A duplicated delivery: the same event published twice (a second outbox row).
    await t.sql(
      `INSERT INTO outbox_events (id, topic, aggregate_type, aggregate_id, payload, request_id, occurred_at, available_at, attempts)
       SELECT gen_random_uuid(), topic, aggregate_type, aggregate_id, payload, request_id, occurred_at, available_at, 0 FROM outbox_events
        WHERE topic = 'hr.employee.hired' AND aggregate_id = $1`,
      [hire.id],
    );
    await Promise.all([dispatcher.dispatchPending(), dispatcher.dispatchPending()]);
    const tickets = (await t.http.get('/it/tickets').query({ groupId: ONBOARDING, type: 'onboarding', limit: 200 }).set(admin)).body.data.filter((x: { subjectEmployeeId: string }) => x.subjectEmployeeId === hire.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ type: 'onboarding', groupId: ONBOARDING, dueDate: '2027-01-03' });
    expect(tickets[0].description).toMatch(/laptop/);
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM it_tickets WHERE subject_employee_id = $1`, [backfilled.id]);
    expect(Number(n)).toBe(0);

    const template = await post(t, '/hr/checklist-templates', { name: 'Joiner', kind: 'onboarding', tasks: [{ title: 'Laptop and accounts', ownerRole: 'it', dueOffsetDays: -1, kind: 'it_ticket' }] });
    const journey = await post(t, `/hr/employees/${hire.id}/onboarding`, { templateId: template.id });
    await dispatcher.dispatchPending();
    await act(t, tickets[0].id, 'resolve');
    const after = (await t.http.get(`/hr/journeys/${journey.id}`).set(admin)).body;
    expect(after.tasks[0]).toMatchObject({ status: 'done' });
  });

  it('a termination raises an offboarding ticket listing held assets; it closes only once they are back or lost', async () => {
    const leaver = await newEmployee(t);
    const laptop = await asset();
    const phone = await asset({ assetTag: tag('PH'), model: 'iPhone 15', category: 'phone' });
    const license = await asset({ assetTag: tag('LIC'), model: 'Adobe CC', category: 'license', seats: 5 });
    for (const a of [laptop, phone, license]) expect((await checkOut(a.id, leaver.id)).status).toBe(200);
    await t.http.post(`/hr/employees/${leaver.id}/terminate`).set(admin).send({ terminationDate: '2027-03-31', reason: 'Resigned' }).expect(200);
    await dispatcher.dispatchPending();
    await dispatcher.dispatchPending();
    const [ticket] = (await t.http.get('/it/tickets').query({ type: 'offboarding', limit: 200 }).set(admin)).body.data.filter((x: { subjectEmployeeId: string }) => x.subjectEmployeeId === leaver.id);
    expect(ticket).toMatchObject({ dueDate: '2027-03-31', groupId: ONBOARDING });
    expect([...ticket.assetIds].sort()).toEqual([laptop.id, phone.id, license.id].sort());
    for (const a of [laptop, phone, license]) expect(ticket.description).toContain(a.assetTag);
    expect(ticket.description).toMatch(/VPN/);

    await act(t, ticket.id, 'resolve');
    const early = await t.http.post(`/it/tickets/${ticket.id}/close`).set(admin);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('offboarding_assets_outstanding');
    expect([...early.body.assetTags].sort()).toEqual([laptop.assetTag, phone.assetTag, license.assetTag].sort());
    await t.http.post(`/it/assets/${laptop.id}/check-in`).set(admin).send({}).expect(200);
    await t.http.post(`/it/assets/${phone.id}/mark-lost`).set(admin).expect(200);
    await t.http.post(`/it/assets/${license.id}/check-in`).set(admin).send({ employeeId: leaver.id }).expect(200);
    expect((await act(t, ticket.id, 'close')).status).toBe('closed');
  });

  it('attachments round-trip with their checksum; a file over the desk limit is 413', async () => {
    const requester = await newEmployee(t);
    const ticket = await post(t, '/it/tickets', { title: 'Printer', type: 'incident', category: 'printing', impact: 3, urgency: 3, requesterId: requester.id });
    const content = Buffer.from('%PDF-1.4 error log\n'.repeat(100));
    const sha = createHash('sha256').update(content).digest('hex');
    const up = await t.http.post(`/it/tickets/${ticket.id}/attachments`).set(admin).attach('file', content, { filename: 'log.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: 'log.pdf', contentType: 'application/pdf', sizeBytes: content.length, sha256: sha });
    const down = await t.http.get(`/it/tickets/${ticket.id}/attachments/${up.body.id}/content`).set(admin).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toMatch(/application\/pdf/);
    expect(down.headers['x-content-sha256']).toBe(sha);
    expect(Buffer.compare(down.body as Buffer, content)).toBe(0);
    const listed = (await t.http.get(`/it/tickets/${ticket.id}/attachments`).set(admin)).body.data;
    expect(listed.map((a: { sha256: string }) => a.sha256)).toEqual([sha]);

    const settings = (await t.http.get('/it/settings').set(admin)).body;
    await t.http.patch('/it/settings').set(admin).send({ attachmentMaxBytes: 1024 }).expect(200);
    const big = await t.http.post(`/it/tickets/${ticket.id}/attachments`).set(admin).attach('file', content, { filename: 'log.pdf', contentType: 'application/pdf' });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    await t.http.patch('/it/settings').set(admin).send({ attachmentMaxBytes: settings.attachmentMaxBytes }).expect(200);
    const reader = await t.key(['it:read']);
    const forbidden = await t.http.post(`/it/tickets/${ticket.id}/attachments`).set(bearer(reader)).attach('file', content, { filename: 'log.pdf', contentType: 'application/pdf' });
    expect(forbidden.status).toBe(403);
  });
});

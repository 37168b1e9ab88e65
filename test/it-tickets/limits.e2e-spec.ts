import { MAX_IT_GROUPS } from '../../src/modules/it-tickets/desk/dto/desk.dto';
import { newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** The bounds the IT documents are enforced, not just stated (OWASP API4). */
describe('IT tickets: enforced limits', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const fields = (res: { status: number; body: { code?: string; errors?: Array<{ field: string }> } }) => [res.status, res.body.code, [...new Set((res.body.errors ?? []).map((e) => e.field.split('.')[0]))]];

  it('a ticket refuses an over-long tag, more than 20 tags, an over-long title; the limits hold on update too', async () => {
    const requester = await newEmployee(t);
    const ticket = { title: 'Printer jam', type: 'incident', category: 'hardware', impact: 3, urgency: 3, requesterId: requester.id };
    expect(fields(await t.http.post('/it/tickets').set(admin).send({ ...ticket, tags: ['x'.repeat(41)] }))).toEqual([422, 'validation_failed', ['tags']]);
    expect(fields(await t.http.post('/it/tickets').set(admin).send({ ...ticket, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toEqual([422, 'validation_failed', ['tags']]);
    expect(fields(await t.http.post('/it/tickets').set(admin).send({ ...ticket, title: 'x'.repeat(201) }))).toEqual([422, 'validation_failed', ['title']]);
    const ok = await t.http.post('/it/tickets').set(admin).send({ ...ticket, tags: ['x'.repeat(40), ...Array.from({ length: 19 }, (_, i) => `t${i}`)] });
    expect([ok.status, ok.body.tags.length]).toEqual([201, 20]);
    expect(fields(await t.http.patch(`/it/tickets/${ok.body.id}`).set(admin).send({ tags: ['y'.repeat(41)] }))).toEqual([422, 'validation_failed', ['tags']]);
  });

  it(`at most ${MAX_IT_GROUPS} groups exist (the SLA report has a row per group): two racing for the last place, one wins`, async () => {
    await t.sql(
      `INSERT INTO it_groups (id, code, name, version, created_at, updated_at)
       SELECT gen_random_uuid(), 'CAP-' || n, 'Cap ' || n, 1, now(), now() FROM generate_series(1, $1::int - (SELECT count(*)::int FROM it_groups)) n`,
      [MAX_IT_GROUPS - 1],
    );
    const [a, b] = await Promise.all(['LAST-A', 'LAST-B'].map((code) => t.http.post('/it/groups').set(admin).send({ code, name: code })));
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    expect(fields(a.status === 422 ? a : b)).toEqual([422, 'validation_failed', ['code']]);
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM it_groups'))[0].n).toBe(MAX_IT_GROUPS);
  });
});

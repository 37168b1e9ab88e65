import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Every state change publishes a catalogued event: webhook subscriptions and contract drafts too. */
describe('change events of webhook subscriptions and contract drafts', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const topics = (aggregateId: string) =>
    t.sql<{ topic: string; payload: Record<string, unknown> }>('SELECT topic, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [aggregateId]);

  it('a subscription\'s create, update, rotation and delete are events, and no event carries a secret', async () => {
    const created = await t.http.post('/webhooks/subscriptions').set(admin).send({ url: 'https://hooks.example.com/ev', eventTypes: ['hr.*'], active: false });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await t.http.patch(`/webhooks/subscriptions/${id}`).set(admin).send({ description: 'Payroll system' })).status).toBe(200);
    const rotated = await t.http.post(`/webhooks/subscriptions/${id}/rotate-secret`).set(admin).send({ overlapSeconds: 60 });
    expect(rotated.status).toBe(200);
    expect((await t.http.delete(`/webhooks/subscriptions/${id}`).set(admin)).status).toBe(204);
    const events = await topics(id);
    expect(events.map((e) => e.topic)).toEqual([
      'integrations.webhook_subscription.created',
      'integrations.webhook_subscription.updated',
      'integrations.webhook_subscription.secret_rotated',
      'integrations.webhook_subscription.deleted',
    ]);
    expect(events[1].payload).toMatchObject({ subscriptionId: id, description: 'Payroll system', changedFields: ['description'] });
    expect(typeof events[2].payload.previousSecretExpiresAt).toBe('string');
    const all = JSON.stringify(events);
    expect(all).not.toContain(created.body.secret);
    expect(all).not.toContain(rotated.body.secret);
  });

  it('a contract draft\'s create, update and delete are events', async () => {
    const created = await t.http.post('/contracts').set(admin).send({ title: 'Events NDA', type: 'nda', counterparty: { kind: 'party', name: 'Initech LLC' }, startDate: '2026-01-01', termMonths: 12 });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await t.http.patch(`/contracts/${id}`).set(admin).send({ title: 'Events NDA (mutual)' })).status).toBe(200);
    expect((await t.http.delete(`/contracts/${id}`).set(admin)).status).toBe(204);
    const events = await topics(id);
    expect(events.map((e) => [e.topic, e.payload.title])).toEqual([
      ['contracts.contract.created', 'Events NDA'],
      ['contracts.contract.updated', 'Events NDA (mutual)'],
      ['contracts.contract.deleted', 'Events NDA (mutual)'],
    ]);
  });
});

import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
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

  it('a redelivery and a replay are events: about the new delivery, and about the subscription with what was queued', async () => {
    const sub = await t.http.post('/webhooks/subscriptions').set(admin).send({ url: 'https://hooks.example.com/again', eventTypes: ['inventory.warehouse.created'] });
    expect(sub.status).toBe(201);
    const [{ now: from }] = await t.sql<{ now: Date }>('SELECT now() AS now');
    const w = await t.http.post('/inventory/warehouses').set(admin).send({ code: 'EVHOOK1', name: 'Webhook events warehouse' });
    expect(w.status).toBe(201);
    await t.app.get(OutboxDispatcher).dispatchPending();
    const [{ now: to }] = await t.sql<{ now: Date }>('SELECT now() AS now');
    const listed = await t.http.get(`/webhooks/subscriptions/${sub.body.id}/deliveries`).set(admin);
    expect(listed.body.data.map((d: { eventType: string; aggregateId: string }) => [d.eventType, d.aggregateId])).toEqual([['inventory.warehouse.created', w.body.id]]);
    const original = listed.body.data[0] as { id: string; eventId: string };

    const again = await t.http.post(`/webhooks/deliveries/${original.id}/redeliver`).set(admin);
    expect(again.status).toBe(202);
    expect(await topics(again.body.id)).toEqual([
      {
        topic: 'integrations.webhook_delivery.redelivered',
        payload: { deliveryId: again.body.id, redeliveryOf: original.id, subscriptionId: sub.body.id, eventId: original.eventId, eventType: 'inventory.warehouse.created' },
      },
    ]);

    const replay = await t.http.post(`/webhooks/subscriptions/${sub.body.id}/replay`).query({ from: from.toISOString(), to: new Date(to.getTime() + 1).toISOString() }).set(admin);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ queued: 1, nextFrom: null });
    const events = await topics(sub.body.id);
    expect(events.map((e) => e.topic)).toEqual(['integrations.webhook_subscription.created', 'integrations.webhook_subscription.replayed']);
    expect(events[1].payload).toEqual({ subscriptionId: sub.body.id, from: from.toISOString(), to: new Date(to.getTime() + 1).toISOString(), queued: 1, nextFrom: null });
    // A range refused as invalid announces nothing.
    expect((await t.http.post(`/webhooks/subscriptions/${sub.body.id}/replay`).query({ from: to.toISOString(), to: from.toISOString() }).set(admin)).status).toBe(422);
    expect(await topics(sub.body.id)).toHaveLength(2);
  });
});

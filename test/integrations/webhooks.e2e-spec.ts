import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '../../src/config/app-config';
import { HR_EVENT_TOPICS } from '../../src/modules/hr';
import { INTEGRATIONS_EVENT_TOPICS, WebhookDeliveryWorker } from '../../src/modules/integrations';
import { INVENTORY_EVENT_TOPICS } from '../../src/modules/inventory';
import { INVOICING_EVENT_TOPICS } from '../../src/modules/invoicing';
import { WebhookSender, publicOnlyLookup } from '../../src/modules/integrations/webhooks/webhook-sender';
import { EVENT_TYPE_LIMITS } from '../../src/modules/integrations/webhooks/dto/webhook.dto';
import { TransactionalConnection } from '../../src/platform/database/transactional-connection';
import { EventBus } from '../../src/platform/events/event-bus';
import { eventTypes } from '../../src/platform/events/event-types';
import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
import { newItem, newWarehouse, receive } from '../support/inventory';
import { bearer, createTestApp, startApp, TestApp } from '../support/test-app';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Planned {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A real HTTP receiver on loopback: records every request, answers from a per-path plan (204 when the plan is empty). */
class Receiver {
  readonly received: Received[] = [];
  readonly plans = new Map<string, Planned[]>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const plan = this.plans.get(path)?.shift() ?? { status: 204 };
        const answer = () => {
          if (res.destroyed) return;
          res.writeHead(plan.status, plan.headers ?? {});
          res.end(plan.body ?? '');
        };
        if (plan.delayMs) setTimeout(answer, plan.delayMs).unref();
        else answer();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const ENV = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SCHEDULE: '0,0,0', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_DISABLE_AFTER_DAYS: '5' };

describe('webhooks (Standard Webhooks deliveries from the outbox)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  const receiver = new Receiver();
  let warehouse: { binA: string };

  beforeAll(async () => {
    t = await createTestApp(ENV);
    admin = bearer(t.adminKey);
    await receiver.start();
    warehouse = await newWarehouse(t);
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });
  afterEach(async () => {
    await t.sql(`DELETE FROM webhook_subscriptions`);
    await t.app.get(OutboxDispatcher).dispatchPending();
  });

  /** Outbox → deliveries → HTTP, as the background loops do (they are off in tests). */
  const pump = async (app = t.app) => {
    await app.get(OutboxDispatcher).dispatchPending();
    return app.get(WebhookDeliveryWorker).deliverDue();
  };

  const subscribe = async (path: string, eventTypes: string[] = ['inventory.stock.received']) => {
    const res = await t.http.post('/webhooks/subscriptions').set(admin).send({ url: receiver.url(path), eventTypes, description: `test ${path}` });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; version: number };
  };

  const deliveries = async (subscriptionId: string) => {
    const res = await t.http.get(`/webhooks/subscriptions/${subscriptionId}/deliveries`).set(admin);
    expect(res.status).toBe(200);
    return res.body.data as Array<{ id: string; eventId: string; status: string; attempts: number; origin: string; attemptLog: Array<{ statusCode: number | null; outcome: string; durationMs: number; responseExcerpt: string | null; error: string | null }> }>;
  };

  const receipt = async (itemId?: string) => {
    const id = itemId ?? (await newItem(t)).id;
    const [m] = await receive(t, id, warehouse.binA, '5', '2.5000');
    return { itemId: id, moveId: m.id };
  };

  describe('event catalogue', () => {
    it('lists every event type with a JSON Schema that compiles, in the API and the OpenAPI document', async () => {
      const res = await t.http.get('/webhooks/event-types').set(admin);
      expect(res.status).toBe(200);
      const types = res.body.data as Array<{ type: string; description: string; aggregateType: string; schema: object }>;
      expect(types.map((x) => x.type)).toEqual(eventTypes().map((x) => x.topic));
      // The 37 topics of hr, inventory and invoicing, plus this module's own.
      for (const topic of ['hr.employee.hired', 'hr.journey.cancelled', 'inventory.stock.received', 'inventory.purchase_order.cancelled', 'invoicing.invoice.issued', 'integrations.webhook_subscription.disabled']) {
        expect(types.some((x) => x.type === topic)).toBe(true);
      }
      const declared = [...HR_EVENT_TOPICS, ...INVENTORY_EVENT_TOPICS, ...INVOICING_EVENT_TOPICS, ...INTEGRATIONS_EVENT_TOPICS];
      expect(declared.length).toBeGreaterThanOrEqual(38);
      expect(declared.filter((topic) => !types.some((x) => x.type === topic))).toEqual([]);
      const ajv = new Ajv({ strict: false });
      addFormats(ajv);
      // The bounds EventTypeListDto documents hold for the whole catalogue.
      expect(types.length).toBeLessThanOrEqual(EVENT_TYPE_LIMITS.types);
      for (const x of types) {
        expect(x.description.length).toBeGreaterThan(10);
        expect([x.type.length <= EVENT_TYPE_LIMITS.name, x.description.length <= EVENT_TYPE_LIMITS.description, x.aggregateType.length <= EVENT_TYPE_LIMITS.aggregateType]).toEqual([true, true, true]);
        expect(x.schema).toMatchObject({ type: 'object', additionalProperties: false });
        expect(() => ajv.compile(x.schema)).not.toThrow();
      }
      const doc = (await t.http.get('/docs-json')).body;
      expect(doc.components.schemas['Event_invoicing.invoice.issued']).toMatchObject({ type: 'object', 'x-event-type': 'invoicing.invoice.issued' });
      expect(doc.components.schemas['Event_hr.employee.hired'].properties.departmentId).toEqual({ type: 'string', format: 'uuid', maxLength: 36, nullable: true });
    });

    it('refuses to publish an event type that has no definition', async () => {
      const bus = t.app.get(EventBus);
      await expect(t.app.get(TransactionalConnection).withTransaction(() => bus.publish('hr.nothing.happened' as never, { type: 'x', id: '1' }, {} as never))).rejects.toThrow(/has no definition/);
    });

    it('needs webhooks:read', async () => {
      const key = await t.key(['hr:read']);
      const res = await t.http.get('/webhooks/event-types').set(bearer(key));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('missing_scope');
    });
  });

  describe('subscriptions', () => {
    it('shows the secret once, validates targets and event types, and needs webhooks:write', async () => {
      const s = await subscribe('/crud', ['hr.*', 'invoicing.invoice.issued']);
      expect(s.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
      const got = await t.http.get(`/webhooks/subscriptions/${s.id}`).set(admin);
      expect(got.status).toBe(200);
      expect(got.body.secret).toBeUndefined();
      expect(got.body).toMatchObject({ eventTypes: ['hr.*', 'invoicing.invoice.issued'], active: true });

      const post = (body: object) => t.http.post('/webhooks/subscriptions').set(admin).send({ eventTypes: ['hr.*'], ...body });
      for (const url of ['http://hooks.example.com/in', 'https://10.0.0.7/in', 'https://192.168.1.20/in', 'https://169.254.169.254/latest', 'https://[::1]/in', 'https://[fe80::1]/in', 'https://localhost/in']) {
        const res = await post({ url });
        expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 422, code: 'webhook_target_not_allowed' });
      }
      const unknown = await post({ url: 'https://hooks.example.com/in', eventTypes: ['hr.employee.promoted', 'payroll_x.*', 'hr.*'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('unknown_event_type');
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['eventTypes[0]', 'eventTypes[1]']);
      expect((await post({ url: 'https://hooks.example.com/in', eventTypes: [] })).body.code).toBe('validation_failed');

      const reader = await t.key(['webhooks:read']);
      const denied = await t.http.post('/webhooks/subscriptions').set(bearer(reader)).send({ url: 'https://hooks.example.com/in', eventTypes: ['hr.*'] });
      expect(denied.status).toBe(403);

      const patched = await t.http.patch(`/webhooks/subscriptions/${s.id}`).set(admin).set('If-Match', '"1"').send({ active: false, eventTypes: ['inventory.*'] });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ active: false, eventTypes: ['inventory.*'], version: 2 });
      expect((await t.http.patch(`/webhooks/subscriptions/${s.id}`).set(admin).set('If-Match', '"1"').send({ active: true })).status).toBe(412);
      expect((await t.http.delete(`/webhooks/subscriptions/${s.id}`).set(admin)).status).toBe(204);
      expect((await t.http.get(`/webhooks/subscriptions/${s.id}`).set(admin)).status).toBe(404);
    });
  });

  describe('delivery', () => {
    it('sends a signed Standard Webhooks message that the standardwebhooks package verifies', async () => {
      const s = await subscribe('/signed');
      const { itemId, moveId } = await receipt();
      expect(await pump()).toBe(1);
      const [req] = receiver.at('/signed');
      const [outbox] = await t.sql<{ id: string }>(`SELECT id FROM outbox_events WHERE topic = 'inventory.stock.received' AND payload->>'moveId' = $1`, [moveId]);
      expect(req.headers['webhook-id']).toBe(outbox.id);
      expect(req.headers['content-type']).toBe('application/json');
      const verified = new Webhook(s.secret).verify(req.body, req.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };
      expect(verified.type).toBe('inventory.stock.received');
      expect(verified.data).toMatchObject({ moveId, itemId, kind: 'receipt', quantity: '5.000', toLocationId: warehouse.binA });
      expect(new Date(verified.timestamp).toISOString()).toBe(verified.timestamp);
      const otherSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      expect(() => new Webhook(otherSecret).verify(req.body, req.headers as Record<string, string>)).toThrow();

      const [d] = await deliveries(s.id);
      expect(d).toMatchObject({ eventId: outbox.id, status: 'succeeded', attempts: 1, origin: 'event' });
      expect(d.attemptLog).toEqual([expect.objectContaining({ statusCode: 204, outcome: 'succeeded' })]);
      expect(d.attemptLog[0].durationMs).toBeGreaterThanOrEqual(0);
      // Dispatching again sends nothing twice.
      expect(await pump()).toBe(0);
    });

    it('retries a failing receiver (5xx, slow) with the same webhook-id until it succeeds, logging each attempt with a capped excerpt', async () => {
      const s = await subscribe('/flaky');
      receiver.plans.set('/flaky', [{ status: 500, body: 'x'.repeat(10_000) }, { status: 200, delayMs: 3000 }, { status: 503, body: 'busy' }, { status: 200, body: 'ok' }]);
      await receipt();
      await pump();
      const reqs = receiver.at('/flaky');
      expect(reqs).toHaveLength(4);
      expect(new Set(reqs.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const [d] = await deliveries(s.id);
      expect(d).toMatchObject({ status: 'succeeded', attempts: 4 });
      expect(d.attemptLog.map((a) => [a.statusCode, a.outcome])).toEqual([[500, 'retry'], [null, 'retry'], [503, 'retry'], [200, 'succeeded']]);
      expect(d.attemptLog[0].responseExcerpt).toHaveLength(2048);
      expect(d.attemptLog[1].error).toMatch(/timed out/);
      expect(d.attemptLog[1].durationMs).toBeLessThan(2500);
      expect(d.attemptLog[3].responseExcerpt).toBe('ok');
    });

    it('gives up on 4xx at once and after the last retry otherwise; honours Retry-After on 429', async () => {
      const s = await subscribe('/refusing');
      receiver.plans.set('/refusing', [{ status: 410 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 429, headers: { 'retry-after': '120' } }]);
      await receipt();
      await pump();
      await receipt();
      await pump();
      const [second, first] = await deliveries(s.id);
      expect(first).toMatchObject({ status: 'failed', attempts: 1 });
      expect(second).toMatchObject({ status: 'failed', attempts: 4 }); // 1 + 3 retries of the test schedule
      await receipt();
      await pump();
      const [third] = await deliveries(s.id);
      expect(third.status).toBe('pending');
      const [{ wait }] = await t.sql<{ wait: number }>(`SELECT extract(epoch FROM next_attempt_at - now())::float AS wait FROM webhook_deliveries WHERE id = $1`, [third.id]);
      expect(wait).toBeGreaterThan(110);
    });

    it('redelivers a delivery on request, with the same webhook-id', async () => {
      const s = await subscribe('/again');
      await receipt();
      await pump();
      const [d] = await deliveries(s.id);
      const res = await t.http.post(`/webhooks/deliveries/${d.id}/redeliver`).set(admin);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ origin: 'redelivery', status: 'pending', eventId: d.eventId });
      await pump();
      const reqs = receiver.at('/again');
      expect(reqs.map((r) => r.headers['webhook-id'])).toEqual([d.eventId, d.eventId]);
      expect((await t.http.get(`/webhooks/deliveries/${res.body.id}`).set(admin)).body).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect((await t.http.post(`/webhooks/deliveries/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10/redeliver`).set(admin)).status).toBe(404);
    });

    it('replays the matching events of a time range', async () => {
      const before = await receipt();
      await pump();
      const [{ now: from }] = await t.sql<{ now: Date }>(`SELECT now() AS now`);
      await new Promise((r) => setTimeout(r, 20));
      const inRange = [await receipt(), await receipt()];
      await pump();
      await new Promise((r) => setTimeout(r, 20));
      const [{ now: to }] = await t.sql<{ now: Date }>(`SELECT now() AS now`);
      await receipt(); // after the range
      await pump();
      const s = await subscribe('/replay');
      const res = await t.http.post(`/webhooks/subscriptions/${s.id}/replay`).query({ from: from.toISOString(), to: to.toISOString() }).set(admin);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ queued: 2, nextFrom: null });
      await pump();
      const moves = receiver.at('/replay').map((r) => (JSON.parse(r.body) as { data: { moveId: string } }).data.moveId);
      expect(moves).toEqual(inRange.map((x) => x.moveId));
      expect(moves).not.toContain(before.moveId);
      const bad = await t.http.post(`/webhooks/subscriptions/${s.id}/replay`).query({ from: to.toISOString(), to: from.toISOString() }).set(admin);
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('invalid_replay_range');
    });

    it('keeps the order per resource: a later event waits while an earlier one for the same item is retrying', async () => {
      const s = await subscribe('/ordered');
      receiver.plans.set('/ordered', [{ status: 429, headers: { 'retry-after': '60' } }]);
      const first = await receipt();
      const second = await receipt(first.itemId); // same item, later
      const other = await receipt(); // another item: not held back
      await pump();
      const moves = () => receiver.at('/ordered').map((r) => (JSON.parse(r.body) as { data: { moveId: string } }).data.moveId);
      expect(moves().sort()).toEqual([first.moveId, other.moveId].sort());
      await t.sql(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE subscription_id = $1 AND status = 'pending'`, [s.id]);
      await pump();
      expect(moves().filter((m) => m !== other.moveId)).toEqual([first.moveId, first.moveId, second.moveId]);
      expect((await deliveries(s.id)).every((d) => d.status === 'succeeded')).toBe(true);
    });

    it('keeps the order per resource when a later event is fanned out first (instances dispatching in parallel)', async () => {
      await subscribe('/parallel');
      const first = await receipt();
      const second = await receipt(first.itemId);
      // The first event is still in another instance's hands: not dispatched yet.
      await t.sql(`UPDATE outbox_events SET available_at = now() + interval '1 hour' WHERE payload->>'moveId' = $1`, [first.moveId]);
      await pump();
      const moves = () => receiver.at('/parallel').map((r) => (JSON.parse(r.body) as { data: { moveId: string } }).data.moveId);
      expect(moves()).toEqual([]);
      await t.sql(`UPDATE outbox_events SET available_at = now() WHERE payload->>'moveId' = $1`, [first.moveId]);
      await pump();
      expect(moves()).toEqual([first.moveId, second.moveId]);
    });

    it('refuses at delivery a stored target whose name resolves to a private address, without calling it', async () => {
      const s = await subscribe('/rebound');
      // As if the name had resolved publicly when saved and now points at loopback (DNS rebinding).
      await t.sql(`UPDATE webhook_subscriptions SET url = $2 WHERE id = $1`, [s.id, `http://localhost:${receiver.port}/rebound`]);
      await receipt();
      await pump();
      const [d] = await deliveries(s.id);
      expect(d).toMatchObject({ status: 'failed', attempts: 1 });
      expect(d.attemptLog[0]).toMatchObject({ statusCode: null, outcome: 'failed' });
      expect(d.attemptLog[0].error).toMatch(/resolves to .*private, loopback or link-local/);
      expect(receiver.at('/rebound')).toHaveLength(0);
    });

    it('the sender refuses private names and literals unless allowed', async () => {
      const strict = new WebhookSender(loadConfig({ WEBHOOK_TIMEOUT_MS: '1000' }));
      try {
        const before = receiver.received.length;
        const r = await strict.send(`http://localhost:${receiver.port}/private`, [`whsec_${Buffer.alloc(32, 1).toString('base64')}`], { id: 'msg_1', type: 'x', timestamp: new Date().toISOString(), data: {} });
        expect(r).toMatchObject({ refused: true, statusCode: null });
        expect(r.error).toMatch(/private, loopback or link-local/);
        const literal = await strict.send(`http://127.0.0.1:${receiver.port}/private`, [`whsec_${Buffer.alloc(32, 1).toString('base64')}`], { id: 'msg_2', type: 'x', timestamp: new Date().toISOString(), data: {} });
        expect(literal.refused).toBe(true);
        expect(receiver.received.length).toBe(before);
      } finally {
        await strict.onModuleDestroy();
      }
      await expect(new Promise((resolve, reject) => publicOnlyLookup('localhost', {}, (err) => (err ? reject(err) : resolve(undefined))))).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    });

    it('signs with both secrets during a rotation overlap, and only the new one after', async () => {
      const s = await subscribe('/rotate');
      const rotated = await t.http.post(`/webhooks/subscriptions/${s.id}/rotate-secret`).set(admin).send({ overlapSeconds: 3600 });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(s.secret);
      expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
      await receipt();
      await pump();
      const [during] = receiver.at('/rotate');
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
      for (const secret of [s.secret, rotated.body.secret]) expect(() => new Webhook(secret).verify(during.body, during.headers as Record<string, string>)).not.toThrow();

      const again = await t.http.post(`/webhooks/subscriptions/${s.id}/rotate-secret`).set(admin).send({ overlapSeconds: 0 });
      expect(again.status).toBe(200);
      await receipt();
      await pump();
      const after = receiver.at('/rotate')[1];
      expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(() => new Webhook(again.body.secret).verify(after.body, after.headers as Record<string, string>)).not.toThrow();
      expect(() => new Webhook(rotated.body.secret).verify(after.body, after.headers as Record<string, string>)).toThrow();
    });

    it('disables a subscription failing for longer than the configured days, and publishes that', async () => {
      const s = await subscribe('/down');
      await t.sql(`UPDATE webhook_subscriptions SET failing_since = now() - interval '6 days' WHERE id = $1`, [s.id]);
      receiver.plans.set('/down', [{ status: 502 }]);
      await receipt();
      await pump();
      const got = await t.http.get(`/webhooks/subscriptions/${s.id}`).set(admin);
      expect(got.body).toMatchObject({ active: false });
      expect(got.body.disabledAt).not.toBeNull();
      const events = await t.sql<{ payload: { subscriptionId: string } }>(`SELECT payload FROM outbox_events WHERE topic = 'integrations.webhook_subscription.disabled'`);
      expect(events.map((e) => e.payload.subscriptionId)).toEqual([s.id]);
      expect(receiver.at('/down')).toHaveLength(1); // inactive: the pending retry is not sent
      const back = await t.http.patch(`/webhooks/subscriptions/${s.id}`).set(admin).send({ active: true });
      expect(back.body).toMatchObject({ active: true, disabledAt: null, failingSince: null });
    });

    it('two app instances on one database deliver each event exactly once', async () => {
      const second = await startApp(t.databaseUrl, ENV);
      try {
        // The items (and their inventory.item.created events) exist before the subscription: it gets the six receipts.
        const items: string[] = [];
        for (let i = 0; i < 6; i++) items.push((await newItem(t)).id);
        await t.app.get(OutboxDispatcher).dispatchPending();
        await subscribe('/twice', ['inventory.*']);
        for (const id of items) await receipt(id);
        await t.app.get(OutboxDispatcher).dispatchPending();
        await Promise.all([t.app.get(WebhookDeliveryWorker).deliverDue(), second.get(WebhookDeliveryWorker).deliverDue(), t.app.get(WebhookDeliveryWorker).deliverDue(), second.get(WebhookDeliveryWorker).deliverDue()]);
        const ids = receiver.at('/twice').map((r) => r.headers['webhook-id']);
        expect(ids).toHaveLength(6);
        expect(new Set(ids).size).toBe(6);
      } finally {
        await second.close();
      }
    });
  });
});

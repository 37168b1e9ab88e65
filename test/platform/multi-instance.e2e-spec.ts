import { newItem, newWarehouse, receive } from '../support/inventory';
import { newCustomer, newProduct, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { logLines, Running, startMain } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Two real app processes (`node dist/src/main.js`) on one database, each with its own pool,
 * outbox dispatcher and job scheduler; the invariants must hold across them.
 */
describe('two app processes on one database', () => {
  let t: TestApp;
  let a: Running;
  let b: Running;
  const startedAt = Date.now();

  beforeAll(async () => {
    t = await createTestApp();
    const env = { DATABASE_URL: t.databaseUrl, RATE_LIMIT_PER_MINUTE: '1000000', DB_POOL_SIZE: '10', JOBS_ENABLED: 'true' };
    [a, b] = await Promise.all([startMain(env), startMain(env)]);
  }, 90_000);

  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM');
    const codes = await Promise.all([a?.exited, b?.exited]);
    await t?.close();
    expect(codes).toEqual([0, 0]);
  });

  const call = (p: Running, method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${p.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${t.adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

  it('issues 60 invoices in parallel across both, numbers consecutive with no gap, stock never oversold', async () => {
    await newSellerProfile(t);
    const customer = await newCustomer(t);
    const vat = await newTaxCategory(t, 'S', '19');
    const series = await newSeries(t, { pattern: 'MI-{YYYY}-{0000}' });
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '20');
    const stocked = await newProduct(t, vat.id, { unitCode: 'C62', unitPrice: '5.00', inventoryItemId: item.id, stockLocationId: w.binA });
    const drafts: string[] = [];
    for (let n = 0; n < 60; n++) {
      // 30 invoices want one of the 20 units: 10 must fail after taking a number.
      const lines = [{ description: `Service ${n}`, quantity: '1', unitPrice: '10.00', taxCategoryId: vat.id }, ...(n % 2 ? [{ productId: stocked.id, quantity: '1' }] : [])];
      drafts.push((await post(t, '/invoicing/invoices', { customerId: customer.id, seriesId: series.id, lines })).id as string);
    }
    const results = await Promise.all(drafts.map((id, n) => call(n % 2 ? a : b, 'POST', `/invoicing/invoices/${id}/issue`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(10).fill('insufficient_stock'));
    const year = new Date().getUTCFullYear();
    const numbers = await t.sql<{ number: string }>(`SELECT number FROM invc_invoices WHERE series_id = $1 AND number IS NOT NULL ORDER BY number`, [series.id]);
    expect(numbers.map((r) => r.number)).toEqual(Array.from({ length: 50 }, (_, i) => `MI-${year}-${String(i + 1).padStart(4, '0')}`));
    const [level] = await t.sql<{ on_hand: string }>(`SELECT sum(on_hand)::text AS on_hand FROM inv_stock_levels WHERE item_id = $1`, [item.id]);
    expect(level.on_hand).toBe('0.000');
  });

  it('a stock of 25 issued 40 times in parallel across both: 25 succeed, the rest are insufficient_stock', async () => {
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '25');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        call(n % 2 ? a : b, 'POST', '/inventory/stock-moves', { kind: 'issue', itemId: item.id, fromLocationId: w.binA, quantity: '1', referenceType: 'manual', referenceId: `MI-${n}` }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(25);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'insufficient_stock')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(15);
    const [level] = await t.sql<{ on_hand: string }>(`SELECT on_hand::text FROM inv_stock_levels WHERE item_id = $1`, [item.id]);
    expect(level.on_hand).toBe('0.000');
  });

  it('handles every outbox event once across both processes: one onboarding ticket and one draft contract per hire', async () => {
    const hires = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        call(n % 2 ? a : b, 'POST', '/hr/employees', { firstName: 'Multi', lastName: `Instance${n}`, workEmail: `multi.${n}.${Date.now()}@example.com`, hireDate: '2030-01-07', employmentType: 'full_time', country: 'DE' }),
      ),
    );
    expect(hires.map((h) => h.status)).toEqual(Array(20).fill(201));
    const ids = hires.map((h) => h.body.id as string);
    // Both dispatchers poll every 100 ms; wait until every event of these hires is dispatched.
    for (let i = 0; i < 150; i++) {
      const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM outbox_events WHERE dispatched_at IS NULL AND failed_at IS NULL`);
      if (n === '0') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const tickets = await t.sql<{ subject_employee_id: string; n: string }>(
      `SELECT subject_employee_id, count(*)::text AS n FROM it_tickets WHERE subject_employee_id = ANY($1) AND type = 'onboarding' GROUP BY 1`,
      [ids],
    );
    expect(tickets.map((r) => r.n)).toEqual(Array(20).fill('1'));
    const contracts = await t.sql<{ counterparty_employee_id: string; n: string }>(
      `SELECT counterparty_employee_id, count(*)::text AS n FROM ctr_contracts WHERE counterparty_employee_id = ANY($1) GROUP BY 1`,
      [ids],
    );
    expect(contracts.map((r) => r.n)).toEqual(Array(20).fill('1'));
    // Dispatched exactly once each: one attempt, no error (a second dispatch would count a second attempt).
    const attempts = await t.sql<{ attempts: number; last_error: string | null }>(
      `SELECT attempts, last_error FROM outbox_events WHERE topic = 'hr.employee.hired' AND aggregate_id = ANY($1)`,
      [ids],
    );
    expect(attempts).toEqual(Array(20).fill({ attempts: 1, last_error: null }));
    // Each consumer saw each hire once (the consumption row is taken in the handler's transaction).
    const consumptions = await t.sql<{ subscriber: string; n: string }>(
      `SELECT c.subscriber, count(*)::text AS n FROM event_consumptions c JOIN outbox_events e ON e.id = c.event_id
        WHERE e.topic = 'hr.employee.hired' AND e.aggregate_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    expect(consumptions.filter((c) => c.subscriber !== 'integrations.webhooks.fan-out')).toEqual([
      { subscriber: 'contracts.employment-contract-draft', n: '20' },
      { subscriber: 'it-tickets.onboarding-ticket', n: '20' },
    ]);
  });

  it('runs each scheduled job once per period, never in both processes', async () => {
    const runs = [...logLines(a), ...logLines(b)]
      .filter((l) => typeof l.msg === 'string' && /^job \S+ ran$/.test(l.msg))
      .map((l) => ({ job: (l.msg as string).split(' ')[1], at: Number(l.time) }));
    const periods = await t.sql<{ name: string }>(`SELECT name FROM scheduled_jobs`);
    expect(periods.length).toBeGreaterThan(0);
    // Every job is due at start: each ran, and two runs of one job are a full period apart.
    const byJob = new Map<string, number[]>();
    for (const r of runs) byJob.set(r.job, [...(byJob.get(r.job) ?? []), r.at].sort());
    expect([...byJob.keys()].sort()).toEqual(periods.map((p) => p.name).sort());
    const elapsedS = (Date.now() - startedAt) / 1000;
    for (const [job, times] of byJob) {
      // No job has a period under 60 s; within this test's run each can have run at most once more.
      expect({ job, runs: times.length }).toEqual({ job, runs: elapsedS < 60 ? 1 : times.length });
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(59_000);
    }
  });
});

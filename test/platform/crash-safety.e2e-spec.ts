import { newEmployee } from '../support/factories';
import { newItem, newWarehouse, receive } from '../support/inventory';
import { newCustomer, newProduct, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { Running, startMain } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A process killed (SIGKILL) in the middle of a multi-row write, at a fault-injection point that
 * exists only with NODE_ENV=test: after a restart there is no partial state, and the client's
 * retry with the same Idempotency-Key has exactly one effect.
 */
describe('crash safety (SIGKILL mid-write)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: t.databaseUrl, NODE_ENV: 'test', JOBS_ENABLED: 'false', ...extra });
  const call = (p: Running, method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${p.port}${path}`, { method, headers: { authorization: `Bearer ${t.adminKey}`, connection: 'close', ...headers } });

  it('an invoice issue killed after taking its number and stock leaves a draft, no number, no stock move; the retry issues it once', async () => {
    await newSellerProfile(t);
    const customer = await newCustomer(t);
    const vat = await newTaxCategory(t, 'S', '19');
    const series = await newSeries(t, { pattern: 'CR-{YYYY}-{0000}' });
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '5');
    const product = await newProduct(t, vat.id, { unitCode: 'C62', unitPrice: '9.00', inventoryItemId: item.id, stockLocationId: w.binA });
    const invoice = await post(t, '/invoicing/invoices', { customerId: customer.id, seriesId: series.id, lines: [{ productId: product.id, quantity: '2' }] });

    const doomed = await startMain(env({ FAULT_INJECT: 'invoicing.issue.mid' }));
    const outcome = await call(doomed, 'POST', `/invoicing/invoices/${invoice.id}/issue`, { 'idempotency-key': 'crash-issue-1' }).then(
      (r) => `status ${r.status}`,
      () => 'connection lost',
    );
    expect(outcome).toBe('connection lost');
    await doomed.exited;
    expect(doomed.child.signalCode).toBe('SIGKILL');

    const [row] = await t.sql<{ status: string; number: string | null }>('SELECT status, number FROM invc_invoices WHERE id = $1', [invoice.id]);
    expect(row).toEqual({ status: 'draft', number: null });
    expect(await t.sql('SELECT id FROM inv_stock_moves WHERE item_id = $1 AND kind = $2', [item.id, 'issue'])).toEqual([]);
    expect(await t.sql('SELECT key FROM idempotency_records WHERE key = $1', ['crash-issue-1'])).toEqual([]);

    const restarted = await startMain(env());
    try {
      const first = await call(restarted, 'POST', `/invoicing/invoices/${invoice.id}/issue`, { 'idempotency-key': 'crash-issue-1' });
      expect(first.status).toBe(200);
      const body = (await first.json()) as { number: string; status: string };
      expect(body.number).toBe(`CR-${new Date().getUTCFullYear()}-0001`);
      const replay = await call(restarted, 'POST', `/invoicing/invoices/${invoice.id}/issue`, { 'idempotency-key': 'crash-issue-1' });
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const moves = await t.sql<{ quantity: string }>('SELECT quantity::text FROM inv_stock_moves WHERE item_id = $1 AND kind = $2', [item.id, 'issue']);
      expect(moves.map((m) => m.quantity)).toEqual(['2.000']);
      const [counter] = await t.sql<{ next_value: string }>('SELECT next_value::text FROM invc_series_counters WHERE series_id = $1', [series.id]);
      expect(counter.next_value).toBe('2');
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('a pay run calculation killed after its first batch of payslips leaves none; the retry calculates once', async () => {
    const admin = { Authorization: `Bearer ${t.adminKey}` };
    const rs = await t.http.post('/payroll/rule-sets').set(admin).send({ code: 'CRASH', validFrom: '2026-01-01', name: 'Crash test', taxAllowance: '0', taxBrackets: [{ threshold: '0', rate: '0.10' }], contributions: [] });
    expect(rs.status).toBe(201);
    const schedule = await t.http.post('/payroll/pay-schedules').set(admin).send({ code: 'CRASH-M', name: 'Monthly', frequency: 'monthly', payDateRule: 'last_working_day', prorationMethod: 'calendar_days' });
    expect(schedule.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const e = await newEmployee(t, { hireDate: '2020-01-01' });
      expect((await t.http.post(`/payroll/employees/${e.id}/compensation`).set(admin).send({ effectiveFrom: '2020-01-01', currency: 'EUR', basis: 'monthly_salary', amount: '3000' })).status).toBe(201);
      expect((await t.http.post(`/payroll/pay-schedules/${schedule.body.id}/employees`).set(admin).send({ employeeId: e.id })).status).toBe(200);
      expect((await t.http.post(`/payroll/employees/${e.id}/rule-set`).set(admin).send({ ruleSetCode: 'CRASH', effectiveFrom: '2026-01-01' })).status).toBe(201);
    }
    const run = await t.http.post('/payroll/pay-runs').set(admin).send({ payScheduleId: schedule.body.id, periodStart: '2026-04-01' });
    expect(run.status).toBe(201);

    const doomed = await startMain(env({ FAULT_INJECT: 'payroll.calculate.mid', PAYROLL_FOUR_EYES: 'false' }));
    const outcome = await call(doomed, 'POST', `/payroll/pay-runs/${run.body.id}/calculate`, { 'idempotency-key': 'crash-calc-1' }).then(
      (r) => `status ${r.status}`,
      () => 'connection lost',
    );
    expect(outcome).toBe('connection lost');
    await doomed.exited;
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(await t.sql('SELECT id FROM payroll_payslips WHERE pay_run_id = $1', [run.body.id])).toEqual([]);
    const [state] = await t.sql<{ status: string }>('SELECT status FROM payroll_pay_runs WHERE id = $1', [run.body.id]);
    expect(state.status).toBe('draft');

    const restarted = await startMain(env({ PAYROLL_FOUR_EYES: 'false' }));
    try {
      const calculated = await call(restarted, 'POST', `/payroll/pay-runs/${run.body.id}/calculate`, { 'idempotency-key': 'crash-calc-1' });
      expect(calculated.status).toBe(200);
      expect(((await calculated.json()) as { status: string }).status).toBe('calculated');
      const replay = await call(restarted, 'POST', `/payroll/pay-runs/${run.body.id}/calculate`, { 'idempotency-key': 'crash-calc-1' });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const slips = await t.sql<{ net_pay: string }>('SELECT net::text AS net_pay FROM payroll_payslips WHERE pay_run_id = $1', [run.body.id]);
      expect(slips.map((s) => s.net_pay)).toEqual(['2700.00', '2700.00', '2700.00']);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });
});

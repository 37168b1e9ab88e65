import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { newDepartment, newEmployee } from '../support/factories';
import { newItem, newWarehouse, receive } from '../support/inventory';
import { newCustomer, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { act, berlinCalendar, newAgent, post as itPost, SERVICE_DESK, setNow } from '../support/it-tickets';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const day = (offset: number) => {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const code = (p: string) => `${p}${randomBytes(3).toString('hex').toUpperCase()}`;

/**
 * A small company set up through the API, every figure below computed by hand:
 * - HR, March and April 2026: ENG has Ann (hired 01-10), Cid (03-10) and Fay (02-01, last day
 *   04-10); OPS has Ben (02-01), Dee (04-15) and Eve (01-05, last day 03-31).
 * - Payroll: April 2026 paid on 04-30 to Ann (3000/month, ENG) and Ben (2000/month, OPS),
 *   employer pension 10 % of gross; approved by a second key.
 * - Invoicing (this month, 19 % VAT): 1000 net and 500 net invoices, a 200 net credit note on the
 *   first, 300 paid on the second.
 * - Inventory: item X 10 @ 2.50 in W1 and 4 @ 4.00 in W2 (moving average 41/14), item Y 5 @ 1.00
 *   in W1 with reorder point 10.
 * - IT (Berlin business hours, P2: 60 min first response, 240 min resolution): October 2026 one
 *   ticket met and one breached; November one met and one left open.
 * - Contracts: an active customer contract (12000 EUR), an active lease (24000 EUR) renewing in
 *   61 days with its notice deadline in 30, a draft service contract (left out).
 */
describe('reports over every module', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let reader: Record<string, string>;
  const dept: Record<string, { id: string; code: string }> = {};
  const thisMonth = new Date().toISOString().slice(0, 7);
  let openTicket: { sla: { firstResponse: { dueAt: string } } };
  let w1: Awaited<ReturnType<typeof newWarehouse>>;
  let w2: Awaited<ReturnType<typeof newWarehouse>>;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    reader = bearer(await t.key(['reports:read', 'payroll:read'], 'report-reader'));
    const ok = async (res: { status: number; body: unknown }, status = 200) => {
      if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, any>;
    };

    // HR
    dept.ENG = await newDepartment(t, { code: code('ENG'), name: 'Engineering' });
    dept.OPS = await newDepartment(t, { code: code('OPS'), name: 'Operations' });
    const hire = (firstName: string, department: string, hireDate: string) => newEmployee(t, { firstName, departmentId: dept[department].id, hireDate });
    const ann = await hire('Ann', 'ENG', '2026-01-10');
    const ben = await hire('Ben', 'OPS', '2026-02-01');
    await hire('Cid', 'ENG', '2026-03-10');
    await hire('Dee', 'OPS', '2026-04-15');
    const eve = await hire('Eve', 'OPS', '2026-01-05');
    const fay = await hire('Fay', 'ENG', '2026-02-01');
    await ok(await t.http.post(`/hr/employees/${eve.id}/terminate`).set(admin).send({ terminationDate: '2026-03-31', reason: 'Resigned' }));
    await ok(await t.http.post(`/hr/employees/${fay.id}/terminate`).set(admin).send({ terminationDate: '2026-04-10', reason: 'Moved away' }));

    // Payroll
    const clerk = bearer(await t.key(['payroll:read', 'payroll:write', 'hr:sensitive'], 'payroll-clerk'));
    const approver = bearer(await t.key(['payroll:read', 'payroll:approve'], 'payroll-approver'));
    const ruleSetCode = code('RS');
    await ok(
      await t.http.post('/payroll/rule-sets').set(admin).send({
        code: ruleSetCode, validFrom: '2026-01-01', name: 'Simple', taxAllowance: '0',
        taxBrackets: [{ threshold: '0', rate: '0.10' }],
        contributions: [{ code: 'PENSION', name: 'Pension', base: 'gross', employeeRate: '0.05', employerRate: '0.10', lowerThreshold: '0', upperCap: '1000000' }],
      }),
      201,
    );
    const schedule = await ok(await t.http.post('/payroll/pay-schedules').set(admin).send({ code: code('PS'), name: 'Monthly', frequency: 'monthly', payDateRule: 'last_working_day', prorationMethod: 'calendar_days' }), 201);
    for (const [e, amount, from] of [[ann, '3000', '2026-01-10'], [ben, '2000', '2026-02-01']] as const) {
      await ok(await t.http.post(`/payroll/employees/${e.id}/compensation`).set(admin).send({ effectiveFrom: from, currency: 'EUR', basis: 'monthly_salary', amount }), 201);
      await ok(await t.http.post(`/payroll/pay-schedules/${schedule.id}/employees`).set(admin).send({ employeeId: e.id }));
      await ok(await t.http.post(`/payroll/employees/${e.id}/rule-set`).set(admin).send({ ruleSetCode, effectiveFrom: '2026-01-01' }), 201);
    }
    const run = await ok(await t.http.post('/payroll/pay-runs').set(clerk).send({ payScheduleId: schedule.id, periodStart: '2026-04-01' }), 201);
    await ok(await t.http.post(`/payroll/pay-runs/${run.id}/calculate`).set(clerk));
    await ok(await t.http.post(`/payroll/pay-runs/${run.id}/approve`).set(approver));

    // Invoicing
    const s19 = await newTaxCategory(t, 'S', '19.00');
    await newSellerProfile(t);
    const series = await newSeries(t);
    const cnSeries = await newSeries(t, { pattern: 'CN-{YYYY}-{0000}', documentType: 'credit_note' });
    const customer = await newCustomer(t);
    const issue = async (quantity: string, unitPrice: string) => {
      const draft = await post(t, '/invoicing/invoices', { customerId: customer.id, seriesId: series.id, lines: [{ description: 'Consulting', quantity, unitPrice, taxCategoryId: s19.id }] });
      return ok(await t.http.post(`/invoicing/invoices/${draft.id}/issue`).set(admin));
    };
    const inv1 = await issue('10', '100.00');
    const inv2 = await issue('5', '100.00');
    await ok(await t.http.post(`/invoicing/invoices/${inv1.id}/credit-notes`).set(admin).send({ seriesId: cnSeries.id, reason: 'Two hours less', lines: [{ invoiceLineId: inv1.lines[0].id, quantity: '2' }] }), 201);
    await ok(await t.http.post('/invoicing/payments').set(admin).send({ customerId: customer.id, amount: '300.00', receivedOn: day(0), method: 'bank_transfer', reference: 'SEPA-1', allocations: [{ invoiceId: inv2.id, amount: '300.00' }] }), 201);

    // Inventory
    w1 = await newWarehouse(t);
    w2 = await newWarehouse(t);
    const x = await newItem(t);
    const y = await newItem(t, { reorderPoint: '10', reorderQuantity: '20' });
    await receive(t, x.id, w1.binA, '10', '2.50');
    await receive(t, x.id, w2.binA, '4', '4.00');
    await receive(t, y.id, w1.binB, '5', '1.00');

    // IT tickets
    const cal = await berlinCalendar(t);
    await itPost(t, '/it/sla-policies', { name: 'P2', priority: 'P2', firstResponseMinutes: 60, resolutionMinutes: 240, calendarId: cal.id });
    const requester = await newEmployee(t);
    const agent = await newAgent(t);
    const raise = (at: string) => {
      setNow(t, at);
      return itPost(t, '/it/tickets', { title: 'VPN drops', type: 'incident', category: 'network', impact: 2, urgency: 1, requesterId: requester.id, groupId: SERVICE_DESK });
    };
    const reply = (id: string, at: string) => {
      setNow(t, at);
      return itPost(t, `/it/tickets/${id}/comments`, { authorId: agent.id, body: 'On it.', visibility: 'public' });
    };
    const resolve = (id: string, at: string) => {
      setNow(t, at);
      return act(t, id, 'resolve');
    };
    // Mon 2026-10-05 10:00 Berlin (UTC+2): answered after 30 min, resolved after 60: met.
    const met = await raise('2026-10-05T08:00:00Z');
    await reply(met.id, '2026-10-05T08:30:00Z');
    await resolve(met.id, '2026-10-05T09:00:00Z');
    // Same start, answered after 90 min: breached.
    const late = await raise('2026-10-05T08:00:00Z');
    await reply(late.id, '2026-10-05T09:30:00Z');
    await resolve(late.id, '2026-10-05T10:00:00Z');
    // Mon 2026-11-02 10:00 Berlin (UTC+1): met; and one left open since Tue 2026-11-03 10:00.
    const nov = await raise('2026-11-02T09:00:00Z');
    await reply(nov.id, '2026-11-02T09:10:00Z');
    await resolve(nov.id, '2026-11-02T09:20:00Z');
    openTicket = await raise('2026-11-03T09:00:00Z');
    setNow(t, null);

    // Contracts
    const party = { kind: 'party', name: 'Initech LLC', companyId: 'HRB 1', address: { line1: '1 Main St', city: 'Austin', postalCode: '78701', countryCode: 'US' } };
    const signers = [
      { name: 'Ada Internal', email: 'ada@acme.example', role: 'CEO', party: 'internal' },
      { name: 'Bob Counter', email: 'bob@globex.example', role: 'Procurement lead', party: 'counterparty' },
    ];
    const contract = async (body: Record<string, unknown>, activate = true) => {
      const c = await ok(await t.http.post('/contracts').set(admin).send({ title: 'Contract', counterparty: party, startDate: day(-30), signers, ...body }), 201);
      if (!activate) return c;
      await ok(await t.http.post(`/contracts/${c.id}/submit`).set(admin));
      await ok(await t.http.post(`/contracts/${c.id}/approve`).set(approver2));
      await ok(await t.http.post(`/contracts/${c.id}/sign`).set(admin).send({ signerId: c.signers[0].id }));
      return ok(await t.http.post(`/contracts/${c.id}/sign`).set(admin).send({ signerId: c.signers[1].id }));
    };
    const approver2 = bearer(await t.key(['contracts:read', 'contracts:approve'], 'contracts-approver'));
    await contract({ type: 'customer', value: '12000.00', currency: 'EUR', endDate: day(300) });
    const lease = await contract({ type: 'lease', value: '24000.00', currency: 'EUR', endDate: day(60), renewalType: 'manual', renewalTermMonths: 12, noticePeriod: { value: 30, unit: 'days' } });
    expect(lease).toMatchObject({ status: expect.stringMatching(/^(active|expiring)$/), nextRenewalDate: day(61), noticeDeadline: day(30) });
    await contract({ type: 'service', value: '5000.00', currency: 'EUR', endDate: day(100) }, false);
  });
  afterAll(async () => {
    setNow(t, null);
    await t.close();
  });

  const get = (path: string, query: Record<string, string> = {}, who = reader) => t.http.get(path).query(query).set(who);
  const mine = (rows: Array<{ departmentId: string | null }>) => rows.filter((r) => r.departmentId === dept.ENG.id || r.departmentId === dept.OPS.id);

  it('headcount at month end, hires and leavers per department per month', async () => {
    const res = await get('/reports/headcount', { from: '2026-03', to: '2026-04' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-03', to: '2026-04' });
    const row = (month: string, d: string, headcount: number, hires: number, leavers: number) => ({ month, departmentId: dept[d].id, departmentCode: dept[d].code, departmentName: d === 'ENG' ? 'Engineering' : 'Operations', headcount, hires, leavers });
    expect(mine(res.body.data)).toEqual(
      expect.arrayContaining([row('2026-03', 'ENG', 3, 1, 0), row('2026-03', 'OPS', 2, 0, 1), row('2026-04', 'ENG', 2, 0, 1), row('2026-04', 'OPS', 2, 1, 0)]),
    );
    expect(mine(res.body.data)).toHaveLength(4);
  });

  it('answers CSV with Accept: text/csv', async () => {
    const res = await get('/reports/headcount', { from: '2026-04', to: '2026-04' }).set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('month,departmentId,departmentCode,departmentName,headcount,hires,leavers');
    expect(lines).toEqual(expect.arrayContaining([`2026-04,${dept.ENG.id},${dept.ENG.code},Engineering,2,0,1`, `2026-04,${dept.OPS.id},${dept.OPS.code},Operations,2,1,0`]));
  });

  it('payroll cost per department from the approved run, and needs payroll:read', async () => {
    const res = await get('/reports/payroll-cost', { from: '2026-03', to: '2026-05' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { month: '2026-04', departmentId: dept.ENG.id, departmentCode: dept.ENG.code, departmentName: 'Engineering', currency: 'EUR', gross: '3000.00', employerContributions: '300.00', totalCost: '3300.00', payslips: 1 },
      { month: '2026-04', departmentId: dept.OPS.id, departmentCode: dept.OPS.code, departmentName: 'Operations', currency: 'EUR', gross: '2000.00', employerContributions: '200.00', totalCost: '2200.00', payslips: 1 },
    ]);
    const noPayroll = await get('/reports/payroll-cost', {}, bearer(await t.key(['reports:read'], 'reports-only')));
    expect(noPayroll.status).toBe(403);
    expect(noPayroll.body.code).toBe('missing_scope');
  });

  it('revenue net of credit notes and receivables due now, per month and currency', async () => {
    const res = await get('/reports/revenue', { from: thisMonth, to: thisMonth });
    expect(res.status).toBe(200);
    // 1000 + 500 invoiced; 200 credited; due now: 1190 − 238 = 952 and 595 − 300 = 295.
    expect(res.body.data).toEqual([{ month: thisMonth, currency: 'EUR', invoiced: '1500.00', credited: '200.00', revenue: '1300.00', receivables: '1247.00', invoices: 2, creditNotes: 1 }]);
  });

  it('inventory value per warehouse as of a day', async () => {
    const res = await get('/reports/inventory-value', { asOf: day(0) });
    expect(res.status).toBe(200);
    // X: 41.00 over 14 units; W1 10 units → 29.29 plus Y 5.00; W2 4 units → 11.71.
    expect(res.body.data).toEqual(
      expect.arrayContaining([
        { warehouseId: w1.id, warehouseCode: w1.code, warehouseName: 'Main warehouse', items: 2, value: '34.29' },
        { warehouseId: w2.id, warehouseCode: w2.code, warehouseName: 'Main warehouse', items: 1, value: '11.71' },
      ]),
    );
    expect(res.body).toMatchObject({ asOf: day(0), totalValue: '46.00' });
    const before = await get('/reports/inventory-value', { asOf: '2026-01-01' });
    expect(before.body).toMatchObject({ totalValue: '0.00' });
  });

  it('IT SLA compliance per month', async () => {
    setNow(t, '2026-11-04T12:00:00Z');
    const res = await get('/reports/it-sla', { from: '2026-10', to: '2026-11' });
    setNow(t, null);
    expect(res.status).toBe(200);
    // November: the open ticket's first response was due 2026-11-03 10:00 UTC, so it is breached by now.
    expect(res.body.data).toEqual([
      { month: '2026-10', tickets: 2, met: 1, breached: 1, pending: 0, compliancePercent: '50.0' },
      { month: '2026-11', tickets: 2, met: 1, breached: 1, pending: 0, compliancePercent: '50.0' },
    ]);
  });

  it('contract value by type and renewals in the next 90 days', async () => {
    const res = await get('/reports/contracts', { from: thisMonth, to: thisMonth });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { type: 'customer', currency: 'EUR', contracts: 1, value: '12000.00' },
      { type: 'lease', currency: 'EUR', contracts: 1, value: '24000.00' },
    ]);
    expect(res.body.renewals).toMatchObject({ from: day(0), to: day(90), total: 1, data: [{ type: 'lease', nextRenewalDate: day(61), noticeDeadline: day(30), value: '24000.00', currency: 'EUR' }] });
  });

  it('the overview has the morning numbers', async () => {
    const res = await get('/reports/overview');
    expect(res.status).toBe(200);
    const overdueNow = Date.parse(openTicket.sla.firstResponse.dueAt) < Date.now() && openTicket.sla.firstResponse.dueAt.slice(0, 7) === thisMonth ? 1 : 0;
    expect(res.body).toEqual({
      today: day(0),
      // Ann, Ben, Cid, Dee, the IT requester and agent (hired 2026-01-05, no department).
      headcount: 6,
      hiresThisMonth: 0,
      leaversThisMonth: 0,
      lastPayroll: [{ currency: 'EUR', payDate: '2026-04-30', gross: '5000.00', employerContributions: '500.00', payslips: 2 }],
      revenueThisMonth: [{ currency: 'EUR', amount: '1300.00' }],
      receivablesOverdue: [],
      inventoryValue: '46.00',
      itemsBelowReorderPoint: 1,
      openP1P2Tickets: 1,
      slaBreachesThisMonth: overdueNow,
      noticeDeadlinesNext30Days: 1,
    });
  });

  it('the overview costs one query per module, whatever the data', async () => {
    const spy = jest.spyOn(EntityManager.prototype, 'query');
    try {
      const count = async (path: string) => {
        spy.mockClear();
        expect((await get(path)).status).toBe(200);
        return spy.mock.calls.length;
      };
      await count('/reports/inventory-value'); // warm-up: the key lookup is the same for both
      const one = await count('/reports/inventory-value'); // one inventory query
      expect(one).toBe(1);
      expect(await count('/reports/overview')).toBe(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a bad range with 422 and a key without reports:read with 403', async () => {
    const reversed = await get('/reports/revenue', { from: '2026-05', to: '2026-04' });
    expect(reversed.status).toBe(422);
    expect(reversed.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
    const tooLong = await get('/reports/headcount', { from: '2020-01', to: '2026-01' });
    expect(tooLong.status).toBe(422);
    const notAMonth = await get('/reports/it-sla', { from: '2026-13' });
    expect(notAMonth.status).toBe(422);
    const noScope = await get('/reports/headcount', {}, bearer(await t.key(['hr:read'], 'hr-only')));
    expect(noScope.status).toBe(403);
    expect(noScope.body.code).toBe('missing_scope');
  });
});

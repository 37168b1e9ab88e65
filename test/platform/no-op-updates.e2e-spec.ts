import { IT_SETTINGS_ID } from '../../src/modules/it-tickets';
import { newDepartment, newEmployee, newPosition } from '../support/factories';
import { newItem, newSupplier } from '../support/inventory';
import { newCustomer, newProduct, newSeries, newTaxCategory, post, uniqueCode } from '../support/invoicing';
import { berlinCalendar, newAgent, SERVICE_DESK } from '../support/it-tickets';
import { bearer, createTestApp, TestApp } from '../support/test-app';

type Body = Record<string, any>;

/** One updatable resource: how to make one, the body that re-sends what it holds, and one real change. */
interface Case {
  name: string;
  /** Creates the resource; returns its path for GET/PATCH and the id its audit rows and events carry. */
  create(): Promise<{ path: string; id: string }>;
  /** A request body holding the resource's own current values (keys reordered, decimals spelled otherwise where it has them). */
  same(current: Body): Body;
  /** A body that changes exactly one field ... */
  change(current: Body): Body;
  /** ... named so in the event's `changedFields` (absent: the event carries no `changedFields`). */
  field?: string;
  topic: string;
  method?: 'patch' | 'put';
}

/** Updates that change nothing record nothing: same version and ETag, no audit entry, no event. */
describe('updates that change nothing', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  const audits = async (id: string) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1', [id]))[0].n;
  const events = (id: string) => t.sql<{ topic: string; payload: Body }>('SELECT topic, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id', [id]);
  const reversedKeys = (o: Body): Body => Object.fromEntries(Object.entries(o).reverse());

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  let standardRate: Promise<Body> | undefined;
  const vat19 = () => (standardRate ??= newTaxCategory(t, 'S', '19.00'));
  const created = async (path: string, body: Body) => {
    const r = await post(t, path, body);
    return { path: `${path}/${r.id}`, id: r.id as string };
  };

  const cases: Case[] = [
    // --- HR ---
    {
      name: 'HR department',
      create: async () => ({ path: `/hr/departments/${(await newDepartment(t)).id}`, id: '' }),
      same: (c) => ({ name: c.name, code: c.code, costCenter: c.costCenter, parentId: c.parentId }),
      change: (c) => ({ name: `${c.name} (renamed)` }),
      field: 'name',
      topic: 'hr.department.updated',
    },
    {
      name: 'HR position',
      create: async () => ({ path: `/hr/positions/${(await newPosition(t, (await newDepartment(t)).id)).id}`, id: '' }),
      same: (c) => ({ headcountBudget: c.headcountBudget, title: c.title, departmentId: c.departmentId }),
      change: () => ({ headcountBudget: 5 }),
      field: 'headcountBudget',
      topic: 'hr.position.updated',
    },
    {
      name: 'HR employee (salary "72000" against "72000.00")',
      create: async () => ({ path: `/hr/employees/${(await newEmployee(t, { baseSalary: { amount: '72000.00', currency: 'EUR' } })).id}`, id: '' }),
      same: (c) => ({ baseSalary: { currency: 'EUR', amount: '72000' }, lastName: c.lastName, firstName: c.firstName, workEmail: c.workEmail, hireDate: c.hireDate }),
      change: () => ({ phone: '+49 30 1234567' }),
      field: 'phone',
      topic: 'hr.employee.updated',
    },
    {
      name: 'HR work calendar (closures in another order, "8" hours against "8.00")',
      create: () => created('/hr/calendars', { name: 'Berlin office', timeZone: 'Europe/Berlin', country: 'DE', region: 'BE', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00', closures: [{ date: '2026-12-24', name: 'Christmas Eve' }, { date: '2026-12-31', name: 'New Year\'s Eve' }] }),
      same: (c) => ({ dailyHours: '8', closures: [...c.closures].reverse().map(reversedKeys), name: c.name, workingWeekdays: c.workingWeekdays }),
      change: () => ({ dailyHours: '7.5' }),
      field: 'dailyHours',
      topic: 'hr.calendar.updated',
    },
    {
      name: 'HR leave type (accrual "20" against "20.00")',
      create: () => created('/hr/leave-types', { code: uniqueCode('NOOP_'), name: 'Annual', paid: true, unit: 'days', halfDaysAllowed: true, accrualPolicy: 'yearly_grant', accrualAmount: '20.00', carryOverCap: '5.00', carryOverExpiryMonths: 3, allowNegative: false, approver: 'manager' }),
      same: (c) => ({ accrualAmount: '20', carryOverCap: '5.0', name: c.name, paid: c.paid }),
      change: () => ({ carryOverCap: '6' }),
      field: 'carryOverCap',
      topic: 'hr.leave_type.updated',
    },
    {
      name: 'HR checklist template (tasks re-sent with their keys in another order)',
      create: () => created('/hr/checklist-templates', { name: 'Engineers', kind: 'onboarding', tasks: [{ title: 'Order a laptop', ownerRole: 'it', dueOffsetDays: -5, kind: 'it_ticket' }, { title: 'Welcome lunch', ownerRole: 'manager', dueOffsetDays: 0, kind: 'manual' }] }),
      same: (c) => ({ tasks: c.tasks.map((x: Body) => reversedKeys({ title: x.title, ownerRole: x.ownerRole, dueOffsetDays: x.dueOffsetDays, kind: x.kind })), kind: c.kind, name: c.name }),
      change: () => ({ name: 'Engineers and designers' }),
      field: 'name',
      topic: 'hr.checklist_template.updated',
    },
    {
      name: 'HR time-entry correction (instants with another offset)',
      create: async () => {
        const calendar = await post(t, '/hr/calendars', { name: 'Time entries', timeZone: 'Europe/Berlin', country: 'DE', workingWeekdays: [1, 2, 3, 4, 5], dailyHours: '8.00' });
        const e = await newEmployee(t, { workCalendarId: calendar.id });
        return created('/hr/time-entries', { employeeId: e.id, clockInAt: '2027-03-02T08:00:00+01:00', clockOutAt: '2027-03-02T12:00:00+01:00', breakMinutes: 0, reason: 'Forgot the badge' });
      },
      same: () => ({ clockInAt: '2027-03-02T07:00:00Z', clockOutAt: '2027-03-02T11:00:00.000Z', breakMinutes: 0, reason: 'Forgot the badge' }),
      change: () => ({ clockOutAt: '2027-03-02T13:00:00+01:00', reason: 'Forgot the badge' }),
      field: 'clockOutAt',
      topic: 'hr.time_entry.corrected',
    },
    {
      name: 'HR shift template (times "06:00" stored as "06:00:00")',
      create: async () => {
        await post(t, '/hr/calendars', { name: 'Store', timeZone: 'Europe/Berlin', workingWeekdays: [1, 2, 3, 4, 5, 6], dailyHours: '8.00', location: 'No-op store' }).catch(() => undefined);
        return created('/hr/shift-templates', { name: 'Early', startTime: '06:00', endTime: '14:30', unpaidBreakMinutes: 30, location: 'No-op store' });
      },
      same: (c) => ({ endTime: c.endTime, startTime: c.startTime, unpaidBreakMinutes: c.unpaidBreakMinutes, name: c.name, location: c.location }),
      change: () => ({ unpaidBreakMinutes: 45 }),
      field: 'unpaidBreakMinutes',
      topic: 'hr.shift_template.updated',
    },
    {
      name: 'HR working-time rule',
      create: async () => ({ path: '/hr/working-time-rules/part_time', id: 'part_time' }),
      same: (c) => ({ weeklyOvertimeAfterMinutes: c.weeklyOvertimeAfterMinutes, maxWeeklyMinutes: c.maxWeeklyMinutes, dailyOvertimeAfterMinutes: c.dailyOvertimeAfterMinutes }),
      change: (c) => ({ maxWeeklyMinutes: c.maxWeeklyMinutes - 60 }),
      field: 'maxWeeklyMinutes',
      topic: 'hr.working_time_rule.updated',
    },
    {
      name: 'HR shift (instants with another offset)',
      create: async () => {
        await post(t, '/hr/calendars', { name: 'Shift store', timeZone: 'Europe/Berlin', workingWeekdays: [1, 2, 3, 4, 5, 6], dailyHours: '8.00', location: 'No-op shift store' });
        return created('/hr/shifts', { startsAt: '2027-03-03T06:00:00+01:00', endsAt: '2027-03-03T14:30:00+01:00', breakMinutes: 30, location: 'No-op shift store' });
      },
      same: (c) => ({ endsAt: '2027-03-03T13:30:00Z', startsAt: '2027-03-03T05:00:00.000Z', breakMinutes: c.breakMinutes, location: c.location }),
      change: () => ({ breakMinutes: 45 }),
      field: 'breakMinutes',
      topic: 'hr.shift.updated',
    },
    // --- payroll ---
    {
      name: 'payroll pay component (amount "123.450" against "123.45")',
      create: () => created('/payroll/pay-components', { code: uniqueCode('NOOP'), name: 'Meal allowance', kind: 'earning', calculationType: 'fixed', amount: '123.45', glAccount: '6010' }),
      same: (c) => ({ amount: '123.450', name: c.name, glAccount: c.glAccount, kind: c.kind }),
      change: () => ({ glAccount: '6020' }),
      field: 'glAccount',
      topic: 'payroll.pay_component.updated',
    },
    // --- invoicing ---
    {
      name: 'invoicing customer (address keys in another order, credit limit "5000.5")',
      create: async () => {
        const c = await newCustomer(t, { creditLimit: '5000.50' });
        return { path: `/invoicing/customers/${c.id}`, id: c.id };
      },
      same: (c) => ({ billingAddress: reversedKeys(c.billingAddress), creditLimit: '5000.5', legalName: c.legalName, email: c.email }),
      change: () => ({ email: 'payables@globex.example' }),
      field: 'email',
      topic: 'invoicing.customer.updated',
    },
    {
      name: 'invoicing product (price "120" against "120.00")',
      create: async () => {
        const tax = await vat19();
        const p = await newProduct(t, tax.id);
        return { path: `/invoicing/products/${p.id}`, id: p.id };
      },
      same: (c) => ({ unitPrice: '120', name: c.name, active: c.active }),
      change: () => ({ unitPrice: '125.00' }),
      field: 'unitPrice',
      topic: 'invoicing.product.updated',
    },
    {
      name: 'invoicing draft invoice (lines re-sent as the draft holds them, decimals spelled otherwise)',
      create: async () => {
        const tax = await vat19();
        const [customer, series] = [await newCustomer(t), await newSeries(t)];
        return created('/invoicing/invoices', { customerId: customer.id, seriesId: series.id, lines: [{ description: 'Setup fee', quantity: '1', unitPrice: '100.00', taxCategoryId: tax.id }] });
      },
      same: (c) => ({ lines: c.lines.map((l: Body) => ({ taxCategoryId: l.taxCategoryId, unitPrice: '100', quantity: '1.0', description: l.description })), customerId: c.customerId, currency: c.currency, note: c.note }),
      change: () => ({ note: 'Thank you for your order' }),
      field: 'note',
      topic: 'invoicing.invoice.updated',
    },
    // --- inventory ---
    {
      name: 'inventory item (reorder quantity "25" against "25.000")',
      create: () => newItem(t, { reorderQuantity: '25.000' }).then((i) => ({ path: `/inventory/items/${i.id}`, id: i.id })),
      same: (c) => ({ reorderQuantity: '25', reorderPoint: null, name: c.name, unitOfMeasure: c.unitOfMeasure }),
      change: () => ({ name: 'Hex bolt M10' }),
      field: 'name',
      topic: 'inventory.item.updated',
    },
    {
      name: 'inventory supplier',
      create: () => newSupplier(t).then((s) => ({ path: `/inventory/suppliers/${s.id}`, id: s.id })),
      same: (c) => ({ leadTimeDays: c.leadTimeDays, name: c.name, currency: c.currency }),
      change: () => ({ leadTimeDays: 9 }),
      field: 'leadTimeDays',
      topic: 'inventory.supplier.updated',
    },
    {
      name: 'inventory purchase order (lines re-sent with other decimal spellings)',
      create: async () => {
        const supplier = await newSupplier(t);
        const item = await newItem(t);
        return created('/inventory/purchase-orders', { supplierId: supplier.id, expectedDate: '2026-12-15', lines: [{ itemId: item.id, quantity: '10', unitCost: '1.5' }] });
      },
      same: (c) => ({ lines: c.lines.map((l: Body) => ({ unitCost: '1.50', quantity: '10.0', itemId: l.itemId })), expectedDate: c.expectedDate }),
      change: () => ({ note: 'Deliver to gate 2' }),
      field: 'note',
      topic: 'inventory.purchase_order.updated',
    },
    {
      name: 'inventory warehouse',
      create: () => created('/inventory/warehouses', { code: uniqueCode('W'), name: 'Main warehouse', address: 'Lager Str. 1, 12345 Berlin' }),
      same: (c) => ({ address: c.address, name: c.name, active: c.active }),
      change: () => ({ name: 'Main warehouse (north)' }),
      field: 'name',
      topic: 'inventory.warehouse.updated',
    },
    {
      name: 'inventory location',
      create: async () => {
        const w = await post(t, '/inventory/warehouses', { code: uniqueCode('W'), name: 'Second warehouse' });
        const zone = await post(t, `/inventory/warehouses/${w.id}/locations`, { code: 'Z1', name: 'Zone 1', kind: 'zone' });
        const bin = await post(t, `/inventory/warehouses/${w.id}/locations`, { code: 'A-01', name: 'Bin A-01', kind: 'bin', parentId: zone.id });
        return { path: `/inventory/locations/${bin.id}`, id: bin.id };
      },
      same: (c) => ({ parentId: c.parentId, pickable: c.pickable, receivable: c.receivable, name: c.name, active: c.active }),
      change: () => ({ pickable: false }),
      field: 'pickable',
      topic: 'inventory.location.updated',
    },
    // --- IT tickets ---
    {
      name: 'IT agent (groups in another order)',
      create: async () => {
        const group = await post(t, '/it/groups', { code: uniqueCode('NOOP'), name: 'No-op team' });
        const e = await newAgent(t, [SERVICE_DESK, group.id]);
        return { path: `/it/agents/${e.id}`, id: e.id };
      },
      same: (c) => ({ groupIds: [...c.groupIds].reverse(), active: c.active }),
      change: () => ({ active: false }),
      field: 'active',
      topic: 'it.agent.updated',
    },
    {
      name: 'IT SLA policy',
      create: async () => created('/it/sla-policies', { name: 'P2 network', priority: 'P2', category: 'network', firstResponseMinutes: 60, resolutionMinutes: 480, calendarId: (await berlinCalendar(t)).id }),
      same: (c) => ({ pausingStates: c.pausingStates, resolutionMinutes: c.resolutionMinutes, firstResponseMinutes: c.firstResponseMinutes, name: c.name, priority: c.priority, category: c.category, calendarId: c.calendarId, active: c.active }),
      change: () => ({ resolutionMinutes: 240 }),
      field: 'resolutionMinutes',
      topic: 'it.sla_policy.updated',
    },
    {
      name: 'IT settings',
      create: async () => ({ path: '/it/settings', id: IT_SETTINGS_ID }),
      same: (c) => ({ attachmentMaxBytes: c.attachmentMaxBytes, reopenWindowHours: c.reopenWindowHours }),
      change: (c) => ({ reopenWindowHours: c.reopenWindowHours + 1 }),
      field: 'reopenWindowHours',
      topic: 'it.settings.updated',
    },
    {
      name: 'IT ticket (tags re-sent)',
      create: async () => {
        const requester = await newEmployee(t);
        return created('/it/tickets', { title: 'VPN drops', type: 'incident', category: 'network', impact: 2, urgency: 2, requesterId: requester.id, tags: ['vpn', 'remote'] });
      },
      same: (c) => ({ tags: c.tags, title: c.title, impact: c.impact, urgency: c.urgency, category: c.category }),
      change: () => ({ title: 'VPN drops every hour' }),
      topic: 'it.ticket.updated',
    },
    // --- contracts ---
    {
      name: 'contract (draft; terms and tags re-sent)',
      create: () => created('/contracts', { title: 'Support 2027', type: 'service', counterparty: { kind: 'party', name: 'Initech LLC' }, value: '12000.00', currency: 'EUR', startDate: '2027-01-01', termMonths: 12, tags: ['support'] }),
      same: (c) => ({ value: '12000', tags: c.tags, title: c.title, startDate: c.startDate, termMonths: c.termMonths }),
      change: () => ({ title: 'Support and maintenance 2027' }),
      topic: 'contracts.contract.updated',
    },
    // --- integrations ---
    {
      name: 'webhook subscription',
      create: () => created('/webhooks/subscriptions', { url: 'https://hooks.example.com/noop', eventTypes: ['hr.*', 'it.*'], description: 'CRM sync', active: false }),
      same: (c) => ({ active: c.active, description: c.description, eventTypes: c.eventTypes, url: c.url }),
      change: () => ({ description: 'CRM and ERP sync' }),
      field: 'description',
      topic: 'integrations.webhook_subscription.updated',
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s: re-sending its own values is 200 with the same version and ETag, no audit entry, no event; one real change is one of each', async (_name, c) => {
    const made = await c.create();
    const current = await t.http.get(made.path).set(admin);
    expect(current.status).toBe(200);
    const id = made.id || current.body.id;
    const [auditsBefore, eventsBefore] = [await audits(id), (await events(id)).length];

    const again = await t.http[c.method ?? 'patch'](made.path).set(admin).set('If-Match', current.headers.etag).send(c.same(current.body));
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: current.body });
    expect(again.headers.etag).toBe(current.headers.etag);
    expect(await audits(id)).toBe(auditsBefore);
    expect((await events(id)).length).toBe(eventsBefore);
    expect((await t.http.get(made.path).set(admin)).body).toEqual(current.body);

    // the precondition still comes first: a stale If-Match is 412 even for a no-op
    const stale = await t.http[c.method ?? 'patch'](made.path).set(admin).set('If-Match', `"${current.body.version + 7}"`).send(c.same(current.body));
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');

    const changed = await t.http[c.method ?? 'patch'](made.path).set(admin).set('If-Match', current.headers.etag).send(c.change(current.body));
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(current.body.version + 1);
    expect(changed.headers.etag).not.toBe(current.headers.etag);
    expect(await audits(id)).toBe(auditsBefore + 1);
    const published = (await events(id)).slice(eventsBefore);
    expect(published.map((e) => e.topic)).toEqual([c.topic]);
    if (c.field) expect(published[0].payload.changedFields).toEqual([c.field]);
  });

  it('contract in review: its terms and signers re-sent unchanged are a no-op; a term sent with another value is 409 terms_locked naming only it', async () => {
    const signers = [
      { name: 'Bob Counter', email: 'bob@globex.example', role: 'Procurement lead', party: 'counterparty' },
      { name: 'Ada Internal', email: 'ada@acme.example', role: 'CEO', party: 'internal' },
    ];
    const c = await post(t, '/contracts', { title: 'Hosting 2027', type: 'service', counterparty: { kind: 'party', name: 'Initech LLC' }, value: '900.00', currency: 'EUR', startDate: '2027-01-01', termMonths: 12, signers });
    expect((await t.http.post(`/contracts/${c.id}/submit`).set(admin)).status).toBe(200);
    const current = await t.http.get(`/contracts/${c.id}`).set(admin);
    expect(current.body.status).toBe('in_review');
    const [auditsBefore, eventsBefore] = [await audits(c.id), (await events(c.id)).length];

    // signers in another order with upper-case e-mails, the value spelled otherwise, the counterparty again
    const resent = { title: 'Hosting 2027', value: '900', termMonths: 12, counterparty: { name: 'Initech LLC', kind: 'party' }, signers: [...signers].reverse().map((x) => ({ ...x, email: x.email.toUpperCase() })) };
    const same = await t.http.patch(`/contracts/${c.id}`).set(admin).set('If-Match', current.headers.etag).send(resent);
    expect({ status: same.status, body: same.body }).toEqual({ status: 200, body: current.body });
    expect([await audits(c.id), (await events(c.id)).length]).toEqual([auditsBefore, eventsBefore]);

    const locked = await t.http.patch(`/contracts/${c.id}`).set(admin).set('If-Match', current.headers.etag).send({ ...resent, value: '950.00' });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'terms_locked', fields: ['value'] });
    expect([await audits(c.id), (await events(c.id)).length]).toEqual([auditsBefore, eventsBefore]);
  });

  it('IT priority matrix: replacing it with the same cells records nothing; one changed cell is one audit entry and one event', async () => {
    const matrix = await t.http.get('/it/priority-matrix').set(admin);
    const count = async () => ({
      audits: (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'it_priority_matrix'`))[0].n,
      events: (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'it.priority_matrix.replaced'`))[0].n,
    });
    const before = await count();
    const same = await t.http.put('/it/priority-matrix').set(admin).send({ cells: [...matrix.body.cells].reverse() });
    expect({ status: same.status, body: same.body }).toEqual({ status: 200, body: matrix.body });
    expect(await count()).toEqual(before);

    const cells = matrix.body.cells.map((x: Body) => (x.impact === 1 && x.urgency === 1 ? { ...x, priority: x.priority === 'P1' ? 'P2' : 'P1' } : x));
    expect((await t.http.put('/it/priority-matrix').set(admin).send({ cells })).status).toBe(200);
    expect(await count()).toEqual({ audits: before.audits + 1, events: before.events + 1 });
    const [last] = await t.sql<{ payload: Body }>(`SELECT payload FROM outbox_events WHERE topic = 'it.priority_matrix.replaced' ORDER BY occurred_at DESC, id DESC LIMIT 1`);
    expect(last.payload.changedCells).toEqual([{ impact: 1, urgency: 1 }]);
  });
});

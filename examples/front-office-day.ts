/**
 * A front-office day, played against a running API with the typed client (clients/typescript):
 * hire someone, plan their first shift, receive stock, sell and invoice it, take the payment,
 * open an IT ticket for the new hire, and register a signed service contract. It prints what it
 * did. Everything it creates carries a run tag, so it can run any number of times.
 *
 *   BACKOFFICE_URL=http://localhost:3000 BACKOFFICE_API_KEY=bo_... npm run example:front-office-day
 *
 * The key needs the write scopes of hr, inventory, invoicing, it and contracts (or `admin`).
 */
import { createBackOfficeClient, type Schemas } from '../clients/typescript';

const baseUrl = process.env.BACKOFFICE_URL ?? 'http://localhost:3000';
const apiKey = process.env.BACKOFFICE_API_KEY;
if (!apiKey) {
  process.stderr.write('Set BACKOFFICE_API_KEY (and BACKOFFICE_URL if the API is not on http://localhost:3000).\n');
  process.exit(2);
}

const api = createBackOfficeClient({ baseUrl, apiKey, actingUser: 'front-office-day example' });
const run = Date.now().toString(36).toUpperCase();
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The data of a successful call, or a stop with the problem the API returned. */
function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined || !result.response.ok) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

async function main(): Promise<void> {
  say(`A front-office day at ${baseUrl} (run ${run})`);

  // HR: a new colleague starting next Monday-ish, in a new team.
  const calendar = ok(
    'work calendar',
    await api.POST('/hr/calendars', { body: { name: `Shop ${run}`, timeZone: 'Europe/Berlin', country: 'DE', workingWeekdays: [1, 2, 3, 4, 5, 6], dailyHours: '8.00', location: `Shop ${run}` } }),
  );
  const department = ok('department', await api.POST('/hr/departments', { body: { code: `FO-${run}`.slice(0, 20), name: `Front office ${run}` } }));
  const hire = ok(
    'hire',
    await api.POST('/hr/employees', {
      body: { firstName: 'Dana', lastName: `Example-${run}`, workEmail: `dana.${run.toLowerCase()}@example.com`, hireDate: inDays(7), employmentType: 'full_time', departmentId: department.id, workCalendarId: calendar.id, country: 'DE' },
    }),
  );
  say(`hired ${hire.firstName} ${hire.lastName} (${hire.employeeNumber}) in ${department.name}, starting ${hire.hireDate}`);

  // Shifts: their first day on the counter.
  const shift = ok(
    'shift',
    await api.POST('/hr/shifts', { body: { employeeId: hire.id, startsAt: `${inDays(7)}T09:00:00+01:00`, endsAt: `${inDays(7)}T17:30:00+01:00`, breakMinutes: 30, location: `Shop ${run}` } }),
  );
  say(`planned a shift ${shift.startsAt} to ${shift.endsAt} at ${shift.location}`);

  // Inventory: 50 headsets arrive in the shop's stock room.
  const warehouse = ok('warehouse', await api.POST('/inventory/warehouses', { body: { code: `W${run}`.slice(0, 20), name: `Shop ${run}` } }));
  const bin = ok('location', await api.POST('/inventory/warehouses/{id}/locations', { params: { path: { id: warehouse.id } }, body: { code: 'STOCK', name: 'Stock room', kind: 'bin', receivable: true, pickable: true } }));
  const item = ok('item', await api.POST('/inventory/items', { body: { sku: `HEADSET-${run}`, name: 'Wireless headset', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'moving_average' } }));
  ok('receipt', await api.POST('/inventory/stock-moves', { body: { kind: 'receipt', itemId: item.id, toLocationId: bin.id, quantity: '50', unitCost: '31.2000' } }));
  say(`received 50 × ${item.name} (${item.sku}) at 31.20 into ${warehouse.name}`);

  // Invoicing: sell 3 headsets and an hour of setup to a new customer.
  const seller = ok('seller profile', await api.GET('/invoicing/seller-profiles', { params: { query: { limit: 1 } } }));
  if (seller.data.length === 0) {
    ok('seller profile', await api.POST('/invoicing/seller-profiles', { body: { legalName: 'Example Back Office GmbH', vatId: 'DE123456789', companyId: 'HRB 12345', address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' }, email: 'billing@example.com', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } }));
  }
  const customer = ok(
    'customer',
    await api.POST('/invoicing/customers', { body: { legalName: `Globex ${run} GmbH`, vatId: 'DE811907980', billingAddress: { line1: 'Friedrichstraße 100', city: 'Berlin', postalCode: '10117', countryCode: 'DE' }, email: 'ap@globex.example', currency: 'EUR', paymentTermsDays: 14 } }),
  );
  const categories = ok('tax categories', await api.GET('/invoicing/tax-categories', { params: { query: { limit: 200 } } }));
  const vat =
    categories.data.find((c) => c.code === 'S' && Number(c.rate) === 19) ??
    ok('tax category', await api.POST('/invoicing/tax-categories', { body: { code: 'S', rate: '19', name: 'Standard rate 19%', validFrom: '2020-01-01' } }));
  const series = ok('series', await api.POST('/invoicing/series', { body: { code: `FO${run}`.slice(0, 20), name: `Front office ${run}`, pattern: `FO-{YYYY}-{00000}`, yearlyReset: true } }));
  const headset = ok('product', await api.POST('/invoicing/products', { body: { code: `HS-${run}`, name: 'Wireless headset', unitCode: 'C62', unitPrice: '79.00', taxCategoryId: vat.id, inventoryItemId: item.id, stockLocationId: bin.id } }));
  const draft = ok(
    'draft invoice',
    await api.POST('/invoicing/invoices', {
      body: { customerId: customer.id, seriesId: series.id, lines: [{ productId: headset.id, quantity: '3' }, { description: 'Setup, on site', quantity: '1', unitCode: 'HUR', unitPrice: '95.00', taxCategoryId: vat.id }] },
    }),
  );
  const invoice = ok('issue', await api.POST('/invoicing/invoices/{id}/issue', { params: { path: { id: draft.id } } }));
  say(`issued invoice ${invoice.number} to ${customer.legalName}: ${invoice.totals.taxExclusiveAmount} net + ${invoice.totals.taxTotal} VAT = ${invoice.totals.payableAmount} ${invoice.currency}, due ${invoice.dueDate}`);
  const stock = ok('stock', await api.GET('/inventory/stock', { params: { query: { itemId: item.id } } }));
  say(`stock of ${item.sku} now ${stock.data.map((l: Schemas['StockLevelDto']) => l.onHand).join(', ')}`);

  // The customer pays by card at the counter.
  const payment = ok(
    'payment',
    await api.POST('/invoicing/payments', { body: { customerId: customer.id, amount: invoice.totals.payableAmount, receivedOn: today, method: 'card', reference: `POS-${run}`, allocations: [{ invoiceId: invoice.id, amount: invoice.totals.payableAmount }] } }),
  );
  const paid = ok('invoice', await api.GET('/invoicing/invoices/{id}', { params: { path: { id: invoice.id } } }));
  say(`took payment ${payment.amount} ${payment.currency} by card; invoice ${paid.number} is ${paid.status}`);

  // IT: the new hire needs a headset on their desk on day one.
  const ticket = ok(
    'ticket',
    await api.POST('/it/tickets', { body: { title: `Headset and softphone for ${hire.firstName} ${hire.lastName}`, type: 'service_request', category: 'hardware', impact: 3, urgency: 2, requesterId: hire.id, dueDate: inDays(6) } }),
  );
  say(`opened ${ticket.number} (${ticket.priority}) "${ticket.title}", status ${ticket.status}`);

  // Contracts: a year of on-site support for the customer, signed by both sides today.
  const contract = ok(
    'contract',
    await api.POST('/contracts', {
      body: {
        title: `On-site support ${run}`,
        type: 'service',
        counterparty: { kind: 'customer', customerId: customer.id },
        ownerEmployeeId: hire.id,
        value: '2400.00',
        currency: 'EUR',
        startDate: today,
        termMonths: 12,
        renewalType: 'automatic',
        renewalTermMonths: 12,
        noticePeriod: { value: 3, unit: 'months' },
        signers: [
          { name: 'Dana Example', email: `dana.${run.toLowerCase()}@example.com`, role: 'Account manager', party: 'internal' },
          { name: 'Hank Scorpio', email: 'hank@globex.example', role: 'Managing director', party: 'counterparty' },
        ],
      },
    }),
  );
  let current = ok('submit', await api.POST('/contracts/{id}/submit', { params: { path: { id: contract.id } } }));
  current = ok('approve', await api.POST('/contracts/{id}/approve', { params: { path: { id: contract.id } } }));
  for (const signer of current.signers) current = ok('sign', await api.POST('/contracts/{id}/sign', { params: { path: { id: contract.id } }, body: { signerId: signer.id } }));
  say(`registered contract ${current.number} "${current.title}": ${current.status}, ends ${current.endDate}, notice deadline ${current.noticeDeadline}`);

  say('Done: one hire, one shift, one stock receipt, one invoice paid, one ticket, one contract.');
}

main().catch((err: unknown) => {
  process.stderr.write(`front-office day stopped: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

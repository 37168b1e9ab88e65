#!/usr/bin/env node
// `npm run bench:mixed` (part of `npm run bench`): the whole API under a front-office day.
//  1. scaling: GET /hr/employees/{id} and GET /hr/employees?limit=50 at 10,000 and at 1,000,000
//     employees; the ratio big/small must stay within 1.5x (indexes, keyset pagination, no scans);
//  2. a mixed load (reads and writes across HR, inventory and invoicing, weighted like a day at the
//     front office) with autocannon: throughput, p50/p99, and zero errors;
//  3. the read paths of that mix beside the bare node:http + pg server (bench/bare-server.mjs);
//  4. memory: the API's resident memory after the mixed load and after a 100,000-row CSV export.
// Figures are ratios within this run; see bench/README.md. Env: BENCH_DURATION (10), BENCH_WARMUP (3),
// BENCH_CONNECTIONS (20), BENCH_BIG_ROWS (1000000), BENCH_DATABASE_URL.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  autocannonRun, exitWith, installExitHandlers, intEnv, loadEmployees, logger, memoryMiB, newApiKey, prepareDatabase, resetPeakRss, RESULTS_DIR,
  runMain, startApi, startServer, table,
} from './lib.mjs';

const S = {
  duration: intEnv('BENCH_DURATION', 10, 1, 600),
  warmup: intEnv('BENCH_WARMUP', 3, 0, 120),
  connections: intEnv('BENCH_CONNECTIONS', 20, 1, 500),
  smallRows: 10_000,
  exportRows: 100_000,
  bigRows: intEnv('BENCH_BIG_ROWS', 1_000_000, 200_000, 10_000_000),
};
const log = logger('bench:mixed');
installExitHandlers(log);
const API_KEY = newApiKey();
const AUTH = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };

const cannon = (url, requests, duration) => autocannonRun({ url, connections: S.connections, duration, timeout: 10, headers: AUTH, requests });

async function run(name, url, requests) {
  if (S.warmup) await cannon(url, requests, S.warmup);
  const r = await cannon(url, requests, S.duration);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  const result = { name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts, statusCodes };
  log(`${name}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
  return result;
}

async function call(base, method, p, body) {
  const res = await fetch(`${base}${p}`, { method, headers: body ? JSON_HEADERS : AUTH, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Master data for the mix: seller, customers, a VAT rate, a series, a warehouse, stocked products. */
async function setUpSales(api) {
  const address = { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };
  await call(api, 'POST', '/invoicing/seller-profiles', { legalName: 'Acme GmbH', vatId: 'DE123456789', companyId: 'HRB 1', address, email: 'billing@acme.example', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
  const customers = [];
  for (let i = 0; i < 20; i++) {
    customers.push((await call(api, 'POST', '/invoicing/customers', { legalName: `Customer ${i} Ltd`, billingAddress: { ...address, city: 'Munich' }, email: `ap${i}@customer.example`, currency: 'EUR', paymentTermsDays: 30 })).id);
  }
  const vat = (await call(api, 'POST', '/invoicing/tax-categories', { code: 'S', rate: '19', name: 'Standard 19%', validFrom: '2020-01-01' })).id;
  const series = (await call(api, 'POST', '/invoicing/series', { code: 'BENCH', name: 'Bench', pattern: 'B-{YYYY}-{000000}', yearlyReset: true })).id;
  const warehouse = await call(api, 'POST', '/inventory/warehouses', { code: 'MAIN', name: 'Main warehouse' });
  const bin = (await call(api, 'POST', `/inventory/warehouses/${warehouse.id}/locations`, { code: 'A1', name: 'Bin A1', kind: 'bin', receivable: true, pickable: true })).id;
  const items = [];
  for (let i = 0; i < 20; i++) {
    const item = await call(api, 'POST', '/inventory/items', { sku: `SKU-${i}`, name: `Item ${i}`, unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'moving_average' });
    await call(api, 'POST', '/inventory/stock-moves', { kind: 'receipt', itemId: item.id, toLocationId: bin, quantity: '1000000', unitCost: '2.5000' });
    items.push(item.id);
  }
  return { customers, vat, series, bin, items };
}

/** A front-office day: mostly reads, some writes, across modules (autocannon cycles through the list). */
function dayOfRequests(ids, sales) {
  let n = 0;
  const pick = (xs) => xs[n++ % xs.length];
  const get = (p) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: typeof p === 'function' ? p() : p }) });
  const post = (p, body) => ({ method: 'POST', path: p, setupRequest: (req) => ({ ...req, headers: JSON_HEADERS, body: JSON.stringify(body()) }) });
  const employee = () => `/hr/employees/${pick(ids)}`;
  return [
    get(employee), get(employee), get(employee), get('/hr/employees?limit=50'),
    get(employee), get(() => `/inventory/stock?itemId=${pick(sales.items)}`), get('/invoicing/invoices?limit=20'),
    post('/invoicing/invoices', () => ({ customerId: pick(sales.customers), seriesId: sales.series, lines: [{ description: 'Consulting', quantity: '3', unitPrice: '120.00', taxCategoryId: sales.vat }, { description: 'Travel', quantity: '1', unitPrice: '80.50', taxCategoryId: sales.vat }] })),
    get(employee), get('/hr/employees?limit=50&sort=-hireDate'), get(() => `/invoicing/customers/${pick(sales.customers)}`),
    post('/inventory/stock-moves', () => ({ kind: 'issue', itemId: pick(sales.items), fromLocationId: sales.bin, quantity: '1', reason: 'counter sale' })),
    get(employee), get('/audit-events?limit=20'),
    post('/hr/employees', () => {
      const u = `${Date.now().toString(36)}${n++}`;
      return { firstName: 'Bench', lastName: `Hire${u}`, workEmail: `bench.${u}@example.com`, hireDate: '2026-12-01', employmentType: 'full_time', country: 'DE' };
    }),
  ];
}

async function main() {
  const started = new Date();
  const { dbUrl, client, pgVersion, uuidExpr } = await prepareDatabase(log);
  const loadTo = async (from, to) => {
    const t0 = Date.now();
    await loadEmployees(client, from, to, uuidExpr);
    await client.query('VACUUM (ANALYZE) hr_employees');
    log(`employees ${from}..${to} loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  const sampleIds = async () => (await client.query('SELECT id FROM hr_employees ORDER BY random() LIMIT 5000')).rows.map((r) => r.id);

  await loadTo(1, S.smallRows);
  const api = await startApi('mixed-api', dbUrl, API_KEY);
  const { url: bareUrl } = await startServer('mixed-bare', ['bench/bare-server.mjs'], { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: dbUrl, BENCH_API_KEY: API_KEY }, log);

  const byId = (ids) => [{ method: 'GET', setupRequest: (() => { let i = 0; return (req) => ({ ...req, path: `/hr/employees/${ids[i++ % ids.length]}` }); })() }];
  const list = [{ method: 'GET', path: '/hr/employees?limit=50' }];

  // 1. scaling, small table
  let ids = await sampleIds();
  const small = { byId: await run(`by id @ ${S.smallRows}`, api.url, byId(ids)), list: await run(`list @ ${S.smallRows}`, api.url, list) };

  // 2. the mixed day, and 3. its read paths against the bare server
  const sales = await setUpSales(api.url);
  const mixed = await run('mixed front-office day', api.url, dayOfRequests(ids, sales));
  const memAfterMixed = memoryMiB(api.pid);
  const readMix = [...byId(ids), ...byId(ids), ...list];
  const readsApi = await run('read paths -> API', api.url, readMix);
  const readsBare = await run('read paths -> bare', bareUrl, readMix);

  // 4. memory during a 100,000-row CSV export
  await loadTo(S.smallRows + 1, S.exportRows);
  const memBeforeExport = memoryMiB(api.pid);
  resetPeakRss(api.pid);
  const t0 = Date.now();
  const csv = await fetch(`${api.url}/hr/employees?sort=lastName`, { headers: { ...AUTH, accept: 'text/csv' } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of csv.body) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const exportSeconds = (Date.now() - t0) / 1000;
  const memAfterExport = memoryMiB(api.pid);
  log(`CSV export: ${lines - 1} rows, ${(bytes / 1048576).toFixed(1)} MiB in ${exportSeconds.toFixed(1)} s; API RSS ${memBeforeExport?.rss} MiB before, peak ${memAfterExport?.peak} MiB during, ${memAfterExport?.rss} MiB after`);

  // 1. scaling, big table
  await loadTo(S.exportRows + 1, S.bigRows);
  ids = await sampleIds();
  const big = { byId: await run(`by id @ ${S.bigRows}`, api.url, byId(ids)), list: await run(`list @ ${S.bigRows}`, api.url, list) };

  const ratio = (a, b) => Number((a / b).toFixed(2));
  const scaling = {
    byIdSlowdown: ratio(small.byId.rps, big.byId.rps),
    listSlowdown: ratio(small.list.rps, big.list.rps),
  };
  const all = [small.byId, small.list, mixed, readsApi, readsBare, big.byId, big.list];
  const failures = all.filter((r) => r.non2xx || r.errors || !r.total);
  const output = [
    '',
    `Mixed load ${started.toISOString()}  node ${process.version}  PostgreSQL ${pgVersion}  ${os.cpus().length} CPUs; ${S.connections} connections, ${S.duration} s runs after ${S.warmup} s warm-up`,
    '',
    table([['run', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'], ...all.map((r) => [r.name, r.rps, r.p50, r.p99, r.total, r.non2xx, r.errors])]),
    '',
    `scaling ${S.smallRows} -> ${S.bigRows} employees: by id ${scaling.byIdSlowdown}x slower, list ${scaling.listSlowdown}x slower (target <= 1.5x: ${Math.max(scaling.byIdSlowdown, scaling.listSlowdown) <= 1.5 ? 'met' : 'MISSED'})`,
    `read paths: API ${readsApi.rps} req/s vs bare ${readsBare.rps} req/s = ${Math.round((100 * readsApi.rps) / readsBare.rps)}%`,
    `API memory: after the mixed load RSS ${memAfterMixed?.rss} MiB (peak ${memAfterMixed?.peak}); before a ${lines - 1}-row CSV export RSS ${memBeforeExport?.rss} MiB, peak during it ${memAfterExport?.peak} MiB, after it ${memAfterExport?.rss} MiB`,
    '',
  ];
  process.stdout.write(output.join('\n'));
  await writeFile(path.join(RESULTS_DIR, 'mixed.json'), `${JSON.stringify({ started, settings: S, small, big, mixed, readsApi, readsBare, scaling, memory: { afterMixed: memAfterMixed, beforeExport: memBeforeExport, afterExport: memAfterExport, exportRows: lines - 1, exportBytes: bytes, exportSeconds } }, null, 2)}\n`);
  if (failures.length) {
    log(`FAILED: non-2xx or errors in ${failures.map((f) => `${f.name} ${JSON.stringify(f.statusCodes)}`).join(', ')}`);
    return exitWith(1);
  }
  return exitWith(0);
}

runMain(main, log);

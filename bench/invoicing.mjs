#!/usr/bin/env node
// `npm run bench:invoicing`: the aging report over HTTP on 1,000,000 invoices against the same
// aging computed by one hand-written SQL query, on the same database, in the same run. Reports
// ratios, never a timed assertion; exits non-zero only when a request fails or the API and the SQL
// disagree.
//
// Env knobs: BENCH_INVOICES (1000000), BENCH_CUSTOMERS (2000), BENCH_SAMPLES (15 timed runs per
// case after BENCH_WARMUP_SAMPLES, 3), DB_POOL_SIZE (10), BENCH_DATABASE_URL (use that server; a
// scratch database is created on it and dropped afterwards).
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const HOST = '127.0.0.1';
const API_KEY = `bench_${randomBytes(24).toString('base64url')}`;

function intEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`${name} must be an integer between ${min} and ${max} (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

const S = {
  invoices: intEnv('BENCH_INVOICES', 1_000_000, 1000, 20_000_000),
  customers: intEnv('BENCH_CUSTOMERS', 2000, 10, 1_000_000),
  samples: intEnv('BENCH_SAMPLES', 15, 3, 10_000),
  warmup: intEnv('BENCH_WARMUP_SAMPLES', 3, 0, 1000),
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
};

const log = (m) => process.stderr.write(`[bench:invoicing] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- cleanup: every resource registers its release; run once, in reverse order ---------------
const cleanups = [];
let cleaningUp = null;
function cleanup() {
  cleaningUp ??= (async () => {
    while (cleanups.length) {
      const { what, fn } = cleanups.pop();
      try {
        await Promise.race([Promise.resolve().then(fn), sleep(40_000).then(() => { throw new Error('timed out'); })]);
      } catch (err) {
        log(`cleanup: ${what} failed: ${err.message}`);
      }
    }
  })();
  return cleaningUp;
}
async function exitWith(code) {
  await cleanup();
  process.exit(code);
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.on(signal, () => void exitWith(code));
process.on('unhandledRejection', (err) => {
  if (cleaningUp) return;
  log(`error: ${err?.stack ?? err}`);
  void exitWith(1);
});

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// --- database ---------------------------------------------------------------------------------
async function prepareDatabase() {
  const { startEmbeddedPostgres, ensureDatabase } = require(path.join(ROOT, 'dist/src/platform/database/embedded-postgres.js'));
  const { runMigrations } = require(path.join(ROOT, 'dist/src/platform/database/migrator.js'));
  const dbName = `backoffice_bench_invc_${process.pid}_${Date.now().toString(36)}`;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'backoffice-bench-invc-'));
    cleanups.push({ what: 'remove temp dir', fn: () => rm(tmp, { recursive: true, force: true }) });
    const port = await freePort();
    log(`starting embedded PostgreSQL on ${HOST}:${port}`);
    const embedded = await startEmbeddedPostgres({ dataDir: tmp, port, log: () => undefined });
    cleanups.push({ what: 'stop embedded PostgreSQL', fn: () => embedded.stop() });
    adminUrl = embedded.url('postgres');
  }
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  await ensureDatabase(adminUrl, dbName);
  if (process.env.BENCH_DATABASE_URL) {
    cleanups.push({
      what: `drop database ${dbName}`,
      fn: async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    });
  }
  await runMigrations(url.toString());
  return url.toString();
}

/**
 * Customers, one series and the invoices in one INSERT ... SELECT generate_series: 60 % paid,
 * 30 % issued, 10 % partially paid; issue dates over the past 400 days, due 30 days later, so the
 * open ones spread over every aging bucket.
 */
async function loadData(db) {
  await db.query(`
    INSERT INTO invc_customers (id, legal_name, billing_address, currency, payment_terms_days)
    SELECT gen_random_uuid(), 'Customer ' || lpad(c::text, 7, '0'), '{"line1":"Street 1","line2":null,"city":"Berlin","postalCode":"10115","countryCode":"DE"}', 'EUR', 30
      FROM generate_series(1, ${S.customers}) c;
    CREATE TEMP TABLE bench_customers AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id FROM invc_customers;
    INSERT INTO invc_series (id, code, name, pattern, yearly_reset) VALUES (gen_random_uuid(), 'BENCH', 'Bench', 'B-{00000000}', false);
  `);
  await db.query(`
    INSERT INTO invc_invoices (id, status, series_id, customer_id, currency, number, issue_date, due_date,
                               line_total, allowance_total, charge_total, tax_exclusive_amount, tax_total, tax_inclusive_amount,
                               prepaid_amount, payable_amount, tax_breakdown, customer_snapshot, seller_snapshot, issued_at,
                               paid_amount, amount_due)
    SELECT gen_random_uuid(), st.status, (SELECT id FROM invc_series WHERE code = 'BENCH'), c.id, 'EUR', 'B-' || lpad(g::text, 8, '0'),
           d.issue_date, d.issue_date + 30,
           a.net, 0, 0, a.net, a.tax, a.net + a.tax, 0, a.net + a.tax, '[]', '{}', '{}', d.issue_date::timestamptz,
           CASE st.status WHEN 'paid' THEN a.net + a.tax WHEN 'partially_paid' THEN round((a.net + a.tax) / 2, 2) ELSE 0 END,
           CASE st.status WHEN 'paid' THEN 0 WHEN 'partially_paid' THEN a.net + a.tax - round((a.net + a.tax) / 2, 2) ELSE a.net + a.tax END
      FROM generate_series(1, ${S.invoices}) g
      JOIN bench_customers c ON c.n = g % ${S.customers}
      CROSS JOIN LATERAL (SELECT (current_date - (g::bigint * 7919 % 400)::int)::date AS issue_date) d
      CROSS JOIN LATERAL (SELECT (10 + g % 990)::numeric(18, 4) AS net) n
      CROSS JOIN LATERAL (SELECT n.net, round(n.net * 0.19, 2) AS tax) a
      CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 < 6 THEN 'paid' WHEN g % 10 < 9 THEN 'issued' ELSE 'partially_paid' END AS status) st
  `);
  await db.query('VACUUM (ANALYZE) invc_invoices, invc_customers');
}

// --- the API ----------------------------------------------------------------------------------
async function startApi(dbUrl) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const port = await freePort();
  const file = createWriteStream(path.join(RESULTS_DIR, 'invoicing-api.log'));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      HOST,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_KEY: API_KEY,
      RATE_LIMIT_PER_MINUTE: '1000000',
      JOBS_ENABLED: 'false',
      DB_POOL_SIZE: String(S.poolSize),
    },
  });
  child.stdout.pipe(file);
  child.stderr.pipe(file);
  let exited = false;
  const done = new Promise((r) => child.on('exit', () => { exited = true; r(); }));
  cleanups.push({
    what: 'stop the API',
    fn: async () => {
      if (!exited) child.kill('SIGTERM');
      await Promise.race([done, sleep(15_000).then(() => child.kill('SIGKILL'))]);
    },
  });
  const base = `http://${HOST}:${port}`;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(200)) {
    if (exited) throw new Error('the API exited before it was ready; see bench/results/invoicing-api.log');
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return base;
    } catch {
      // not listening yet
    }
  }
  throw new Error('the API was not ready after 90 s');
}

let failures = 0;
async function api(base, pathAndQuery) {
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  const body = await res.json();
  if (res.status !== 200) {
    failures++;
    throw new Error(`GET ${pathAndQuery}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Times `run(i)` sequentially: warm-up, then samples; returns the median in ms. */
async function time(run, samples = S.samples, warmup = S.warmup) {
  for (let i = 0; i < warmup; i++) await run(i);
  const ms = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await run(warmup + i);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}


// --- hand-written SQL, the baseline ---------------------------------------------------------
// The aging as one would write it by hand: every open invoice issued by asOf, bucketed and summed
// per customer and currency; $2 customers' rows (null: the whole report).
const HAND_WRITTEN = `
  SELECT i.customer_id, c.legal_name, i.currency,
         coalesce(sum(i.amount_due) FILTER (WHERE i.due_date >= $1::date), 0) AS current,
         coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date BETWEEN 1 AND 30), 0) AS d1,
         coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date BETWEEN 31 AND 60), 0) AS d31,
         coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date BETWEEN 61 AND 90), 0) AS d61,
         coalesce(sum(i.amount_due) FILTER (WHERE $1::date - i.due_date > 90), 0) AS d90,
         sum(i.amount_due) AS total, count(*) AS open_invoices
    FROM invc_invoices i JOIN invc_customers c ON c.id = i.customer_id
   WHERE i.status IN ('issued', 'partially_paid') AND i.issue_date <= $1::date
   GROUP BY i.customer_id, c.legal_name, i.currency
   ORDER BY i.customer_id, i.currency
   LIMIT $2`;

/** Every page of the report over HTTP, following nextCursor. */
async function agingOverHttp(base, asOf, limit) {
  const rows = [];
  let cursor = null;
  do {
    const page = await api(base, `/invoicing/reports/aging?asOf=${asOf}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function main() {
  const started = Date.now();
  const dbUrl = await prepareDatabase();
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  cleanups.push({ what: 'close the SQL client', fn: () => db.end() });
  log(`loading ${S.invoices} invoices of ${S.customers} customers…`);
  const t0 = Date.now();
  await loadData(db);
  const { rows: [{ n: invoices, open }] } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status IN ('issued', 'partially_paid'))::int AS open FROM invc_invoices`);
  log(`${invoices} invoices (${open} open) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const base = await startApi(dbUrl);
  const asOf = new Date().toISOString().slice(0, 10);

  // Parity: every page of the API equals the hand-written report.
  const apiRows = (await agingOverHttp(base, asOf, 200)).map((r) => [r.customerId, r.currency, r.current, r.days1to30, r.days31to60, r.days61to90, r.days90plus, r.total, r.openInvoices]);
  const sqlRows = (await db.query(HAND_WRITTEN, [asOf, null])).rows.map((r) => [r.customer_id, r.currency, ...[r.current, r.d1, r.d31, r.d61, r.d90, r.total].map((v) => Number(v).toFixed(2)), Number(r.open_invoices)]);
  if (!isDeepStrictEqual(apiRows, sqlRows)) {
    failures++;
    log(`aging parity FAILED: API ${apiRows.length} rows, SQL ${sqlRows.length} rows`);
  }

  const results = { settings: S, invoices, open, cases: {} };
  const cases = [
    {
      name: 'aging, first page of 200 customers',
      api: () => api(base, `/invoicing/reports/aging?asOf=${asOf}&limit=200`),
      sql: () => db.query(HAND_WRITTEN, [asOf, 200]),
    },
    {
      name: `aging, whole report (${S.customers} customers; API in pages of 200)`,
      api: () => agingOverHttp(base, asOf, 200),
      sql: () => db.query(HAND_WRITTEN, [asOf, null]),
    },
  ];
  for (const c of cases) {
    const apiMs = await time(c.api);
    const sqlMs = await time(c.sql);
    results.cases[c.name] = { apiMs, sqlMs, ratio: apiMs / sqlMs, target: 1.5 };
  }

  const pad = (s, n) => String(s).padEnd(n);
  const fmt = (x) => x.toFixed(2);
  process.stdout.write(`\nInvoicing bench: ${invoices} invoices (${open} open), ${S.customers} customers; median of ${S.samples} sequential runs\n\n`);
  process.stdout.write(`${pad('case', 66)}${pad('API ms', 10)}${pad('SQL ms', 10)}${pad('API/SQL', 9)}target\n`);
  for (const [name, r] of Object.entries(results.cases)) {
    process.stdout.write(`${pad(name, 66)}${pad(fmt(r.apiMs), 10)}${pad(fmt(r.sqlMs), 10)}${pad(fmt(r.ratio), 9)}≤ ${r.target}${r.ratio <= r.target ? '' : '  (missed)'}\n`);
  }
  process.stdout.write('\n');
  await writeFile(path.join(RESULTS_DIR, 'invoicing-latest.json'), JSON.stringify({ ...results, failures, seconds: (Date.now() - started) / 1000 }, null, 2));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; bench/results/invoicing-latest.json`);
  await exitWith(failures ? 1 : 0);
}

main().catch(async (err) => {
  log(`error: ${err?.stack ?? err}`);
  await exitWith(1);
});

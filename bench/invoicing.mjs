#!/usr/bin/env node
// `npm run bench:invoicing`: the aging report over HTTP on 1,000,000 invoices against the same
// aging computed by one hand-written SQL query, on the same database, in the same run. Reports
// ratios, never a timed assertion; exits non-zero only when a request fails or the API and the SQL
// disagree.
//
// Env knobs: BENCH_INVOICES (1000000), BENCH_CUSTOMERS (2000), BENCH_SAMPLES (15 timed runs per
// case after BENCH_WARMUP_SAMPLES, 3), DB_POOL_SIZE (10), BENCH_DATABASE_URL (use that server; a
// scratch database is created on it and dropped afterwards).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  apiRequester, exitWith, installExitHandlers, intEnv, logger, medianMs, newApiKey, prepareDatabase, RESULTS_DIR, runMain, startApi,
} from './lib.mjs';

const API_KEY = newApiKey();

const S = {
  invoices: intEnv('BENCH_INVOICES', 1_000_000, 1000, 20_000_000),
  customers: intEnv('BENCH_CUSTOMERS', 2000, 10, 1_000_000),
  samples: intEnv('BENCH_SAMPLES', 15, 3, 10_000),
  warmup: intEnv('BENCH_WARMUP_SAMPLES', 3, 0, 1000),
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
};

const log = logger('bench:invoicing');
installExitHandlers(log);

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

let failures = 0;
const request = apiRequester(API_KEY, { ok: (status) => status === 200, onFail: () => failures++ });
const api = (base, pathAndQuery) => request(base, 'GET', pathAndQuery);

/** Times `run(i)` sequentially: warm-up, then samples; returns the median in ms. */
const time = (run, samples = S.samples, warmup = S.warmup) => medianMs(run, samples, warmup);

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
  const { dbUrl, client: db } = await prepareDatabase(log, { tag: 'invc' });
  log(`loading ${S.invoices} invoices of ${S.customers} customers…`);
  const t0 = Date.now();
  await loadData(db);
  const { rows: [{ n: invoices, open }] } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status IN ('issued', 'partially_paid'))::int AS open FROM invc_invoices`);
  log(`${invoices} invoices (${open} open) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { url: base } = await startApi('invoicing-api', dbUrl, API_KEY, { DB_POOL_SIZE: String(S.poolSize) });
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

runMain(main, log);

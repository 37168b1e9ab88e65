#!/usr/bin/env node
// `npm run bench:inventory`: inventory stock and valuation endpoints against the equivalent
// hand-written SQL, run from this process on the same database, in the same run; and the
// single-item balance lookup at 10,000 and at 1,000,000 moves. Reports ratios, never a timed
// assertion; exits non-zero only when a request fails or the API and the SQL disagree.
//
// Env knobs: BENCH_ITEMS (10000), BENCH_MOVES_PER_ITEM (100: 1 opening receipt + 99 more),
// BENCH_SAMPLES (30 timed requests per case after BENCH_WARMUP_SAMPLES, 5), BENCH_LOOKUP_SAMPLES (300
// single-item lookups, after as many for warm-up), DB_POOL_SIZE (10),
// BENCH_DATABASE_URL (use that server; a scratch database is created on it and dropped afterwards).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  apiRequester, exitWith, installExitHandlers, interleavedMediansMs, intEnv, logger, medianMs, newApiKey, prepareDatabase, RESULTS_DIR, runMain, startApi, startServer,
} from './lib.mjs';

const API_KEY = newApiKey();

const S = {
  items: intEnv('BENCH_ITEMS', 10_000, 100, 1_000_000),
  movesPerItem: intEnv('BENCH_MOVES_PER_ITEM', 100, 4, 10_000),
  samples: intEnv('BENCH_SAMPLES', 30, 3, 10_000),
  warmup: intEnv('BENCH_WARMUP_SAMPLES', 5, 0, 1000),
  lookupSamples: intEnv('BENCH_LOOKUP_SAMPLES', 300, 10, 100_000),
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
  warehouses: 4,
  binsPerWarehouse: 5,
};
const LOCATIONS = S.warehouses * S.binsPerWarehouse;

const log = logger('bench:inventory');
installExitHandlers(log);

/**
 * Master data and the opening receipt of every item (phase 1: one move per item). Each item has a
 * home bin (item number mod 20) and one unit cost, so moving average and FIFO cost out the same.
 */
async function loadMasterData(db) {
  await db.query(`
    INSERT INTO inv_warehouses (id, code, name, active)
    SELECT gen_random_uuid(), 'W' || w, 'Warehouse ' || w, true FROM generate_series(1, ${S.warehouses}) w;
    INSERT INTO inv_locations (id, warehouse_id, code, name, kind, receivable, pickable, active)
    SELECT gen_random_uuid(), w.id, 'B' || b, 'Bin ' || b, 'bin', true, true, true
      FROM inv_warehouses w CROSS JOIN generate_series(1, ${S.binsPerWarehouse}) b;
    CREATE TEMP TABLE bench_locations AS SELECT (row_number() OVER (ORDER BY code, warehouse_id) - 1)::int AS n, id FROM inv_locations;
    INSERT INTO inv_items (id, sku, name, unit_of_measure, tracking, valuation_method, reorder_point, reorder_quantity, active)
    SELECT gen_random_uuid(), 'SKU-' || lpad(i::text, 7, '0'), 'Item ' || i, 'pcs', 'none',
           CASE WHEN i % 2 = 0 THEN 'fifo' ELSE 'moving_average' END, 50, 200, true
      FROM generate_series(1, ${S.items}) i;
    CREATE TEMP TABLE bench_items AS
      SELECT (row_number() OVER (ORDER BY sku) - 1)::int AS n, id, (1 + (row_number() OVER (ORDER BY sku)) % 97)::numeric(18,4) AS cost FROM inv_items;
    INSERT INTO inv_item_valuations (item_id) SELECT id FROM inv_items;
  `);
  await insertMoves(db, 0, 1);
}

/**
 * Moves k in [from, to) of every item: k = 0 is an opening receipt of 100 at the home bin; then in
 * turn a receipt of 10, a transfer of 4 to another bin and an issue of 5 from the home bin (the
 * home bin gains 1 per round, so stock never goes below zero). Spread over the past year.
 */
async function insertMoves(db, from, to) {
  const span = S.movesPerItem;
  for (let k = from; k < to; k++) {
    await db.query(
      `INSERT INTO inv_stock_moves (id, kind, item_id, quantity, from_location_id, to_location_id, unit_cost, total_cost,
                                    reference_type, actor_key_name, occurred_at)
       SELECT gen_random_uuid(), m.kind, i.id, m.qty,
              CASE WHEN m.kind IN ('transfer', 'issue') THEN home.id END,
              CASE m.kind WHEN 'receipt' THEN home.id WHEN 'transfer' THEN other.id END,
              CASE WHEN m.kind <> 'transfer' THEN i.cost END,
              CASE WHEN m.kind <> 'transfer' THEN i.cost * m.qty END,
              'manual', 'bench',
              now() - interval '365 days' + ($1::int * interval '365 days') / $2::int + i.n * interval '1 millisecond'
         FROM bench_items i
         JOIN bench_locations home ON home.n = i.n % ${LOCATIONS}
         JOIN bench_locations other ON other.n = (i.n + 1 + $1::int % 7) % ${LOCATIONS}
         CROSS JOIN LATERAL (SELECT CASE WHEN $1::int = 0 THEN 'receipt' ELSE (ARRAY['issue', 'receipt', 'transfer'])[1 + $1::int % 3] END AS kind) k
         CROSS JOIN LATERAL (SELECT k.kind, CASE WHEN $1::int = 0 THEN 100 WHEN k.kind = 'receipt' THEN 10 WHEN k.kind = 'transfer' THEN 4 ELSE 5 END::numeric AS qty) m`,
      [k, span],
    );
  }
}

/** Rebuilds the balance and valuation tables from the ledger (what posting keeps up to date). */
async function rebuildBalances(db) {
  await db.query(`
    TRUNCATE inv_stock_levels;
    INSERT INTO inv_stock_levels (item_id, location_id, sku, on_hand)
    SELECT s.item_id, s.location_id, i.sku, s.on_hand FROM (SELECT item_id, location_id, sum(q) AS on_hand FROM (
      SELECT item_id, to_location_id AS location_id, quantity AS q FROM inv_stock_moves WHERE to_location_id IS NOT NULL
      UNION ALL
      SELECT item_id, from_location_id, -quantity FROM inv_stock_moves WHERE from_location_id IS NOT NULL
    ) m GROUP BY item_id, location_id) s JOIN inv_items i ON i.id = s.item_id;
    UPDATE inv_item_valuations v SET quantity = s.q, value = s.v FROM (
      SELECT item_id, sum(CASE WHEN to_location_id IS NOT NULL THEN quantity ELSE -quantity END) AS q,
             sum(CASE WHEN to_location_id IS NOT NULL THEN total_cost ELSE -total_cost END) AS v
        FROM inv_stock_moves WHERE kind <> 'transfer' GROUP BY item_id
    ) s WHERE s.item_id = v.item_id;
  `);
  await db.query('VACUUM (ANALYZE) inv_stock_moves, inv_stock_levels, inv_item_valuations, inv_items, inv_locations');
}

let failures = 0;
const request = apiRequester(API_KEY, { ok: (status) => status === 200, onFail: () => failures++ });
const api = (base, pathAndQuery) => request(base, 'GET', pathAndQuery);

/** Times `run(i)` sequentially: warm-up, then samples; returns the median in ms. */
const time = (run, samples = S.samples, warmup = S.warmup) => medianMs(run, samples, warmup);

// --- hand-written SQL, the baseline ---------------------------------------------------------
const SQL = {
  // The level rows carry their item's SKU (ix_inv_stock_levels_location_sku): the pages order by it as the API does.
  levelsOfItem: `SELECT s.item_id, s.sku, s.location_id, l.code, l.warehouse_id, s.on_hand, s.reserved, s.on_hand - s.reserved AS available
                   FROM inv_stock_levels s JOIN inv_locations l ON l.id = s.location_id
                  WHERE s.item_id = $1 AND (s.on_hand <> 0 OR s.reserved <> 0) ORDER BY s.sku, s.location_id LIMIT 51`,
  levelsOfLocation: `SELECT s.item_id, s.sku, s.location_id, l.code, l.warehouse_id, s.on_hand, s.reserved, s.on_hand - s.reserved AS available,
                             CASE WHEN i.tracking = 'lot' THEN (
                               SELECT json_agg(json_build_object('lotId', ll.lot_id, 'lotNumber', lo.lot_number, 'expiryDate', lo.expiry_date, 'onHand', ll.on_hand))
                                 FROM inv_lot_levels ll JOIN inv_lots lo ON lo.id = ll.lot_id
                                WHERE ll.item_id = s.item_id AND ll.location_id = s.location_id AND ll.on_hand > 0) END AS lots
                        FROM inv_stock_levels s JOIN inv_items i ON i.id = s.item_id JOIN inv_locations l ON l.id = s.location_id
                       WHERE s.location_id = $1 AND (s.on_hand <> 0 OR s.reserved <> 0) ORDER BY s.sku, s.location_id LIMIT 201`,
  stockAsOfLocation: `SELECT m.item_id, i.sku, l.code, l.warehouse_id, sum(m.q) AS on_hand FROM (
                         SELECT item_id, quantity AS q FROM inv_stock_moves WHERE to_location_id = $1 AND occurred_at < $2
                         UNION ALL
                         SELECT item_id, -quantity FROM inv_stock_moves WHERE from_location_id = $1 AND occurred_at < $2
                       ) m JOIN inv_items i ON i.id = m.item_id JOIN inv_locations l ON l.id = $1
                       GROUP BY m.item_id, i.sku, l.code, l.warehouse_id HAVING sum(m.q) <> 0 ORDER BY i.sku LIMIT 201`,
  valuation: `WITH q AS (
                SELECT m.item_id, l.warehouse_id, sum(m.q) AS quantity FROM (
                  SELECT item_id, to_location_id AS location_id, quantity AS q FROM inv_stock_moves WHERE to_location_id IS NOT NULL AND occurred_at < $1
                  UNION ALL
                  SELECT item_id, from_location_id, -quantity FROM inv_stock_moves WHERE from_location_id IS NOT NULL AND occurred_at < $1
                ) m JOIN inv_locations l ON l.id = m.location_id GROUP BY m.item_id, l.warehouse_id HAVING sum(m.q) <> 0
              ), c AS (
                SELECT item_id, sum(CASE WHEN to_location_id IS NOT NULL THEN quantity ELSE -quantity END) AS quantity,
                       sum(CASE WHEN to_location_id IS NOT NULL THEN total_cost ELSE -total_cost END) AS value
                  FROM inv_stock_moves WHERE kind <> 'transfer' AND occurred_at < $1 GROUP BY item_id
              ), r AS (
                SELECT q.item_id, i.sku, q.warehouse_id, w.code, q.quantity, round(c.value / c.quantity, 4) AS unit_cost,
                       round(q.quantity * c.value / c.quantity, 2) AS value
                  FROM q JOIN c ON c.item_id = q.item_id JOIN inv_items i ON i.id = q.item_id JOIN inv_warehouses w ON w.id = q.warehouse_id
              )
              -- the first page of 10,000 rows, with the whole report's total and row count (what the endpoint answers)
              SELECT r.*, (SELECT sum(value) FROM r) AS total, (SELECT count(*) FROM r) AS row_count
                FROM r ORDER BY r.sku, r.warehouse_id LIMIT 10001`,
};

async function main() {
  const started = Date.now();
  const { dbUrl, client: db } = await prepareDatabase(log, { tag: 'inv' });
  await loadMasterData(db);
  await rebuildBalances(db);
  const { rows: itemRows } = await db.query('SELECT id FROM inv_items ORDER BY random() LIMIT 200');
  const { rows: locationRows } = await db.query('SELECT id FROM inv_locations ORDER BY code, warehouse_id');
  const itemIds = itemRows.map((r) => r.id);
  const locationIds = locationRows.map((r) => r.id);
  const { url: base } = await startApi('inventory-api', dbUrl, API_KEY, { DB_POOL_SIZE: String(S.poolSize) });
  // The HTTP floor for the current-stock page: the API's statement served by bare node:http + pg.
  const { url: bare } = await startServer('inventory-bare', ['bench/bare-stock-server.mjs'], {
    PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: dbUrl, BENCH_API_KEY: API_KEY, DB_POOL_SIZE: String(S.poolSize),
  }, log);
  log(`loaded ${S.items} items and ${S.items} opening moves; API on ${base}, bare server on ${bare}`);

  const results = { settings: S, cases: {} };
  // Cheap requests: many samples after a long warm-up, so JIT and caches do not decide the ratio.
  const lookup = () => time((i) => api(base, `/inventory/stock?itemId=${itemIds[i % itemIds.length]}`), S.lookupSamples, S.lookupSamples);
  const lookupSql = () => time((i) => db.query(SQL.levelsOfItem, [itemIds[i % itemIds.length]]), S.lookupSamples, S.lookupSamples);
  const lookupSmall = await lookup();
  const lookupSmallSql = await lookupSql();

  log(`adding ${S.items * (S.movesPerItem - 1)} moves…`);
  const t0 = Date.now();
  await insertMoves(db, 1, S.movesPerItem);
  await rebuildBalances(db);
  const { rows: [{ n: moves }] } = await db.query('SELECT count(*)::int AS n FROM inv_stock_moves');
  log(`${moves} moves in the ledger (${((Date.now() - t0) / 1000).toFixed(1)} s to load)`);
  const lookupLarge = await lookup();
  const lookupLargeSql = await lookupSql();

  // Parity: the API answers what the SQL answers.
  const asOf = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const apiVal = await api(base, `/inventory/reports/valuation?asOf=${encodeURIComponent(asOf)}`);
  const sqlVal = await db.query(SQL.valuation, [new Date(Date.parse(asOf) + 1)]);
  const apiPairs = apiVal.data.map((r) => [r.itemId, r.warehouseId, r.value]);
  const sqlPairs = sqlVal.rows.slice(0, 10_000).map((r) => [r.item_id, r.warehouse_id, r.value]);
  const sqlSummary = sqlVal.rows.length ? [Number(sqlVal.rows[0].row_count), sqlVal.rows[0].total] : [0, '0.00'];
  if (!isDeepStrictEqual(apiPairs, sqlPairs) || !isDeepStrictEqual([apiVal.rowCount, apiVal.totalValue], sqlSummary)) {
    failures++;
    log(`valuation parity FAILED: API ${apiPairs.length} rows, SQL ${sqlPairs.length} rows`);
  }
  const apiStock = await api(base, `/inventory/stock?locationId=${locationIds[0]}&limit=200&asOf=${encodeURIComponent(asOf)}`);
  const sqlStock = await db.query(SQL.stockAsOfLocation, [locationIds[0], new Date(Date.parse(asOf) + 1)]);
  const apiRows = apiStock.data.map((r) => [r.itemId, r.onHand]);
  const sqlRows = sqlStock.rows.slice(0, 200).map((r) => [r.item_id, r.on_hand]);
  if (!isDeepStrictEqual(apiRows, sqlRows)) {
    failures++;
    log(`stock parity FAILED: API ${apiRows.length} rows, SQL ${sqlRows.length} rows`);
  }

  // The bare server answers the current-stock page exactly as the API does.
  const [apiPage, barePage] = [await api(base, `/inventory/stock?locationId=${locationIds[0]}&limit=200`), await api(bare, `/inventory/stock?locationId=${locationIds[0]}&limit=200`)];
  if (!isDeepStrictEqual(apiPage, barePage) || apiPage.data.length !== 200) {
    failures++;
    log(`bare server parity FAILED: API ${apiPage.data.length} rows, bare ${barePage.data.length} rows`);
  }

  const cases = [
    {
      name: 'stock on hand by location, as of 30 days ago (ledger), page of 200',
      api: (i) => api(base, `/inventory/stock?locationId=${locationIds[i % LOCATIONS]}&limit=200&asOf=${encodeURIComponent(asOf)}`),
      sql: (i) => db.query(SQL.stockAsOfLocation, [locationIds[i % LOCATIONS], new Date(Date.parse(asOf) + 1)]),
    },
    {
      name: 'stock on hand by location, now (balances), page of 200',
      api: (i) => api(base, `/inventory/stock?locationId=${locationIds[i % LOCATIONS]}&limit=200`),
      sql: (i) => db.query(SQL.levelsOfLocation, [locationIds[i % LOCATIONS]]),
      // A few ms a request: many samples after a long warm-up (30 samples swung the API median
      // between 3.8 and 7 ms from run to run), and every runner timed in turn, sample by sample, so
      // that the machine's drift during the run cannot favour one of them. For the record, beside
      // the baseline: the same SQL as a prepared statement (the API prepares its statement; a client
      // sending SQL by hand plans it on every call), and the page from the bare server (the API's
      // statement with no framework in front: the floor for any HTTP server on this machine).
      samples: S.lookupSamples,
      warmup: S.lookupSamples,
      alongside: {
        '  the same, against the SQL as a prepared statement': {
          run: (i) => db.query({ name: 'levels_of_location', text: SQL.levelsOfLocation, values: [locationIds[i % LOCATIONS]] }),
          row: (m) => ({ apiMs: m.api, sqlMs: m.run, ratio: m.api / m.run, target: null }),
        },
        '  the same page from a bare node:http + pg server': {
          run: (i) => api(bare, `/inventory/stock?locationId=${locationIds[i % LOCATIONS]}&limit=200`),
          row: (m) => ({ apiMs: m.run, sqlMs: m.sql, ratio: m.run / m.sql, target: null }),
        },
      },
    },
    {
      name: 'valuation report, all items × warehouses, now (first page of 10,000 + totals)',
      api: () => api(base, '/inventory/reports/valuation'),
      sql: () => db.query(SQL.valuation, [new Date()]),
      samples: Math.max(3, Math.floor(S.samples / 5)),
    },
  ];
  for (const c of cases) {
    const samples = c.samples ?? S.samples;
    const warmup = c.warmup ?? S.warmup;
    if (!c.alongside) {
      const apiMs = await time(c.api, samples, warmup);
      const sqlMs = await time(c.sql, samples, warmup);
      results.cases[c.name] = { apiMs, sqlMs, ratio: apiMs / sqlMs, target: 1.5 };
      continue;
    }
    const m = await interleavedMediansMs({ api: c.api, sql: c.sql, ...Object.fromEntries(Object.entries(c.alongside).map(([name, a]) => [name, a.run])) }, samples, warmup);
    results.cases[c.name] = { apiMs: m.api, sqlMs: m.sql, ratio: m.api / m.sql, target: 1.5 };
    for (const [name, a] of Object.entries(c.alongside)) results.cases[name] = a.row({ api: m.api, sql: m.sql, run: m[name] });
    const bareMs = m['  the same page from a bare node:http + pg server'];
    results.cases['  the API against that bare server (its ms in the SQL column)'] = { apiMs: m.api, sqlMs: bareMs, ratio: m.api / bareMs, target: null };
  }
  results.cases['single-item balance, API vs SQL at the full ledger'] = { apiMs: lookupLarge, sqlMs: lookupLargeSql, ratio: lookupLarge / lookupLargeSql, target: null };
  results.flat = { movesSmall: S.items, movesLarge: moves, apiMsSmall: lookupSmall, apiMsLarge: lookupLarge, sqlMsSmall: lookupSmallSql, sqlMsLarge: lookupLargeSql, ratio: lookupLarge / lookupSmall, target: 1.5 };

  const pad = (s, n) => String(s).padEnd(n);
  const fmt = (x) => x.toFixed(2);
  process.stdout.write(`\nInventory bench: ${moves} moves, ${S.items} items, ${LOCATIONS} bins in ${S.warehouses} warehouses; median of ${S.samples} sequential requests (${S.lookupSamples} after as many for warm-up for the current-stock page and the single-item lookup)\n\n`);
  // API − SQL: what the API adds to the query it runs (HTTP, pipeline, JSON), the figure that decides
  // the ratio when the query itself is cheap.
  process.stdout.write(`${pad('case', 80)}${pad('API ms', 10)}${pad('SQL ms', 10)}${pad('API−SQL', 9)}${pad('API/SQL', 9)}target\n`);
  for (const [name, r] of Object.entries(results.cases)) {
    process.stdout.write(`${pad(name, 80)}${pad(fmt(r.apiMs), 10)}${pad(fmt(r.sqlMs), 10)}${pad(fmt(r.apiMs - r.sqlMs), 9)}${pad(fmt(r.ratio), 9)}${r.target ? `≤ ${r.target}${r.ratio <= r.target ? '' : '  (missed)'}` : '–'}\n`);
  }
  const f = results.flat;
  process.stdout.write(`\nsingle-item balance lookup (API): ${fmt(f.apiMsSmall)} ms at ${f.movesSmall} moves, ${fmt(f.apiMsLarge)} ms at ${f.movesLarge} moves → ${fmt(f.ratio)}× (target ≤ 1.5${f.ratio <= 1.5 ? '' : ', missed'})\n`);
  process.stdout.write(`(SQL alone: ${fmt(f.sqlMsSmall)} → ${fmt(f.sqlMsLarge)} ms)\n\n`);
  await writeFile(path.join(RESULTS_DIR, 'inventory-latest.json'), JSON.stringify({ ...results, failures, seconds: (Date.now() - started) / 1000 }, null, 2));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; bench/results/inventory-latest.json`);
  await exitWith(failures ? 1 : 0);
}

runMain(main, log);

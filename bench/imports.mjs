#!/usr/bin/env node
// `npm run bench:imports`: a streamed CSV import of BENCH_IMPORT_ROWS (100,000) departments
// against one of BENCH_IMPORT_BASELINE_ROWS (10,000), in the same run, reporting time and the app
// process's peak RSS (VmHWM, reset before each case through /proc/<pid>/clear_refs, and VmRSS
// sampled every 20 ms as a cross-check); then the peak RSS of exporting the imported rows with
// `Accept: text/csv`. The memory target (issue 9): the 100,000-row import must not need memory
// growing with the rows, so its peak over the idle process stays close to the 10,000-row one.
// Reports figures, never a timed assertion; exits non-zero only when a request fails.
//
// Env knobs: BENCH_IMPORT_ROWS, BENCH_IMPORT_BASELINE_ROWS, DB_POOL_SIZE (10),
// BENCH_DATABASE_URL (use that server; a scratch database is created on it and dropped afterwards).
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { Readable } from 'node:stream';
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
  rows: intEnv('BENCH_IMPORT_ROWS', 100_000, 1000, 10_000_000),
  baseline: intEnv('BENCH_IMPORT_BASELINE_ROWS', 10_000, 100, 1_000_000),
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
};

const log = (m) => process.stderr.write(`[bench:imports] ${m}\n`);
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
  const dbName = `backoffice_bench_imp_${process.pid}_${Date.now().toString(36)}`;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'backoffice-bench-imp-'));
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

// --- the API ----------------------------------------------------------------------------------
async function startApi(dbUrl) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const port = await freePort();
  const file = createWriteStream(path.join(RESULTS_DIR, 'imports-api.log'));
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
      IMPORT_MAX_BYTES: String(1024 * 1024 * 1024),
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
    if (exited) throw new Error('the API exited before it was ready; see bench/results/imports-api.log');
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return { base, pid: child.pid };
    } catch {
      // not listening yet
    }
  }
  throw new Error('the API was not ready after 90 s');
}


// --- memory of the app process ------------------------------------------------------------------
function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}
async function measure(pid, work) {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
  } catch {
    log('could not reset VmHWM; relying on sampled RSS');
  }
  const before = status(pid).rss;
  let sampled = before;
  const timer = setInterval(() => { sampled = Math.max(sampled, status(pid).rss); }, 20);
  const t0 = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - t0;
    const s = status(pid);
    return { ms, before, peak: Math.max(sampled, s.hwm), sampled, result };
  } finally {
    clearInterval(timer);
  }
}

async function* departmentsCsv(prefix, rows) {
  yield 'code,name,costCenter\n';
  const chunk = 1000;
  for (let i = 0; i < rows; i += chunk) {
    let text = '';
    for (let j = i; j < Math.min(rows, i + chunk); j++) text += `${prefix}${j},Department ${prefix} number ${j},CC-${j % 100}\n`;
    yield text;
  }
}

let failures = 0;
function postImport(base, prefix, rows) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${base}/imports?kind=departments`);
    const req = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/csv' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        if (res.statusCode !== 201) {
          failures++;
          reject(new Error(`import of ${rows} rows: ${res.statusCode} ${body.slice(0, 300)}`));
        } else resolve(JSON.parse(body));
      });
    });
    req.on('error', reject);
    Readable.from(departmentsCsv(prefix, rows)).pipe(req);
  });
}

async function exportCsv(base) {
  const res = await fetch(`${base}/hr/departments?limit=200`, { headers: { authorization: `Bearer ${API_KEY}`, accept: 'text/csv' } });
  if (res.status !== 200) {
    failures++;
    throw new Error(`export: ${res.status}`);
  }
  let lines = 0;
  for await (const chunk of res.body) for (const b of chunk) if (b === 10) lines++;
  return lines - 1;
}

async function main() {
  const dbUrl = await prepareDatabase();
  const { base, pid } = await startApi(dbUrl);
  const idle = status(pid).rss;
  log(`API up (pid ${pid}, ${idle.toFixed(1)} MB RSS); warming up with 1,000 rows`);
  await postImport(base, 'W', 1000);
  log(`importing ${S.baseline} rows`);
  const small = await measure(pid, () => postImport(base, 'S', S.baseline));
  log(`importing ${S.rows} rows`);
  const large = await measure(pid, () => postImport(base, 'L', S.rows));
  log('exporting every department as CSV');
  const exported = await measure(pid, () => exportCsv(base));
  const f = (n) => n.toFixed(1).padStart(9);
  const lines = [
    `case                                   rows      time s   rows/s    RSS before MB  peak MB  peak - before MB`,
    `import departments (baseline)     ${String(S.baseline).padStart(9)} ${f(small.ms / 1000)} ${f(S.baseline / (small.ms / 1000))} ${f(small.before)}    ${f(small.peak)} ${f(small.peak - small.before)}`,
    `import departments                ${String(S.rows).padStart(9)} ${f(large.ms / 1000)} ${f(S.rows / (large.ms / 1000))} ${f(large.before)}    ${f(large.peak)} ${f(large.peak - large.before)}`,
    `export departments (text/csv)     ${String(exported.result).padStart(9)} ${f(exported.ms / 1000)} ${f(exported.result / (exported.ms / 1000))} ${f(exported.before)}    ${f(exported.peak)} ${f(exported.peak - exported.before)}`,
    '',
    `peak RSS, ${S.rows} rows vs ${S.baseline} rows: ${(large.peak / small.peak).toFixed(2)}× (growth over the idle app: ${(large.peak - idle).toFixed(1)} MB vs ${(small.peak - idle).toFixed(1)} MB)`,
    `rows imported: ${small.result.importedRows} + ${large.result.importedRows}; idle app ${idle.toFixed(1)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await writeFile(path.join(RESULTS_DIR, 'imports.txt'), `${lines.join('\n')}\n`);
  await exitWith(failures ? 1 : 0);
}

main().catch(async (err) => {
  log(`error: ${err?.stack ?? err}`);
  await exitWith(1);
});

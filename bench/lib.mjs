// Shared scaffolding of the bench scripts: env knobs, cleanup on exit and signals, free ports,
// child processes with logs, an embedded (or BENCH_DATABASE_URL) PostgreSQL with the migrations,
// the API (or any Node server) as a child, memory readings from /proc, autocannon runs that stop on
// cleanup, JSON requests with the bench's API key, sequential timings, and small statistics.
// Every script in bench/ builds on it; what only one script measures stays in that script.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
export const HOST = '127.0.0.1';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A random key the API is started with (BOOTSTRAP_ADMIN_KEY) and the bench sends. */
export const newApiKey = () => `bench_${randomBytes(24).toString('base64url')}`;

export function intEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`${name} must be an integer between ${min} and ${max} (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

export const logger = (tag) => (m) => process.stderr.write(`[${tag}] ${m}\n`);

// Cleanup: every resource registers its release; run once, in reverse order, each step bounded.
const cleanups = [];
let cleaningUp = null;
let cleanupLog = (m) => process.stderr.write(`${m}\n`);
export const isCleaningUp = () => cleaningUp !== null;
export const onCleanup = (what, fn) => cleanups.push({ what, fn });

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function cleanup() {
  cleaningUp ??= (async () => {
    currentCannon?.stop(); // a load run in flight stops before the servers it loads go away
    while (cleanups.length) {
      const { what, fn } = cleanups.pop();
      try {
        await withTimeout(Promise.resolve().then(fn), 40_000, what);
      } catch (err) {
        cleanupLog(`cleanup: ${what} failed: ${err.message}`);
      }
    }
  })();
  return cleaningUp;
}

export async function exitWith(code) {
  await cleanup();
  process.exit(code);
}

/** Signals and stray errors clean up before exiting; call once at start. */
export function installExitHandlers(log) {
  cleanupLog = log;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      log(`${signal}: stopping and cleaning up`);
      void exitWith(code);
    });
  }
  const fail = (err) => {
    if (cleaningUp) return;
    log(`error: ${err?.stack ?? err}`);
    void exitWith(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

/** Runs the script's main(); an error (not one from unwinding after a signal) is logged, then cleanup, exit 1. */
export function runMain(main, log) {
  main().catch((err) => {
    if (cleaningUp) return;
    log(`error: ${err?.stack ?? err}`);
    void exitWith(1);
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, HOST, () => s.close(() => resolve(true)));
  });
}

/**
 * A free port below Linux's ephemeral range (32768+), so an outgoing connection (e.g. to
 * PostgreSQL) cannot take it between this check and the server's listen(); else one the OS picks.
 */
export async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await portIsFree(port)) return port;
  }
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

/** Starts a Node child with its output kept in bench/results/<name>.log and a tail in memory. */
export function startChild(name, args, env) {
  const logPath = path.join(RESULTS_DIR, `${name}.log`);
  const file = createWriteStream(logPath);
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const info = { name, child, logPath, tail, exited: false, exitCode: null, lines: 0 };
  const onData = (chunk) => {
    file.write(chunk);
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      info.lines++;
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      info.exited = true;
      info.exitCode = code ?? signal;
      resolve();
    }),
  );
  onCleanup(`stop ${name}`, async () => {
    if (!info.exited) {
      child.kill('SIGTERM');
      try {
        await withTimeout(exited, 15_000, `${name} exit`);
      } catch {
        child.kill('SIGKILL');
        await withTimeout(exited, 5000, `${name} kill`);
      }
    }
    await new Promise((r) => file.end(r));
  });
  return info;
}

export async function waitReady(info, url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (info.exited) throw new Error(`${info.name} exited (${info.exitCode}) before it was ready:\n${info.tail.join('\n')}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${info.name} not ready after ${timeoutMs} ms:\n${info.tail.join('\n')}`);
}

/**
 * A scratch database with the migrations run: on an embedded server in a temp dir, or on
 * BENCH_DATABASE_URL (dropped on cleanup unless BENCH_KEEP_DATABASE=1, for looking at plans afterwards). `tag` goes into the database and temp dir names. Returns
 * an open client (closed on cleanup), the server version and the id expression to use in SQL.
 */
export async function prepareDatabase(log, { tag } = {}) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const { startEmbeddedPostgres, ensureDatabase } = require(path.join(ROOT, 'dist/src/platform/database/embedded-postgres.js'));
  const { runMigrations } = require(path.join(ROOT, 'dist/src/platform/database/migrator.js'));
  const dbName = `backoffice_bench_${tag ? `${tag}_` : ''}${process.pid}_${Date.now().toString(36)}`;
  let adminUrl;
  if (process.env.BENCH_DATABASE_URL) {
    adminUrl = process.env.BENCH_DATABASE_URL;
    log(`using the PostgreSQL server of BENCH_DATABASE_URL; scratch database ${dbName}`);
  } else {
    const tmp = await mkdtemp(path.join(os.tmpdir(), `backoffice-bench-${tag ? `${tag}-` : ''}`));
    onCleanup('remove temp dir', () => rm(tmp, { recursive: true, force: true }));
    const port = await freePort();
    log(`starting embedded PostgreSQL on ${HOST}:${port} in ${tmp}`);
    const embedded = await startEmbeddedPostgres({ dataDir: tmp, port, log: () => undefined });
    onCleanup('stop embedded PostgreSQL', async () => {
      try {
        await withTimeout(embedded.stop(), 30_000, 'embedded PostgreSQL stop');
      } catch (err) {
        // Already gone (e.g. Ctrl-C reached it first) or stuck: stop it by its pid file.
        let pid;
        try {
          pid = Number(readFileSync(path.join(tmp, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
        } catch {
          return;
        }
        if (pid > 0) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // not running
          }
        }
        throw err;
      }
    });
    adminUrl = embedded.url('postgres');
  }
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  await ensureDatabase(adminUrl, dbName);
  // On an embedded server the whole cluster goes away; on someone else's server, drop the scratch database.
  if (process.env.BENCH_DATABASE_URL && process.env.BENCH_KEEP_DATABASE === '1') {
    log(`keeping ${dbName} afterwards (BENCH_KEEP_DATABASE=1)`);
  } else if (process.env.BENCH_DATABASE_URL) {
    onCleanup(`drop database ${dbName}`, async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    });
  }
  await runMigrations(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  onCleanup('close bench connection', () => client.end());
  const { rows: [{ version, v7 }] } = await client.query(`SELECT current_setting('server_version') AS version, EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'uuidv7') AS v7`);
  return { dbUrl: url.toString(), client, pgVersion: version, uuidExpr: v7 ? 'uuidv7()' : 'gen_random_uuid()' };
}

/**
 * A Node server (`node ...args`, env plus PORT) on a free port, waiting until /health/ready answers;
 * a lost port race is retried. Output in bench/results/<name>.log.
 */
export async function startServer(name, args, env, log) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const info = startChild(name, args, { ...env, PORT: String(port) });
    const url = `http://${HOST}:${port}`;
    try {
      await waitReady(info, `${url}/health/ready`);
      return { name, info, url, pid: info.child.pid };
    } catch (err) {
      if (attempt >= 3 || !info.tail.some((l) => l.includes('EADDRINUSE'))) throw err;
      log?.(`${name}: port ${port} was taken meanwhile; trying another`);
    }
  }
}

/**
 * The API as shipped (`node dist/src/main.js`), jobs off, rate limit out of the way, logging at warn;
 * `env` adds or overrides variables (e.g. DB_POOL_SIZE), `nodeArgs` go before the script (e.g. --cpu-prof).
 */
export function startApi(name, dbUrl, apiKey, env = {}, { nodeArgs = [], log } = {}) {
  return startServer(name, [...nodeArgs, 'dist/src/main.js'], {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    HOST,
    LOG_LEVEL: 'warn',
    BOOTSTRAP_ADMIN_KEY: apiKey,
    RATE_LIMIT_PER_MINUTE: '1000000',
    JOBS_ENABLED: 'false',
    ...env,
  }, log);
}

/**
 * A JSON request to the API with the bench's key (content-type only with a body); a status for which
 * `ok` is false calls `onFail` and throws with the start of the body.
 *
 * Sent with `node:http` over keep-alive connections (one when sequential), as the SQL baseline runs over one `pg`
 * connection: the timings are the API's, not the client's. Node's `fetch` (undici behind WHATWG
 * streams) measured about 0.6 ms more per request and about 3 ms more for a 50 kB JSON body on this
 * machine, which would be charged to the API in every API/SQL ratio.
 */
const keepAlive = new http.Agent({ keepAlive: true });
export function apiRequester(apiKey, { ok = (status) => status >= 200 && status < 300, onFail = () => undefined } = {}) {
  return async (base, method, pathAndQuery, body) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const { status, text } = await new Promise((resolve, reject) => {
      const req = http.request(`${base}${pathAndQuery}`, {
        method,
        agent: keepAlive,
        headers: { authorization: `Bearer ${apiKey}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
    const json = text ? JSON.parse(text) : null;
    if (!ok(status)) {
      onFail();
      throw new Error(`${method} ${pathAndQuery}: ${status} ${text.slice(0, 300)}`);
    }
    return json;
  };
}

// autocannon runs, one at a time; the one in flight is stopped first on cleanup.
let currentCannon = null;
export async function autocannonRun(opts) {
  const { default: autocannon } = await import('autocannon');
  return new Promise((resolve, reject) => {
    currentCannon = autocannon(opts, (err, result) => {
      currentCannon = null;
      if (err) reject(err);
      else resolve(result);
    });
  });
}

/** Resident memory now and at its peak (VmRSS, VmHWM) of a process, in MiB, unrounded; throws off Linux. */
export function readMemoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The same rounded to whole MiB; null where /proc cannot be read. */
/** Resets a process's peak RSS (VmHWM) to its current RSS, so the next peak belongs to what follows; Linux only. */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function memoryMiB(pid) {
  try {
    const { rss, peak } = readMemoryMiB(pid);
    return { rss: Math.round(rss), peak: Math.round(peak) };
  } catch {
    return null;
  }
}

/** Times `run(i)` sequentially: `warmup` untimed calls, then `samples` timed ones; the median in ms. */
export async function medianMs(run, samples, warmup) {
  return (await interleavedMediansMs({ run }, samples, warmup)).run;
}

/**
 * Times several runners in turn, sample by sample (`warmup` untimed rounds first), so that drift in
 * the machine's speed during the run hits each of them alike; returns the median in ms by name.
 */
export async function interleavedMediansMs(runs, samples, warmup) {
  const entries = Object.entries(runs);
  for (let i = 0; i < warmup; i++) for (const [, run] of entries) await run(i);
  const ms = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let i = 0; i < samples; i++) {
    for (const [name, run] of entries) {
      const t0 = process.hrtime.bigint();
      await run(warmup + i);
      ms[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, median(ms[name])]));
}

export const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** A text table: header row, a rule, then the rows; the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function table(rows, leftColumns = 1) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, ri) => {
      const line = r.map((c, i) => (i < leftColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

const MANAGERS = 500;

/**
 * Employees number `from`..`to` (1-based), 20 departments created with the first batch; the first
 * 500 have no manager, the rest report to one of them. Same data as the HR bench.
 */
export async function loadEmployees(client, from, to, idExpr) {
  if (from === 1) {
    await client.query(`
    INSERT INTO hr_departments (id, code, name, cost_center)
    SELECT ${idExpr}, 'D' || lpad(d::text, 2, '0'), 'Department ' || d, 'CC-' || d FROM generate_series(1, 20) d`);
  }
  // Two passes of the same statement: the first 500 have no manager, the rest report to one of them.
  const insert = `
    WITH dept AS (SELECT array_agg(id ORDER BY code) AS ids FROM hr_departments),
         mgr AS (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM hr_employees ORDER BY id LIMIT ${MANAGERS}) m),
         names AS (SELECT
           ARRAY['Ada','Alan','Grace','Linus','Margaret','Ken','Barbara','Edsger','Frances','Donald','Radia','Tim','Sophie','John',
                 'Hedy','Dennis','Katherine','Claude','Annie','Niklaus','Joan','Bjarne','Mary','Guido','Karen','James','Lynn','Brian',
                 'Carol','Leslie','Jean','Robin','Adele','Vint','Susan','Larry','Anita','Yukihiro','Fran','Rasmus'] AS first,
           ARRAY['bar','cal','dor','el','fen','gar','hol','ing','jas','kel','lor','mar','nor','ost','pel','quin','ros','sal','tor','vel'] AS s1,
           ARRAY['ton','sen','berg','ley','man','ford','ski','ez','ini','son','wood','ard','ova','er','is','ham','lund','mont','well','ridge'] AS s2),
         g AS (SELECT i, ((i::bigint * 7919) % 400)::int AS k, date '2012-01-01' + (i * 37) % 5000 AS hired FROM generate_series($1::int, $2::int) i)
    INSERT INTO hr_employees (id, first_name, last_name, work_email, phone, birth_date, hire_date, employment_type, status,
      department_id, manager_id, work_location, country, national_id, iban, base_salary_amount, base_salary_currency,
      termination_date, termination_reason, version, created_at, updated_at)
    SELECT ${idExpr},
      names.first[1 + g.i % 40],
      initcap(names.s1[1 + g.k % 20] || names.s2[1 + g.k / 20]),
      lower(names.first[1 + g.i % 40] || '.' || names.s1[1 + g.k % 20] || names.s2[1 + g.k / 20] || '.' || g.i || '@example.com'),
      '+49 30 ' || lpad(g.i::text, 7, '0'),
      g.hired - (7000 + (g.i * 13) % 10000),
      g.hired,
      (ARRAY['full_time','full_time','full_time','part_time','contractor','intern'])[1 + g.i % 6],
      CASE WHEN g.i % 50 = 0 THEN 'terminated' WHEN g.i % 17 = 0 THEN 'on_leave' ELSE 'active' END,
      dept.ids[1 + g.i % 20],
      mgr.ids[1 + g.i % ${MANAGERS}],
      (ARRAY['Berlin','Paris','Lisbon','Remote','Madrid'])[1 + g.i % 5],
      (ARRAY['DE','FR','PT','NL','ES'])[1 + g.i % 5],
      'NID' || lpad(g.i::text, 9, '0'),
      'DE' || lpad((10 + g.i % 90)::text, 2, '0') || lpad(g.i::text, 18, '0'),
      (30000 + (g.i * 7) % 90000 + (g.i % 100) / 100.0)::numeric(14, 2),
      'EUR',
      CASE WHEN g.i % 50 = 0 THEN g.hired + 400 END,
      CASE WHEN g.i % 50 = 0 THEN 'Resigned' END,
      1 + g.i % 3,
      timestamptz '2024-01-01 00:00:00+00' + g.i * interval '1 minute',
      timestamptz '2024-01-01 00:00:00+00' + g.i * interval '1 minute' + (g.i % 10) * interval '1 day'
    FROM g, dept, mgr, names`;
  if (from <= MANAGERS) await client.query(insert, [from, Math.min(MANAGERS, to)]);
  // In batches of 100,000: one statement for a million rows holds a lot of memory on a small server.
  for (let lo = Math.max(from, MANAGERS + 1); lo <= to; lo += 100_000) await client.query(insert, [lo, Math.min(to, lo + 99_999)]);
}


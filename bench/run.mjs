#!/usr/bin/env node
// `npm run bench`: the API against a bare node:http + pg server (bench/bare-server.mjs) on the same
// PostgreSQL data, for GET /hr/employees/{id} and GET /hr/employees?limit=50. Reports requests/s,
// latency and the API/bare throughput ratio; never a timed assertion. See bench/README.md.
//
// Env knobs: BENCH_DURATION (s, 10), BENCH_CONNECTIONS (50), BENCH_WARMUP (s, 3), BENCH_ROWS (100000),
// DB_POOL_SIZE (10, both servers), BENCH_DATABASE_URL (use that server instead of an embedded one;
// a scratch database is created on it and dropped afterwards), BENCH_ROUNDS (2; each round measures
// every case on both servers, alternating which goes first), BENCH_PROFILE=1 (CPU-profile both
// servers into bench/results/profiles/).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import {
  autocannonRun, exitWith, installExitHandlers, intEnv, isCleaningUp, loadEmployees, logger, median, newApiKey, onCleanup,
  prepareDatabase, RESULTS_DIR, ROOT, runMain, sleep, startApi, startServer, table,
} from './lib.mjs';

const SETTINGS = {
  durationSeconds: intEnv('BENCH_DURATION', 10, 1, 600),
  warmupSeconds: intEnv('BENCH_WARMUP', 3, 0, 120),
  connections: intEnv('BENCH_CONNECTIONS', 50, 1, 1000),
  pipelining: 1,
  rounds: intEnv('BENCH_ROUNDS', 2, 1, 20),
  rows: intEnv('BENCH_ROWS', 100_000, 1000, 10_000_000),
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
  idsRotated: 5000,
  listLimit: 50,
};
const PROFILE = process.env.BENCH_PROFILE === '1';
const API_KEY = newApiKey();

const log = logger('bench');
// After a signal, the interrupted run unwinds with errors of its own; only the first cause is reported.
installExitHandlers(log);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
/** CPU seconds (user + system) a process has used so far; Linux only, else null. */
function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine; Linux only, else null. */
function machineCpu() {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const v = cpu.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = v[3] + (v[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Database: embedded PostgreSQL (or BENCH_DATABASE_URL), migrations, 100,000 employees.
// ---------------------------------------------------------------------------------------------
async function loadDatabase() {
  const { dbUrl, client, pgVersion, uuidExpr } = await prepareDatabase(log);
  try {
    const started = Date.now();
    await loadEmployees(client, 1, SETTINGS.rows, uuidExpr);
    await client.query('VACUUM (ANALYZE) hr_employees');
    await client.query('ANALYZE hr_departments');
    const { rows: [{ n }] } = await client.query('SELECT count(*)::int AS n FROM hr_employees');
    if (n !== SETTINGS.rows) throw new Error(`expected ${SETTINGS.rows} employees, found ${n}`);
    log(`loaded ${n} employees in ${((Date.now() - started) / 1000).toFixed(1)} s (PostgreSQL ${pgVersion})`);
    const { rows: idRows } = await client.query('SELECT id FROM hr_employees ORDER BY random() LIMIT $1', [SETTINGS.idsRotated]);
    return { dbUrl, pgVersion, ids: idRows.map((r) => r.id) };
  } finally {
    await client.end(); // not idle among the backends measured during the runs
  }
}

// ---------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------
async function startServers(dbUrl) {
  const prof = (name) => (PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : []);
  const servers = await Promise.all([
    startApi('api', dbUrl, API_KEY, { DB_POOL_SIZE: String(SETTINGS.poolSize) }, { nodeArgs: prof('api'), log }),
    startServer('bare', [...prof('bare'), 'bench/bare-server.mjs'], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      BENCH_API_KEY: API_KEY,
      DB_POOL_SIZE: String(SETTINGS.poolSize),
    }, log),
  ]);
  log(`api on ${servers[0].url} (pid ${servers[0].info.child.pid}), bare on ${servers[1].url} (pid ${servers[1].info.child.pid})`);
  return servers;
}

const AUTH = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };

/** Both servers must return the same status and JSON, or the comparison is meaningless. */
async function checkParity(servers, ids) {
  const problems = [];
  const paths = [...ids.slice(0, 5).map((id) => `/hr/employees/${id}`), `/hr/employees?limit=${SETTINGS.listLimit}`];
  for (const p of paths) {
    const [a, b] = await Promise.all(
      servers.map(async (s) => {
        const res = await fetch(`${s.url}${p}`, { headers: AUTH, signal: AbortSignal.timeout(10_000) });
        return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
      }),
    );
    if (a.status !== 200 || b.status !== 200) {
      problems.push(`${p}: status api ${a.status}, bare ${b.status}: ${a.text.slice(0, 300)}`);
      continue;
    }
    const ja = JSON.parse(a.text);
    const jb = JSON.parse(b.text);
    if (!isDeepStrictEqual(ja, jb)) {
      const first = (x) => (Array.isArray(x.data) ? x.data[0] : x);
      const fa = first(ja) ?? {};
      const fb = first(jb) ?? {};
      const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].filter((k) => !isDeepStrictEqual(fa[k], fb[k]));
      problems.push(`${p}: JSON differs (e.g. ${keys.slice(0, 5).map((k) => `${k}: api ${JSON.stringify(fa[k])} vs bare ${JSON.stringify(fb[k])}`).join('; ') || 'nextCursor/length'})`);
    } else if (a.text !== b.text) {
      problems.push(`${p}: same JSON but different bytes (key order?)`);
    }
    if (!p.includes('?') && a.etag !== b.etag) problems.push(`${p}: ETag api ${a.etag} vs bare ${b.etag}`);
  }
  return problems;
}

async function load(server, benchCase, duration) {
  let n = 0; // every run walks the same id sequence from the start
  const requests =
    benchCase.ids
      ? [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/hr/employees/${benchCase.ids[n++ % benchCase.ids.length]}` }) }]
      : [{ method: 'GET', path: benchCase.path }];
  return autocannonRun({
    url: `${server.url}${benchCase.path}`,
    connections: SETTINGS.connections,
    pipelining: SETTINGS.pipelining,
    duration,
    timeout: 10,
    headers: AUTH,
    requests,
  });
}

/** CPU (cores) used during a run by: the server under load, the idle one, PostgreSQL backends, this process, the rest. */
async function cpuSnapshot(servers, monitor) {
  const { rows } = await monitor.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const self = process.cpuUsage();
  return {
    at: process.hrtime.bigint(),
    servers: Object.fromEntries(servers.map((s) => [s.name, processCpuSeconds(s.info.child.pid)])),
    backends: new Map(rows.map((r) => [r.pid, processCpuSeconds(r.pid)])),
    self: (self.user + self.system) / 1e6,
    machine: machineCpu(),
  };
}

function cpuDelta(a, b, servers, server) {
  const seconds = Number(b.at - a.at) / 1e9;
  const cores = (x, y) => (x === null || y === null || x === undefined || y === undefined ? null : Number(((y - x) / seconds).toFixed(2)));
  // Backends of both pools. One that closed during the run (idle timeout) is left out; one that
  // opened counts from zero. Unreadable /proc (not Linux, remote server) gives null.
  let pg = null;
  for (const [pid, end] of b.backends) {
    const start = a.backends.has(pid) ? a.backends.get(pid) : 0;
    if (end !== null && start !== null && end >= start) pg = (pg ?? 0) + (end - start);
  }
  const other = servers.find((s) => s !== server);
  const out = {
    server: cores(a.servers[server.name], b.servers[server.name]),
    otherServer: cores(a.servers[other.name], b.servers[other.name]),
    postgres: pg === null ? null : Number((pg / seconds).toFixed(2)),
    loadGenerator: cores(a.self, b.self),
    machine: a.machine && b.machine ? Number(((os.cpus().length * (b.machine.busy - a.machine.busy)) / (b.machine.total - a.machine.total)).toFixed(2)) : null,
  };
  const parts = [out.server, out.otherServer, out.postgres, out.loadGenerator];
  out.restOfMachine = out.machine === null || parts.includes(null) ? null : Number(Math.max(0, out.machine - parts.reduce((x, y) => x + y, 0)).toFixed(2));
  return out;
}

async function measure(server, benchCase, servers, monitor, round) {
  if (SETTINGS.warmupSeconds > 0) {
    const warm = await load(server, benchCase, SETTINGS.warmupSeconds);
    if ((warm.non2xx || warm.errors) && !isCleaningUp()) log(`warm-up ${benchCase.name}/${server.name}: ${warm.non2xx} non-2xx, ${warm.errors} errors`);
  }
  const before = await cpuSnapshot(servers, monitor);
  const r = await load(server, benchCase, SETTINGS.durationSeconds);
  const after = await cpuSnapshot(servers, monitor);
  if (server.info.exited) throw new Error(`${server.name} exited (${server.info.exitCode}) during the run:\n${server.info.tail.join('\n')}`);
  const cpuCores = cpuDelta(before, after, servers, server);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  const ok = Object.entries(statusCodes).reduce((n, [code, count]) => n + (code.startsWith('2') ? count : 0), 0);
  return {
    round,
    case: benchCase.name,
    server: server.name,
    requestsPerSecond: Math.round(r.requests.average),
    requestsTotal: r.requests.total,
    responses2xx: ok,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, average: Number(r.latency.average.toFixed(2)) },
    bytesPerResponse: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    durationSeconds: r.duration,
    cpuCores,
    // CPU the server process spends per request: unlike req/s, barely moved by other load on the machine.
    serverCpuMicrosPerRequest: cpuCores.server === null || !r.requests.average ? null : Math.round((cpuCores.server * 1e6) / r.requests.average),
  };
}

/** The commit measured, and whether src/ or migrations/ had uncommitted changes (they were built too). */
function gitState() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedSourceChanges: git('status', '--porcelain', '--', 'src', 'migrations').split('\n').filter(Boolean).length };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------
const fmt = (v) => (v === null || v === undefined ? '?' : String(v));

async function main() {
  const startedAt = new Date();
  const git = gitState();
  log(`settings: ${JSON.stringify(SETTINGS)}`);
  const { dbUrl, pgVersion, ids } = await loadDatabase();
  const servers = await startServers(dbUrl);
  const monitor = new pg.Client({ connectionString: dbUrl, application_name: 'bench-monitor' });
  await monitor.connect();
  onCleanup('close monitor connection', () => monitor.end());

  // Other work on the machine skews the comparison; measure it while nothing of ours is loaded.
  const idle0 = machineCpu();
  await sleep(1000);
  const idle1 = machineCpu();
  const backgroundCores = idle0 && idle1 ? Number(((os.cpus().length * (idle1.busy - idle0.busy)) / (idle1.total - idle0.total)).toFixed(2)) : null;
  log(`background load before the runs: ${fmt(backgroundCores)} cores busy`);

  const parityProblems = await checkParity(servers, ids);
  if (parityProblems.length) log(`PARITY: the two servers do not answer alike:\n  ${parityProblems.join('\n  ')}`);
  else log('parity: both servers return identical JSON for the sampled requests');

  const cases = [
    { name: 'GET /hr/employees/{id}', path: `/hr/employees/${ids[0]}`, ids },
    { name: `GET /hr/employees?limit=${SETTINGS.listLimit}`, path: `/hr/employees?limit=${SETTINGS.listLimit}` },
  ];
  const results = [];
  for (let round = 1; round <= SETTINGS.rounds; round++) {
    for (const c of cases) {
      for (const s of round % 2 ? servers : [...servers].reverse()) {
        log(`round ${round}/${SETTINGS.rounds}: ${c.name} -> ${s.name}: ${SETTINGS.warmupSeconds} s warm-up, ${SETTINGS.durationSeconds} s measured, ${SETTINGS.connections} connections`);
        results.push(await measure(s, c, servers, monitor, round));
      }
    }
  }

  const pick = (c, server, round) => results.find((r) => r.case === c.name && r.server === server && r.round === round);
  const rounds = Array.from({ length: SETTINGS.rounds }, (_, i) => i + 1);
  const summary = cases.map((c) => {
    const perRound = rounds.map((round) => {
      const api = pick(c, 'api', round);
      const bare = pick(c, 'bare', round);
      return bare.requestsPerSecond ? api.requestsPerSecond / bare.requestsPerSecond : 0;
    });
    const side = (server) => {
      const cpu = rounds.map((round) => pick(c, server, round).serverCpuMicrosPerRequest);
      return {
        requestsPerSecond: Math.round(median(rounds.map((round) => pick(c, server, round).requestsPerSecond))),
        p99Ms: median(rounds.map((round) => pick(c, server, round).latencyMs.p99)),
        serverCpuMicrosPerRequest: cpu.includes(null) ? null : Math.round(median(cpu)),
      };
    };
    const api = side('api');
    const bare = side('bare');
    const throughputApiOverBare = Number(median(perRound).toFixed(3));
    return {
      case: c.name,
      api,
      bare,
      throughputApiOverBare,
      throughputApiOverBarePerRound: perRound.map((x) => Number(x.toFixed(3))),
      p99ApiOverBare: bare.p99Ms ? Number((api.p99Ms / bare.p99Ms).toFixed(2)) : null,
      serverCpuPerRequestApiOverBare: api.serverCpuMicrosPerRequest && bare.serverCpuMicrosPerRequest ? Number((api.serverCpuMicrosPerRequest / bare.serverCpuMicrosPerRequest).toFixed(2)) : null,
      targetMet: throughputApiOverBare >= 0.5,
    };
  });

  const header = ['case', 'server', ...(SETTINGS.rounds > 1 ? ['round'] : []), 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'bytes/resp',
    'CPU server', 'CPU pg', 'CPU bench', 'CPU rest', 'server us/req', 'API/bare req/s'];
  const rows = results.map((r) => {
    const api = r.server === 'api';
    const bare = api ? pick({ name: r.case }, 'bare', r.round) : null;
    const ratio = api && bare.requestsPerSecond ? (r.requestsPerSecond / bare.requestsPerSecond).toFixed(2) : '';
    return [r.case, r.server, ...(SETTINGS.rounds > 1 ? [r.round] : []), r.requestsPerSecond, r.latencyMs.p50, r.latencyMs.p99, r.non2xx, r.errors, r.bytesPerResponse,
      fmt(r.cpuCores.server), fmt(r.cpuCores.postgres), fmt(r.cpuCores.loadGenerator), fmt(r.cpuCores.restOfMachine), fmt(r.serverCpuMicrosPerRequest), ratio];
  });
  const failures = results.filter((r) => r.non2xx || r.errors || r.timeouts || r.responses2xx === 0);
  const output = [
    '',
    `Benchmark ${startedAt.toISOString()}  node ${process.version}  PostgreSQL ${pgVersion}  ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`,
    `${SETTINGS.rows} employees, ${SETTINGS.connections} connections, pipelining ${SETTINGS.pipelining}, ${SETTINGS.durationSeconds} s per run after ${SETTINGS.warmupSeconds} s warm-up, ` +
      `${SETTINGS.rounds} round(s), pool ${SETTINGS.poolSize} per server` +
      (git ? `; commit ${git.commit}${git.uncommittedSourceChanges ? ` + ${git.uncommittedSourceChanges} uncommitted file(s) in src/ or migrations/` : ''}` : ''),
    'CPU columns in cores during the measured run: the server under load, its PostgreSQL backends, the load generator, everything else on the machine;',
    '"server us/req" is CPU time of the server process per request (microseconds).',
    '',
    table([header, ...rows], 2),
    '',
    ...summary.map((r) =>
      `${r.case}: API ${r.api.requestsPerSecond} req/s vs bare ${r.bare.requestsPerSecond} req/s = ${(r.throughputApiOverBare * 100).toFixed(0)}%` +
      `${SETTINGS.rounds > 1 ? ` (median of rounds ${r.throughputApiOverBarePerRound.map((x) => `${(x * 100).toFixed(0)}%`).join(', ')})` : ''}` +
      `, p99 ${r.api.p99Ms} vs ${r.bare.p99Ms} ms, server CPU per request ${fmt(r.serverCpuPerRequestApiOverBare)}x - target >= 50%: ${r.targetMet ? 'met' : 'MISSED'}`),
    '',
  ];
  process.stdout.write(output.join('\n'));

  const busyElsewhere = results.filter((r) => (r.cpuCores.restOfMachine ?? 0) > 0.25);
  if (busyElsewhere.length) {
    log(`note: other processes used > 0.25 cores during ${busyElsewhere.map((r) => `${r.case}/${r.server}${SETTINGS.rounds > 1 ? `#${r.round}` : ''}`).join(', ')}; those figures are disturbed`);
  }
  const apiLogLines = servers[0].info.lines;
  if (apiLogLines) log(`the API wrote ${apiLogLines} log line(s) at level warn or above; see ${path.relative(ROOT, servers[0].info.logPath)}`);

  await writeFile(
    path.join(RESULTS_DIR, 'latest.json'),
    `${JSON.stringify({
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      git,
      environment: { node: process.version, postgres: pgVersion, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` },
      settings: SETTINGS,
      backgroundCoresBeforeRuns: backgroundCores,
      parityProblems,
      summary,
      results,
      apiLogLines,
    }, null, 2)}\n`,
  );
  log(`results written to ${path.relative(ROOT, path.join(RESULTS_DIR, 'latest.json'))}`);

  let code = 0;
  if (failures.length) {
    log(`FAILED: non-2xx responses, errors or no successful response in ${failures.map((f) => `${f.case}/${f.server} (${JSON.stringify(f.statusCodes)}, ${f.errors} errors)`).join(', ')}`);
    code = 1;
  }
  if (parityProblems.length) {
    log('FAILED: the servers do not return the same JSON, so the comparison is not like for like');
    code = 1;
  }
  await exitWith(code);
}

runMain(main, log);

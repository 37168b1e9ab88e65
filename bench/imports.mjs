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
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  exitWith, installExitHandlers, intEnv, logger, newApiKey, prepareDatabase, readMemoryMiB, RESULTS_DIR, runMain, startApi,
} from './lib.mjs';

const API_KEY = newApiKey();

const S = {
  rows: intEnv('BENCH_IMPORT_ROWS', 100_000, 1000, 10_000_000),
  baseline: intEnv('BENCH_IMPORT_BASELINE_ROWS', 10_000, 100, 1_000_000),
  poolSize: intEnv('DB_POOL_SIZE', 10, 1, 200),
};

const log = logger('bench:imports');
installExitHandlers(log);

// --- memory of the app process ------------------------------------------------------------------
const status = readMemoryMiB;
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
    return { ms, before, peak: Math.max(sampled, s.peak), sampled, result };
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
  const { dbUrl } = await prepareDatabase(log, { tag: 'imp' });
  const { url: base, pid } = await startApi('imports-api', dbUrl, API_KEY, { DB_POOL_SIZE: String(S.poolSize), IMPORT_MAX_BYTES: String(1024 * 1024 * 1024) });
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

runMain(main, log);

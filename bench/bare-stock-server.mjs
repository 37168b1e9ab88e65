#!/usr/bin/env node
// The HTTP floor for the current-stock page in `npm run bench:inventory`: a bare `node:http` + `pg`
// server answering GET /inventory/stock?locationId=&limit= with the API's own statement
// (`currentStockStatement` from the build), prepared on its connection, rows as arrays, and the
// same JSON (cursor included). It checks the bearer token against an in-memory hash. What it leaves
// out is what the API adds on top: routing through Nest, the key lookup, rate limiting, query
// validation, the request context and the response pipeline.
//
// Env: DATABASE_URL, PORT, BENCH_API_KEY, DB_POOL_SIZE (default 10). Listens on 127.0.0.1 only.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { currentStockStatement } = require('../dist/src/modules/inventory/stock/stock.service.js');
const { encodeCursor } = require('../dist/src/platform/http/pagination.js');

const { DATABASE_URL, BENCH_API_KEY } = process.env;
const PORT = Number(process.env.PORT);
if (!DATABASE_URL || !BENCH_API_KEY || !Number.isInteger(PORT)) {
  process.stderr.write('bare-stock-server: DATABASE_URL, PORT and BENCH_API_KEY are required\n');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10), application_name: 'bench-bare-stock', statement_timeout: 30_000 });
pool.on('error', (err) => process.stderr.write(`bare-stock-server: idle client error: ${err.message}\n`));

const BEARER = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{8,512})\s*$/i;
const keyHash = createHash('sha256').update(BENCH_API_KEY, 'utf8').digest();
const authorised = (req) => {
  const m = typeof req.headers.authorization === 'string' ? BEARER.exec(req.headers.authorization) : null;
  return m !== null && timingSafeEqual(createHash('sha256').update(m[1], 'utf8').digest(), keyHash);
};
const names = new Map();
const statementName = (text) => {
  let name = names.get(text);
  if (!name) names.set(text, (name = `bare_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
};
const send = (res, status, body) => {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
};

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/health/ready') return send(res, 200, { status: 'ok' });
    if (!authorised(req)) return send(res, 401, { title: 'Unauthorized', status: 401 });
    if (req.method !== 'GET' || url.pathname !== '/inventory/stock' || !url.searchParams.get('locationId')) return send(res, 404, { title: 'Not Found', status: 404 });
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const { text, values } = currentStockStatement({ locationId: url.searchParams.get('locationId'), after: null, limit });
    const { rows } = await pool.query({ name: statementName(text), text, values, rowMode: 'array' });
    const more = rows.length > limit;
    const data = (more ? rows.slice(0, limit) : rows).map(([itemId, sku, locationId, locationCode, warehouseId, onHand, reserved, available, lots]) => ({
      itemId, sku, locationId, locationCode, warehouseId, onHand, reserved, available, lots: lots ?? [],
    }));
    const last = data[data.length - 1];
    send(res, 200, { asOf: null, data, nextCursor: more && last ? encodeCursor('stock', last.sku, last.locationId) : null });
  } catch (err) {
    process.stderr.write(`bare-stock-server: ${err.stack ?? err}\n`);
    if (!res.headersSent) send(res, 500, { title: 'Internal Server Error', status: 500 });
  }
});
server.listen(PORT, '127.0.0.1', () => process.stdout.write(`bare-stock-server listening on 127.0.0.1:${PORT}\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));

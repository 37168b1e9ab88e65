#!/usr/bin/env node
// The baseline for `npm run bench`: a bare `node:http` + `pg` server answering the same two
// requests as the API, on the same data, with the same JSON (field order included):
//   GET /hr/employees/{id}      -> the employee, with ETag "<version>"
//   GET /hr/employees?limit=N   -> { data: [...N employees by last_name, id], nextCursor }
// It checks the bearer token against an in-memory hash (the API hashes and looks up a cache),
// uses a pool of the same size and the same un-named parameterised queries TypeORM sends.
// Reveals nationalId/iban/baseSalary like the API does for the admin key the bench uses.
//
// Env: DATABASE_URL, PORT, BENCH_API_KEY, DB_POOL_SIZE (default 10). Listens on 127.0.0.1 only.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const { DATABASE_URL, BENCH_API_KEY } = process.env;
const PORT = Number(process.env.PORT);
const POOL_SIZE = Number(process.env.DB_POOL_SIZE ?? 10);
if (!DATABASE_URL || !BENCH_API_KEY || !Number.isInteger(PORT)) {
  process.stderr.write('bare-server: DATABASE_URL, PORT and BENCH_API_KEY are required\n');
  process.exit(2);
}

// Same type handling as the API (src/platform/database/data-source-options.ts): dates stay
// 'YYYY-MM-DD' strings, numeric stays a string, timestamptz becomes a Date.
pg.types.setTypeParser(1082, (value) => value);

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL_SIZE, application_name: 'bench-bare', statement_timeout: 30_000 });
pool.on('error', (err) => process.stderr.write(`bare-server: idle client error: ${err.message}\n`));

const COLUMNS = `e.id, e.employee_number, e.first_name, e.last_name, e.work_email, e.phone, e.birth_date, e.hire_date,
  e.employment_type, e.status, e.department_id, e.position_id, e.manager_id, e.work_location, e.country,
  e.work_calendar_id, e.national_id, e.iban, e.base_salary_amount, e.base_salary_currency, e.termination_date, e.termination_reason,
  e.version, e.created_at, e.updated_at`;
const BY_ID = `SELECT ${COLUMNS} FROM hr_employees e WHERE e.id = $1 LIMIT 1`;
// TypeORM inlines the limit and sends the page query without parameters (simple protocol); so does this.
const pageSql = (limit) => `SELECT ${COLUMNS} FROM hr_employees e ORDER BY e.last_name ASC, e.id ASC LIMIT ${limit + 1}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BEARER = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{8,512})\s*$/i;
const keyHash = createHash('sha256').update(BENCH_API_KEY, 'utf8').digest();
const REVEAL_SENSITIVE = true; // the bench key is an admin key

/** Mirrors toEmployeeDto (src/modules/hr/employees/employee.view.ts), same key order. */
function toEmployee(r) {
  const dto = {
    id: r.id,
    employeeNumber: r.employee_number,
    firstName: r.first_name,
    lastName: r.last_name,
    workEmail: r.work_email,
    phone: r.phone,
    birthDate: r.birth_date,
    hireDate: r.hire_date,
    employmentType: r.employment_type,
    status: r.status,
    departmentId: r.department_id,
    positionId: r.position_id,
    managerId: r.manager_id,
    workLocation: r.work_location,
    country: r.country,
    workCalendarId: r.work_calendar_id,
    terminationDate: r.termination_date,
    terminationReason: r.termination_reason,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
  if (REVEAL_SENSITIVE) {
    dto.nationalId = r.national_id;
    dto.iban = r.iban;
    dto.baseSalary = r.base_salary_amount !== null && r.base_salary_currency !== null ? { amount: r.base_salary_amount, currency: r.base_salary_currency } : null;
  }
  return dto;
}

/** Mirrors encodeCursor (src/platform/http/pagination.ts). */
const encodeCursor = (sort, value, id) => Buffer.from(JSON.stringify({ s: sort, v: value, id }), 'utf8').toString('base64url');

function send(res, status, body, headers = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

function authorised(req) {
  const m = typeof req.headers.authorization === 'string' ? BEARER.exec(req.headers.authorization) : null;
  if (!m) return false;
  return timingSafeEqual(createHash('sha256').update(m[1], 'utf8').digest(), keyHash);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/health/ready') {
    await pool.query('SELECT 1');
    return send(res, 200, { status: 'ok', checks: { database: 'ok' } });
  }
  if (req.method !== 'GET' || !url.pathname.startsWith('/hr/employees')) return send(res, 404, { title: 'Not Found', status: 404 });
  if (!authorised(req)) return send(res, 401, { title: 'Unauthorized', status: 401 }, { 'www-authenticate': 'Bearer' });

  if (url.pathname === '/hr/employees') {
    const raw = url.searchParams.get('limit');
    const limit = raw === null ? 50 : /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= 200)) return send(res, 422, { title: 'Validation failed', status: 422 });
    const { rows } = await pool.query(pageSql(limit)); // limit is a validated integer
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return send(res, 200, { data: page.map(toEmployee), nextCursor: hasMore && last ? encodeCursor('lastName', last.last_name, last.id) : null });
  }
  const id = url.pathname.slice('/hr/employees/'.length);
  if (!UUID.test(id)) return send(res, 400, { title: 'Bad Request', status: 400 });
  const { rows } = await pool.query(BY_ID, [id]);
  if (!rows.length) return send(res, 404, { title: 'Not Found', status: 404 });
  const employee = toEmployee(rows[0]);
  return send(res, 200, employee, { etag: `"${employee.version}"` });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    process.stderr.write(`bare-server: ${err.stack ?? err}\n`);
    if (!res.headersSent) send(res, 500, { title: 'Internal Server Error', status: 500 });
    else res.destroy();
  });
});
server.keepAliveTimeout = 72_000; // like Fastify's default, so autocannon's connections stay open

server.listen(PORT, '127.0.0.1', () => process.stdout.write(`bare-server listening on 127.0.0.1:${PORT}\n`));

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  server.close();
  server.closeAllConnections?.();
  pool.end().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

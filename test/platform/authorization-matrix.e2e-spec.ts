import { knownScopes } from '../../src/platform/auth/scopes';
import { employeeInput } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  path: string;
  scopes: string[];
  operationId: string;
}

const SENSITIVE_SCOPE = 'hr:sensitive';
const SENSITIVE_VALUES = ['ZZ987654A', 'DE89370400440532013000', '123456.78'];

/**
 * Generated from the OpenAPI document, so every new endpoint is covered without a new test:
 * no key → 401, a key holding every scope but the required ones → 403 missing_scope, the
 * required scopes → neither 401 nor 403.
 */
describe('authorization matrix (from the OpenAPI document)', () => {
  let t: TestApp;
  let operations: Operation[];
  const fakeId = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, { operationId: string; 'x-required-scopes'?: string[] }>> };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method: method as Operation['method'], path, operationId: op.operationId, scopes: op['x-required-scopes'] ?? ['(undeclared)'] })),
    );
  });
  afterAll(() => t.close());

  const call = (op: Operation, headers: Record<string, string>) => {
    const url = op.path.replace(/\{[^}]+\}/g, fakeId);
    const req = t.http[op.method](url).set(headers);
    return ['post', 'patch', 'put'].includes(op.method) ? req.send({}) : req;
  };

  it('every operation declares its scopes (x-required-scopes), and only known scopes', () => {
    expect(operations.length).toBeGreaterThan(20);
    const known = new Set(knownScopes().keys());
    for (const op of operations) {
      expect({ op: op.operationId, undeclared: op.scopes.includes('(undeclared)') }).toEqual({ op: op.operationId, undeclared: false });
      for (const s of op.scopes) expect({ op: op.operationId, scope: s, known: known.has(s) }).toEqual({ op: op.operationId, scope: s, known: true });
    }
  });

  it('no key: 401 on every protected operation', async () => {
    for (const op of operations.filter((o) => o.scopes.length > 0)) {
      const res = await call(op, {});
      expect({ op: op.operationId, status: res.status, code: res.body.code }).toEqual({ op: op.operationId, status: 401, code: 'unauthenticated' });
    }
  });

  it('a key without the required scope: 403 missing_scope naming it', async () => {
    const all = [...knownScopes().keys()].filter((s) => s !== 'admin');
    const keys = new Map<string, string>();
    for (const op of operations.filter((o) => o.scopes.length > 0)) {
      const others = all.filter((s) => !op.scopes.includes(s));
      const cacheKey = others.join(',');
      if (!keys.has(cacheKey)) keys.set(cacheKey, await t.key(others, `matrix-${keys.size}`));
      const res = await call(op, bearer(keys.get(cacheKey)!));
      expect({ op: op.operationId, status: res.status, code: res.body.code, missing: res.body.missingScopes }).toEqual({
        op: op.operationId,
        status: 403,
        code: 'missing_scope',
        missing: op.scopes,
      });
    }
  });

  it('a key with exactly the required scopes gets past authorization', async () => {
    for (const op of operations.filter((o) => o.scopes.length > 0 && !o.scopes.includes('admin'))) {
      const res = await call(op, bearer(await t.key(op.scopes, `exact-${op.operationId}`)));
      expect({ op: op.operationId, forbidden: [401, 403].includes(res.status) }).toEqual({ op: op.operationId, forbidden: false });
      expect(res.status).toBeLessThan(500);
    }
  });

  it('sensitive values never reach a key without hr:sensitive, in any readable list, its CSV export, the audit trail or an event', async () => {
    const id = (await t.http.post('/hr/employees').set(bearer(t.adminKey)).send(employeeInput({ nationalId: SENSITIVE_VALUES[0], iban: SENSITIVE_VALUES[1], baseSalary: { amount: SENSITIVE_VALUES[2], currency: 'EUR' } })).expect(201)).body.id;
    await t.http.patch(`/hr/employees/${id}`).set(bearer(t.adminKey)).send({ baseSalary: { amount: '200000.00', currency: 'EUR' } }).expect(200);
    const everythingButSensitive = await t.key([...knownScopes().keys()].filter((s) => s !== 'admin' && s !== SENSITIVE_SCOPE), 'no-sensitive');
    const readable = operations.filter((o) => o.method === 'get' && o.scopes.length > 0 && !o.scopes.includes('admin') && !o.scopes.includes(SENSITIVE_SCOPE));
    for (const op of readable) {
      const url = op.path.includes('{id}') && op.path.startsWith('/hr/employees') ? op.path.replace('{id}', id) : op.path.includes('{') ? null : op.path;
      if (!url) continue;
      const res = await t.http.get(url).query(url === '/audit-events' ? { entityId: id } : {}).set(bearer(everythingButSensitive));
      if (res.status === 422) continue; // needs query parameters this generic read cannot guess
      expect({ op: op.operationId, status: res.status }).toEqual({ op: op.operationId, status: 200 });
      const text = JSON.stringify(res.body);
      for (const v of [...SENSITIVE_VALUES, '200000.00']) expect({ op: op.operationId, leaks: text.includes(v) }).toEqual({ op: op.operationId, leaks: false });
      // The CSV export of a list (Accept: text/csv) holds the same rows: no sensitive value either.
      if (Array.isArray(res.body?.data)) {
        const csv = await t.http.get(url).query(url === '/audit-events' ? { entityId: id } : {}).set(bearer(everythingButSensitive)).set('Accept', 'text/csv').buffer(true).parse((r, done) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString('utf8')));
          r.on('end', () => done(null, body));
        });
        expect({ op: op.operationId, csv: csv.status }).toEqual({ op: op.operationId, csv: 200 });
        for (const v of [...SENSITIVE_VALUES, '200000.00']) expect({ op: op.operationId, csvLeaks: String(csv.body).includes(v) }).toEqual({ op: op.operationId, csvLeaks: false });
      }
    }
    // Events are what webhooks deliver: no outbox payload carries a sensitive value, whoever reads it.
    const leakingEvents = await t.sql<{ topic: string }>(
      `SELECT topic FROM outbox_events WHERE ${[...SENSITIVE_VALUES, '200000.00'].map((_, i) => `payload::text LIKE '%' || $${i + 1} || '%'`).join(' OR ')}`,
      [...SENSITIVE_VALUES, '200000.00'],
    );
    expect(leakingEvents).toEqual([]);
  });
});

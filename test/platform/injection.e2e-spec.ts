import { newDepartment, newEmployee, newPosition } from '../support/factories';
import { newItem, newWarehouse, receive } from '../support/inventory';
import { newCustomer } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * Injection through filters, sort and search: every query parameter of every list operation in
 * the OpenAPI document gets SQL metacharacters, operators and LIKE wildcards. The answer must be a
 * 4xx, or a 200 with no rows (no stored value contains these strings), never a 5xx and never
 * rows that a literal match would not return; and the data must still be there afterwards.
 */
const PAYLOADS = [
  "' OR '1'='1",
  "x'; DROP TABLE hr_employees; --",
  '") OR 1=1 --',
  "' UNION SELECT NULL, NULL --",
  '%',
  '_',
  '%%',
  '\\',
  "1' AND pg_sleep(5) IS NULL --",
  '$1',
  '*',
  '-createdAt; DELETE FROM hr_departments',
];

describe('injection through filters, sort and search (from the OpenAPI document)', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = bearer(t.adminKey);
    const d = await newDepartment(t);
    const p = await newPosition(t, d.id);
    await newEmployee(t, { departmentId: d.id, positionId: p.id });
    await newEmployee(t, { departmentId: d.id });
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '5');
    await newCustomer(t);
  });
  afterAll(() => t.close());

  it('every list filter, sort and search answers 4xx or no rows, never 5xx or other rows', async () => {
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema?: { type?: string; enum?: unknown[] } }> }>> };
    const counts = await t.sql<{ d: string; e: string }>('SELECT (SELECT count(*) FROM hr_departments)::text AS d, (SELECT count(*) FROM hr_employees)::text AS e');
    const failures: string[] = [];
    let sent = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op || path.includes('{')) continue;
      const params = (op.parameters ?? []).filter((q) => q.in === 'query' && !['limit', 'cursor'].includes(q.name));
      for (const param of params) {
        for (const payload of PAYLOADS) {
          const started = Date.now();
          const res = await t.http.get(path).query({ [param.name]: payload }).set(admin);
          sent++;
          const where = `GET ${path}?${param.name}=${payload}`;
          if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          else if (Date.now() - started > 4000) failures.push(`${where}: took ${Date.now() - started} ms (pg_sleep ran?)`);
          else if (res.status === 200 && Array.isArray(res.body?.data) && res.body.data.length > 0) {
            failures.push(`${where}: 200 with ${res.body.data.length} row(s); a literal match would return none`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(await t.sql('SELECT (SELECT count(*) FROM hr_departments)::text AS d, (SELECT count(*) FROM hr_employees)::text AS e')).toEqual(counts);
  });
});

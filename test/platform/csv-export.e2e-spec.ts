import { parse } from 'csv-parse/sync';
import { newDepartment, newEmployee } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('CSV export of list endpoints (Accept: text/csv)', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const csv = (path: string, key = admin) => t.http.get(path).set(key).set('Accept', 'text/csv').buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString('utf8')));
    res.on('end', () => done(null, text));
  });

  it('streams every row matching the filters, across pages, in the list order', async () => {
    const parent = await newDepartment(t, { name: 'Exports parent' });
    for (let i = 0; i < 230; i++) await newDepartment(t, { parentId: parent.id, name: `Child ${String(i).padStart(3, '0')}` });
    await newDepartment(t, { name: 'Not a child' });

    const res = await csv(`/hr/departments?parentId=${parent.id}&sort=-name&limit=5`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="hr-departments.csv"');
    const rows = parse(res.body as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(230);
    expect(rows[0].name).toBe('Child 229');
    expect(rows[229].name).toBe('Child 000');
    expect(rows.every((r) => r.parentId === parent.id)).toBe(true);

    // The same rows as the JSON pages, field for field.
    const json: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<Record<string, unknown>>; nextCursor: string | null } } = await t.http.get(`/hr/departments?parentId=${parent.id}&sort=-name&limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(admin);
      json.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(rows.map((r) => r.id)).toEqual(json.map((d) => d.id));
    expect(Object.keys(rows[0])).toEqual(Object.keys(json[0]));
  });

  it('a bad filter is still a 422 problem, not a broken file', async () => {
    const res = await t.http.get('/hr/departments?parentId=not-a-uuid').set(admin).set('Accept', 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
  });

  it('neutralises spreadsheet formulas and keeps numbers as they are', async () => {
    const d = await newDepartment(t, { name: '=HYPERLINK("http://evil.example","x")' });
    const res = await csv(`/hr/departments?sort=name`);
    const rows = parse(res.body as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.id === d.id)?.name).toBe('\'=HYPERLINK("http://evil.example","x")');
  });

  it('sensitive fields stay out of the file for a key without hr:sensitive', async () => {
    const e = await newEmployee(t, { iban: 'DE89370400440532013000' });
    const reader = await t.key(['hr:read'], 'csv-reader');
    const plain = await csv('/hr/employees', bearer(reader));
    expect(plain.status).toBe(200);
    expect(plain.body).toContain(e.id);
    expect(plain.body).not.toContain('DE89370400440532013000');
    const sensitive = await csv('/hr/employees', bearer(await t.key(['hr:read', 'hr:sensitive'], 'csv-sensitive')));
    expect(sensitive.body).toContain('DE89370400440532013000');
  });

  it('JSON stays the default; the OpenAPI document offers text/csv on lists only', async () => {
    const res = await t.http.get('/hr/departments').set(admin);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = (await t.http.get('/docs-json')).body;
    expect(Object.keys(doc.paths['/hr/departments'].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.paths['/hr/departments/{id}'].get.responses['200'].content)).toEqual(['application/json']);
  });
});

import { employeeInput, newDepartment, newEmployee, newPosition } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('errors are problem+json with a stable code', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  const countEmployees = async () => Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM hr_employees'))[0].n);

  it('malformed JSON is 400 malformed_json and changes nothing', async () => {
    const before = await countEmployees();
    const res = await t.http.post('/hr/employees').set(admin).set('content-type', 'application/json').send('{"firstName": "Ada",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_json', type: 'urn:problem:backoffice:malformed_json', instance: '/hr/employees' });
    expect(await countEmployees()).toBe(before);
  });

  it('validation is 422 listing every bad field, unknown fields included', async () => {
    const res = await t.http.post('/hr/employees').set(admin).send({
      firstName: '',
      workEmail: 'not-an-email',
      hireDate: '2026-02-30',
      employmentType: 'boss',
      baseSalary: { amount: 1000.5, currency: 'EURO' },
      salary: 5,
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('validation_failed');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['baseSalary.amount', 'baseSalary.currency', 'employmentType', 'firstName', 'hireDate', 'lastName', 'salary', 'workEmail']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'salary').message).toBe('is not a known field');
  });

  it('an invalid UUID in a path is 400 invalid_path_parameter, never a database error', async () => {
    for (const path of ['/hr/employees/123', "/hr/employees/1'%20OR%201=1", '/hr/departments/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz']) {
      const res = await t.http.get(path).set(admin);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_path_parameter');
    }
  });

  it('an unknown id is 404 not_found', async () => {
    const res = await t.http.get('/hr/employees/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10').set(admin);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', detail: 'Employee 0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10 does not exist.' });
  });

  it('an unknown route is 404 problem+json', async () => {
    const res = await t.http.get('/hr/nothing-here').set(admin);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('not_found');
  });

  it('a body over 1 MB is 413 payload_too_large', async () => {
    const res = await t.http.post('/hr/employees').set(admin).send({ ...employeeInput(), workLocation: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('a body that is not JSON is 415', async () => {
    const res = await t.http.post('/hr/employees').set(admin).set('content-type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('a unique violation is 409 naming the field', async () => {
    const first = await newEmployee(t);
    const res = await t.http.post('/hr/employees').set(admin).send(employeeInput({ workEmail: first.workEmail.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'unique_violation', field: 'workEmail', errors: [{ field: 'workEmail', message: 'An employee with this work email already exists.' }] });
  });

  it('a reference to something that does not exist is 422 naming the reference', async () => {
    const res = await t.http.post('/hr/employees').set(admin).send(employeeInput({ departmentId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_reference', field: 'departmentId', errors: [{ field: 'departmentId', message: 'The department does not exist.' }] });
  });

  it('deleting something still referenced is 409 still_referenced', async () => {
    const dept = await newDepartment(t);
    await newPosition(t, dept.id);
    const res = await t.http.delete(`/hr/departments/${dept.id}`).set(admin);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'still_referenced', referencedBy: 'hr_positions' });
    expect((await t.http.get(`/hr/departments/${dept.id}`).set(admin)).status).toBe(200);
  });

  it('a NUL character or a lone surrogate in text is 422 naming the field, never a 500 or a silent replacement', async () => {
    const res = await t.http.post('/hr/employees').set(admin).send(employeeInput({ workLocation: 'Berlin\u0000HQ' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'workLocation', message: 'must be valid Unicode text without NUL characters' }] });
    const body = JSON.stringify(employeeInput()).replace('"firstName":"Grace"', '"firstName":"\\ud800"').replace(/"workEmail":"[^"]+"/, '"workEmail":"\\udc00@example.com"');
    const lone = await t.http.post('/hr/employees').set(admin).set('content-type', 'application/json').send(body);
    expect(lone.status).toBe(422);
    expect(lone.body.errors.map((e: { field: string }) => e.field)).toEqual(['firstName', 'workEmail']);
    const query = await t.http.get('/hr/employees?q=ab%00cd').set(admin);
    expect(query.status).toBe(422);
    expect(query.body.errors).toEqual([{ field: 'q', message: 'must be valid Unicode text without NUL characters' }]);
  });

  it('null is refused where the schema does not say nullable (found by fuzzing: an accrual run with asOf null was a 500)', async () => {
    const run = await t.http.post('/hr/leave-accrual-runs').set(admin).send({ asOf: null });
    expect(run.status).toBe(422);
    expect(run.body.errors).toEqual([{ field: 'asOf', message: 'asOf must not be null' }]);
    const nested = await t.http.post('/hr/employees').set(admin).send(employeeInput({ baseSalary: { amount: null, currency: 'EUR' }, phone: null }));
    expect(nested.status).toBe(422);
    expect(nested.body.errors).toEqual([{ field: 'baseSalary.amount', message: 'amount must not be null' }]);
    // Where null is documented (an optional field to clear), it is accepted.
    expect((await t.http.post('/hr/employees').set(admin).send(employeeInput({ phone: null, baseSalary: null }))).status).toBe(201);
  });

  it('a bad cursor is 400 invalid_cursor; a sort outside the allow-list is 422', async () => {
    for (const cursor of ['not-base64!', Buffer.from('{"s":"lastName","v":1,"id":"x"}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      const res = await t.http.get('/hr/employees').query({ cursor }).set(admin);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_cursor');
    }
    const sorted = await t.http.get('/hr/employees').query({ sort: 'nationalId' }).set(admin);
    expect(sorted.status).toBe(422);
    expect(sorted.body.errors[0].field).toBe('sort');
  });

  it('limit outside 1..200 and unknown query parameters are 422', async () => {
    expect((await t.http.get('/hr/employees?limit=201').set(admin)).status).toBe(422);
    expect((await t.http.get('/hr/employees?limit=0').set(admin)).status).toBe(422);
    const res = await t.http.get('/hr/employees?departmnt=x').set(admin);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'departmnt', message: 'is not a known field' }]);
  });

  it('every response carries a request id, echoed when the client sends one', async () => {
    const echoed = await t.http.get('/health/live').set('X-Request-Id', 'trace-abc-123');
    expect(echoed.headers['x-request-id']).toBe('trace-abc-123');
    const generated = await t.http.get('/hr/nothing').set(admin);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
    const unsafe = await t.http.get('/health/live').set('X-Request-Id', 'bad id\twith spaces');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    const docs = await t.http.get('/docs');
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('health: live and ready (ready checks the database)', async () => {
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready')).body).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/hr/employees'].post['x-required-scopes']).toEqual(['hr:write']);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});

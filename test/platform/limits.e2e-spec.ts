import { buildOpenApiDocument } from '../../src/openapi';
import { CURSOR_MAX_LENGTH, encodeCursor } from '../../src/platform/http/pagination';
import { MAX_LEAVE_TYPES } from '../../src/modules/hr/leave/dto/leave.dto';
import { bearer, createTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

/** OWASP API4 limits: what the document states, the validators enforce (422 naming the field). */
describe('string and array limits (OWASP API4)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let doc: Json;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
    doc = buildOpenApiDocument(t.app) as unknown as Json;
  });
  afterAll(() => t.close());

  const fieldsOf = (body: Json) => (body.errors as { field: string }[]).map((e) => e.field);
  const queryParam = (path: string, name: string) => (doc.paths[path].get.parameters as Json[]).find((p) => p.name === name)!.schema;
  const schemaOf = (name: string) => doc.components.schemas[name];

  it('an over-long query filter is 422 validation_failed naming it, at the documented maxLength + 1', async () => {
    const category = queryParam('/inventory/items', 'category');
    expect(category.maxLength).toBe(100);
    expect((await t.http.get('/inventory/items').query({ category: 'c'.repeat(category.maxLength) }).set(admin)).status).toBe(200);
    const res = await t.http.get('/inventory/items').query({ category: 'c'.repeat(category.maxLength + 1) }).set(admin);
    expect([res.status, res.body.code, fieldsOf(res.body)]).toEqual([422, 'validation_failed', ['category']]);

    const entityType = queryParam('/audit-events', 'entityType');
    const audit = await t.http.get('/audit-events').query({ entityType: 'e'.repeat(entityType.maxLength + 1) }).set(admin);
    expect([audit.status, fieldsOf(audit.body)]).toEqual([422, ['entityType']]);
  });

  it('a cursor is bounded by what the codec produces: longer is 422 on cursor, garbage within the bound stays 400 invalid_cursor', async () => {
    expect(queryParam('/inventory/items', 'cursor').maxLength).toBe(CURSOR_MAX_LENGTH);
    const tooLong = await t.http.get('/inventory/items').query({ cursor: 'A'.repeat(CURSOR_MAX_LENGTH + 1) }).set(admin);
    expect([tooLong.status, fieldsOf(tooLong.body)]).toEqual([422, ['cursor']]);
    const notBase64 = await t.http.get('/inventory/items').query({ cursor: 'abc$def' }).set(admin);
    expect([notBase64.status, notBase64.body.code]).toEqual([400, 'invalid_cursor']);
    // A cursor for a long text sort value is still accepted (the old 1000-character bound refused it).
    const long = encodeCursor('name', '€'.repeat(300), '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10');
    expect(long.length).toBeGreaterThan(1000);
    const ok = await t.http.get('/inventory/items').query({ sort: 'name', cursor: long }).set(admin);
    expect(ok.status).toBe(200);
  });

  it('an over-long body field is 422 naming it', async () => {
    expect(schemaOf('CreateSupplierDto').properties.name.maxLength).toBe(200);
    const res = await t.http.post('/inventory/suppliers').set(admin).send({ name: 'n'.repeat(201), currency: 'EUR' });
    expect([res.status, res.body.code, fieldsOf(res.body)]).toEqual([422, 'validation_failed', ['name']]);
    const currency = await t.http.post('/inventory/suppliers').set(admin).send({ name: 'Acme', currency: 'EURO' });
    expect([currency.status, fieldsOf(currency.body)]).toEqual([422, ['currency']]);
  });

  it('decimals are bounded by their numeric(p, s) column, documented as pattern and maxLength', async () => {
    const reorderPoint = schemaOf('CreateItemDto').properties.reorderPoint;
    expect(reorderPoint).toMatchObject({ type: 'string', pattern: '^\\d{1,11}(\\.\\d{1,3})?$', maxLength: 15, nullable: true });
    const item = { sku: 'LIMIT-1', name: 'Limit', unitOfMeasure: 'pcs', tracking: 'none', valuationMethod: 'fifo' };
    // 12 integer digits overflow numeric(14, 3): refused by the validator, naming the field (was a nameless database error).
    const over = await t.http.post('/inventory/items').set(admin).send({ ...item, reorderPoint: '100000000000' });
    expect([over.status, fieldsOf(over.body)]).toEqual([422, ['reorderPoint']]);
    const max = await t.http.post('/inventory/items').set(admin).send({ ...item, reorderPoint: '99999999999.999' });
    expect([max.status, max.body.reorderPoint]).toEqual([201, '99999999999.999']);
    expect(schemaOf('ItemDto').properties.reorderPoint).toMatchObject({ pattern: reorderPoint.pattern, maxLength: 15 });
  });

  it('an array over maxItems is 422 naming it', async () => {
    const scopes = schemaOf('CreateApiKeyDto').properties.scopes;
    expect(scopes).toMatchObject({ maxItems: 50, items: { maxLength: 64 } });
    const res = await t.http.post('/api-keys').set(admin).send({ name: 'too-many', scopes: Array.from({ length: scopes.maxItems + 1 }, () => 'hr:read') });
    expect([res.status, res.body.code, fieldsOf(res.body)]).toEqual([422, 'validation_failed', ['scopes']]);
    const serials = await t.http.post('/inventory/stock-moves').set(admin).send({
      kind: 'receipt', itemId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f50', quantity: '1001', toLocationId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f81', unitCost: '1',
      serialNumbers: Array.from({ length: 1001 }, (_, i) => `SN-${i}`),
    });
    expect([serials.status, fieldsOf(serials.body)]).toEqual([422, ['serialNumbers']]);
  });

  it('UUID path parameters are documented from ParseUuidPipe, with their length', () => {
    const id = (doc.paths['/hr/employees/{id}'].get.parameters as Json[]).find((p) => p.name === 'id');
    expect(id).toMatchObject({ in: 'path', required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } });
    const rule = (doc.paths['/hr/working-time-rules/{employmentType}'].get.parameters as Json[]).find((p) => p.name === 'employmentType');
    expect(rule!.schema.enum).toContain('full_time');
  });

  it('leave types are capped, since every balance lists them all', async () => {
    await t.sql(
      `INSERT INTO hr_leave_types (id, code, name, paid, unit, half_days_allowed, accrual_policy, allow_negative, approver)
       SELECT gen_random_uuid(), 'CAP_' || n, 'Cap ' || n, true, 'days', false, 'none', false, 'manager'
         FROM generate_series(1, $1::int - (SELECT count(*)::int FROM hr_leave_types)) n`,
      [MAX_LEAVE_TYPES],
    );
    const res = await t.http.post('/hr/leave-types').set(admin).send({ code: 'ONE_MORE', name: 'One more', paid: true, unit: 'days', halfDaysAllowed: false, accrualPolicy: 'none', allowNegative: false, approver: 'manager' });
    expect([res.status, res.body.code, fieldsOf(res.body)]).toEqual([422, 'validation_failed', ['code']]);
    expect(schemaOf('LeaveBalancesDto').properties.balances.maxItems).toBe(MAX_LEAVE_TYPES);
    await t.sql(`DELETE FROM hr_leave_types WHERE code LIKE 'CAP\\_%'`);
  });

  it('response headers and problem bodies state their bounds', () => {
    const ok = doc.paths['/hr/employees/{id}'].get.responses['200'].headers;
    expect(ok['X-Request-Id'].schema).toMatchObject({ maxLength: 128 });
    expect(ok.ETag.schema).toMatchObject({ maxLength: 19 });
    const problem = schemaOf('ProblemDetailsDto').properties;
    expect(problem.errors.maxItems).toBe(100);
    expect(problem.detail.maxLength).toBe(2000);
  });
});

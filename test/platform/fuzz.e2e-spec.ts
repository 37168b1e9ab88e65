import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { newDepartment, newEmployee, newPosition } from '../support/factories';
import { newItem, newSupplier, newWarehouse, receive } from '../support/inventory';
import { newCustomer, newProduct, newSellerProfile, newSeries, newTaxCategory, post } from '../support/invoicing';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * Schema-driven fuzzing: requests for every operation are derived from the OpenAPI document
 * (valid-looking bodies from the schemas, then mutated and garbage ones, wrong path and query
 * values), sent with an admin key. Every answer must be below 500, documented for the
 * operation, and match its documented schema. Reproducible: FUZZ_SEED, FUZZ_RUNS.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
/** Runs per operation; by default a total budget shared by all operations, at least 30 each. */
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const BUDGET = Number(process.env.FUZZ_BUDGET ?? 5000);

type Schema = Record<string, any>;
interface Op {
  method: string;
  path: string;
  operationId: string;
  params: Array<{ name: string; in: string; schema: Schema }>;
  body?: Schema;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

describe('schema-driven fuzzing (from the OpenAPI document)', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
  let ids: string[];
  let idsByModule: Record<string, string[]>;
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    doc = (await t.http.get('/docs-json')).body;
    ajv.addSchema({ $id: 'doc', components: nullableAsAnyOf(doc.components) as Schema });
    // One of each main resource per module, so `{id}` routes are fuzzed past their 404 too.
    const d = await newDepartment(t);
    const p = await newPosition(t, d.id);
    const e = await newEmployee(t, { departmentId: d.id, positionId: p.id });
    const w = await newWarehouse(t);
    const item = await newItem(t);
    await receive(t, item.id, w.binA, '10');
    const supplier = await newSupplier(t);
    await newSellerProfile(t);
    const customer = await newCustomer(t);
    const vat = await newTaxCategory(t, 'S', '19');
    const series = await newSeries(t);
    const product = await newProduct(t, vat.id);
    const invoice = await post(t, '/invoicing/invoices', { customerId: customer.id, seriesId: series.id, lines: [{ productId: product.id, quantity: '1' }] });
    const ticket = await post(t, '/it/tickets', { title: 'Fuzz', description: 'Seeded for fuzzing', type: 'incident', category: 'network', impact: 2, urgency: 2, requesterId: e.id });
    const asset = await post(t, '/it/assets', { assetTag: 'FUZZ-1', model: 'Laptop', category: 'laptop' });
    const contract = await post(t, '/contracts', { title: 'Fuzz', type: 'nda', counterparty: { kind: 'party', name: 'Initech LLC' }, startDate: '2026-01-01', termMonths: 12 });
    const schedule = await post(t, '/payroll/pay-schedules', { code: 'FUZZ', name: 'Fuzz', frequency: 'monthly', payDateRule: 'last_working_day' });
    const run = await post(t, '/payroll/pay-runs', { payScheduleId: schedule.id, periodStart: '2026-01-01' });
    const hook = await post(t, '/webhooks/subscriptions', { url: 'https://hooks.example.com/fuzz', eventTypes: ['hr.*'], active: false });
    idsByModule = {
      hr: [d.id, p.id, e.id],
      inventory: [w.id, w.binA, item.id, supplier.id],
      invoicing: [customer.id, vat.id, series.id, product.id, invoice.id],
      it: [ticket.id, asset.id, e.id],
      contracts: [contract.id],
      payroll: [schedule.id, run.id, e.id],
      webhooks: [hook.id],
    };
    ids = Object.values(idsByModule).flat();
  });

  /** Real ids of the operation's own module first, then any. */
  const idsFor = (path: string): string[] => idsByModule[path.split('/')[1]] ?? ids;
  afterAll(() => t.close());

  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return s;
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()]);
    if (s.allOf?.length === 1) return resolve(s.allOf[0]);
    return s;
  };

  /** OpenAPI 3.0 `nullable: true` read as "this schema, or null" (as generated clients read it), for JSON Schema validation. */
  const nullableAsAnyOf = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(nullableAsAnyOf);
    if (!s || typeof s !== 'object') return s;
    const { nullable, ...rest } = s as Schema;
    const inner = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'example' ? v : nullableAsAnyOf(v)]));
    return nullable ? { anyOf: [inner, { type: 'null' }] } : inner;
  };

  const validatorFor = (schema: Schema): ValidateFunction => {
    const key = JSON.stringify(nullableAsAnyOf(schema));
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile(JSON.parse(key.replace(/"#\/components\//g, '"doc#/components/')));
      validators.set(key, v);
    }
    return v;
  };

  const garbage = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: false }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constant('x'.repeat(20_000)),
    fc.constant('\u0000\uD800'),
    fc.constant("'; DROP TABLE hr_employees; --"),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  );

  const fromSchema = (raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    if (!s || depth > 4) return garbage;
    const base = ((): fc.Arbitrary<unknown> => {
      if (s.enum) return fc.constantFrom(...s.enum);
      switch (s.type) {
        case 'string':
          if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
          if (s.format === 'date') return fc.oneof(fc.constantFrom('2026-01-05', '2026-02-29', '1900-01-01', '2999-12-31'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
          if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
          if (s.format === 'email') return fc.emailAddress();
          if (s.example !== undefined && typeof s.example === 'string') return fc.oneof(fc.constant(s.example), fc.string({ unit: 'grapheme', maxLength: s.maxLength ?? 40 }));
          return fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) });
        case 'integer':
          return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
        case 'number':
          return fc.double({ min: -1e6, max: 1e6, noNaN: true });
        case 'boolean':
          return fc.boolean();
        case 'array':
          return fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
        default: {
          const props: Record<string, Schema> = s.properties ?? {};
          const required: string[] = s.required ?? [];
          const record = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
          return fc.record(record, { requiredKeys: required.filter((k) => k in record) });
        }
      }
    })();
    return s.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
  };

  /** Valid-looking, then mutated (a field of the wrong type, an unknown field), then garbage. */
  const bodyArbitrary = (schema: Schema) =>
    fc.oneof(
      { weight: 3, arbitrary: fromSchema(schema) },
      {
        weight: 2,
        arbitrary: fc.tuple(fromSchema(schema), fc.string({ minLength: 1, maxLength: 12 }), garbage).map(([v, key, junk]) => {
          if (v && typeof v === 'object' && !Array.isArray(v)) {
            const keys = Object.keys(v);
            const target = keys.length && key.length % 2 === 0 ? keys[key.length % keys.length] : key;
            return { ...v, [target]: junk };
          }
          return junk;
        }),
      },
      { weight: 1, arbitrary: garbage },
    );

  const operations = (): Op[] =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method,
        path,
        operationId: op.operationId,
        params: (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path' || p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
        responses: op.responses,
      })),
    );

  it('never answers 5xx, answers only documented statuses, and matches the documented schemas', async () => {
    const failures: string[] = [];
    let requests = 0;
    const ops = operations();
    const runs = RUNS ?? Math.max(30, Math.floor(BUDGET / ops.length));
    for (const op of ops) {
      const pathParams = op.params.filter((p) => p.in === 'path');
      const queryParams = op.params.filter((p) => p.in === 'query');
      const arb = fc.record({
        path: fc.tuple(...pathParams.map(() => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...idsFor(op.path)) }, fc.constantFrom(...ids), fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('0', '-1', '%00', '..%2F..', 'null')))),
        query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fc.oneof(fromSchema(p.schema).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))), fc.string({ maxLength: 30 }))])), { requiredKeys: [] }),
        body: op.body ? bodyArbitrary(op.body) : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (input) => {
          let url = op.path;
          pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(String(input.path[i])))));
          let req = (t.http as any)[op.method](url).set(bearer(t.adminKey)).query(input.query as Record<string, string>);
          if (op.body) req = req.set('content-type', 'application/json').send(JSON.stringify(input.body));
          const res = await req;
          requests++;
          const where = `${op.method.toUpperCase()} ${op.path} → ${res.status} for ${JSON.stringify(input).slice(0, 300)}`;
          if (res.status >= 500) failures.push(`5xx: ${where} ${JSON.stringify(res.body).slice(0, 200)}`);
          const documented = op.responses[String(res.status)];
          if (!documented) {
            failures.push(`undocumented status: ${where} ${JSON.stringify(res.body).slice(0, 200)}`);
            return true;
          }
          const type = String(res.headers['content-type'] ?? '').split(';')[0];
          const schema = documented.content?.[type]?.schema;
          if (res.status !== 204 && type && !documented.content?.[type] && res.text) failures.push(`undocumented content type ${type}: ${where}`);
          if (schema && !validatorFor(schema)(res.body)) failures.push(`schema mismatch: ${where}: ${ajv.errorsText(validatorFor(schema).errors)}`);
          return true;
        }),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
    }
    expect(requests).toBeGreaterThan(0);
    expect([...new Set(failures)].slice(0, 25)).toEqual([]);
  }, 600_000);
});

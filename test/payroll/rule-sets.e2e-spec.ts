import { randomBytes } from 'node:crypto';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const code = () => `RS-${randomBytes(4).toString('hex').toUpperCase()}`;
const body = (over: Record<string, unknown> = {}) => ({
  code: code(),
  validFrom: '2026-01-01',
  name: 'Standard 2026',
  taxAllowance: '1000',
  taxBrackets: [
    { threshold: '2000', rate: '0.20' },
    { threshold: '0', rate: '0.10' },
  ],
  contributions: [{ code: 'PENSION', name: 'State pension', base: 'gross', employeeRate: '0.05', employerRate: '0.08', lowerThreshold: '500', upperCap: '4000' }],
  ...over,
});

describe('payroll rule sets', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  it('stores versions by valid-from with brackets in threshold order', async () => {
    const b = body();
    const v1 = await t.http.post('/payroll/rule-sets').set(admin).send(b);
    expect(v1.status).toBe(201);
    expect(v1.body.taxBrackets).toEqual([
      { threshold: '0', rate: '0.10' },
      { threshold: '2000', rate: '0.20' },
    ]);
    expect(v1.body.taxAllowance).toBe('1000.0000');
    const v2 = await t.http.post('/payroll/rule-sets').set(admin).send({ ...b, validFrom: '2027-01-01', contributions: [{ ...b.contributions[0], upperCap: null }] });
    expect(v2.status).toBe(201);
    expect(v2.body.contributions[0].upperCap).toBeNull();
    const same = await t.http.post('/payroll/rule-sets').set(admin).send(b);
    expect(same.status).toBe(409);
    const list = await t.http.get('/payroll/rule-sets').query({ code: b.code }).set(admin);
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { validFrom: string }) => r.validFrom).sort()).toEqual(['2026-01-01', '2027-01-01']);
    expect((await t.http.get(`/payroll/rule-sets/${v1.body.id}`).set(admin)).body.code).toBe(b.code);
  });

  it('refuses inconsistent rules naming the field', async () => {
    const rate = await t.http.post('/payroll/rule-sets').set(admin).send(body({ taxBrackets: [{ threshold: '0', rate: '1.5' }] }));
    expect(rate.status).toBe(422);
    expect(rate.body).toMatchObject({ code: 'invalid_rule_set', errors: [{ field: 'taxBrackets.0.rate' }] });
    const twice = await t.http.post('/payroll/rule-sets').set(admin).send(body({ taxBrackets: [{ threshold: '0', rate: '0.1' }, { threshold: '0.00', rate: '0.2' }] }));
    expect(twice.body.code).toBe('invalid_rule_set');
    const cap = await t.http.post('/payroll/rule-sets').set(admin).send(body({ contributions: [{ code: 'X', name: 'X', base: 'gross', employeeRate: '0.1', employerRate: '0', lowerThreshold: '500', upperCap: '100' }] }));
    expect(cap.body).toMatchObject({ code: 'invalid_rule_set', errors: [{ field: 'contributions.0.upperCap' }] });
    const shape = await t.http.post('/payroll/rule-sets').set(admin).send(body({ taxBrackets: [{ threshold: '-1', rate: 'x' }] }));
    expect(shape.status).toBe(422);
    expect(shape.body.code).toBe('validation_failed');
  });
});

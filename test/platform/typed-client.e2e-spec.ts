import { createBackOfficeClient } from '../../clients/typescript';
import { createTestApp, TestApp } from '../support/test-app';

describe('the typed TypeScript client (clients/typescript)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('creates and reads resources with typed requests and responses', async () => {
    const api = createBackOfficeClient({ baseUrl, apiKey: t.adminKey, actingUser: 'client.test@example.com' });
    const created = await api.POST('/hr/departments', { body: { code: 'CLI', name: 'Client department' } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    const read = await api.GET('/hr/departments/{id}', { params: { path: { id } } });
    expect(read.data?.name).toBe('Client department');
    const missing = await api.GET('/hr/departments/{id}', { params: { path: { id: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' } } });
    expect(missing.response.status).toBe(404);
    expect((missing.error as { code?: string } | undefined)?.code).toBe('not_found');
  });

  it('retries a POST whose response was lost with the same Idempotency-Key: one department, not two', async () => {
    let calls = 0;
    const keys: string[] = [];
    const lossy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      keys.push(request.headers.get('idempotency-key') ?? '');
      const response = await fetch(request);
      if (++calls === 1) throw new TypeError('fetch failed (response lost)');
      return response;
    };
    const api = createBackOfficeClient({ baseUrl, apiKey: t.adminKey, fetch: lossy });
    const created = await api.POST('/hr/departments', { body: { code: 'RETRY', name: 'Retried once' } });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('idempotent-replayed')).toBe('true');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await t.sql(`SELECT id FROM hr_departments WHERE code = 'RETRY'`)).toHaveLength(1);
  });
});

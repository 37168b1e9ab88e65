import { createHash } from 'node:crypto';
import request from 'supertest';
import { ApiKeyService } from '../../src/platform/auth/api-key.service';
import { bearer, createTestApp, startApp, TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('API keys, scopes and rate limits', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ API_KEY_CACHE_TTL_MS: '300' });
    admin = bearer(t.adminKey);
  });
  afterAll(() => t.close());

  it('401 without a key, with a malformed header and with an unknown key', async () => {
    const none = await t.http.get('/hr/employees');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthenticated');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await t.http.get('/hr/employees').set('Authorization', 'Basic abc')).status).toBe(401);
    const unknown = await t.http.get('/hr/employees').set(bearer('bo_this_key_does_not_exist_anywhere'));
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe('The API key is unknown or has been revoked.');
  });

  it('403 missing_scope naming the scope; the right scope passes', async () => {
    const reader = await t.key(['hr:read']);
    const res = await t.http.post('/hr/departments').set(bearer(reader)).send({ code: 'X1', name: 'X' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'missing_scope', requiredScopes: ['hr:write'], missingScopes: ['hr:write'] });
    expect(res.body.detail).toBe('This operation needs the scope hr:write.');
    expect((await t.http.get('/hr/departments').set(bearer(reader))).status).toBe(200);
    expect((await t.http.get('/audit-events').set(bearer(reader))).body.code).toBe('missing_scope');
    expect((await t.http.get('/api-keys').set(bearer(reader))).body.requiredScopes).toEqual(['admin']);
  });

  it('creates a key once, stores only its SHA-256, lists and revokes it', async () => {
    const created = await t.http.post('/api-keys').set(admin).send({ name: 'crm-sync', scopes: ['hr:read', 'hr:write'] });
    expect(created.status).toBe(201);
    const { key, apiKey } = created.body;
    expect(key).toMatch(/^bo_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'crm-sync', scopes: ['hr:read', 'hr:write'], prefix: key.slice(0, 10), revokedAt: null, lastUsedAt: null });
    const [row] = await t.sql<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const everything = JSON.stringify(await t.sql('SELECT * FROM api_keys'));
    expect(everything).not.toContain(key);

    const listed = await t.http.get('/api-keys').set(admin);
    expect(listed.body.data.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    expect((await t.http.get('/hr/employees').set(bearer(key))).status).toBe(200);
    const revoked = await t.http.delete(`/api-keys/${apiKey.id}`).set(admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    // Same instance: at once.
    expect((await t.http.get('/hr/employees').set(bearer(key))).status).toBe(401);
    // Revoking again is harmless.
    expect((await t.http.delete(`/api-keys/${apiKey.id}`).set(admin)).status).toBe(200);
    expect((await t.http.get('/api-keys').set(admin)).body.data.map((k: { id: string }) => k.id)).not.toContain(apiKey.id);
    expect((await t.http.get('/api-keys?includeRevoked=true').set(admin)).body.data.map((k: { id: string }) => k.id)).toContain(apiKey.id);
  });

  it('refuses unknown scopes', async () => {
    const res = await t.http.post('/api-keys').set(admin).send({ name: 'x', scopes: ['hr:read', 'payroll:everything'] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('scopes');
  });

  it('a revocation reaches another instance within the cache TTL, without a lookup per request', async () => {
    const other = await startApp(t.databaseUrl, { API_KEY_CACHE_TTL_MS: '300' });
    try {
      const http2 = request(other.getHttpServer());
      const created = await t.http.post('/api-keys').set(admin).send({ name: 'mobile', scopes: ['hr:read'] });
      const { key, apiKey } = created.body;
      const verify = jest.spyOn(other.get(ApiKeyService), 'verify');
      expect((await http2.get('/hr/employees').set(bearer(key))).status).toBe(200);
      // Cached: the second request on instance 2 costs no key lookup query.
      const queries = jest.spyOn(other.get(ApiKeyService), 'lookup');
      expect((await http2.get('/hr/employees').set(bearer(key))).status).toBe(200);
      expect(queries).not.toHaveBeenCalled();
      expect(verify).toHaveBeenCalledTimes(2);

      await t.http.delete(`/api-keys/${apiKey.id}`).set(admin).expect(200);
      await sleep(400);
      expect((await http2.get('/hr/employees').set(bearer(key))).status).toBe(401);
      expect(queries).toHaveBeenCalledTimes(1); // the expired entry was looked up again
    } finally {
      await other.close();
    }
  });

  it('records last use at most once a minute per key', async () => {
    const key = await t.key(['hr:read'], 'last-used');
    const id = (await t.sql<{ id: string }>(`SELECT id FROM api_keys WHERE name = 'last-used'`))[0].id;
    await t.http.get('/hr/employees').set(bearer(key)).expect(200);
    await sleep(100);
    const [first] = await t.sql<{ last_used_at: Date }>('SELECT last_used_at FROM api_keys WHERE id = $1', [id]);
    expect(first.last_used_at).toBeInstanceOf(Date);
    for (let i = 0; i < 5; i++) {
      await sleep(80);
      await t.http.get('/hr/employees').set(bearer(key)).expect(200);
    }
    await sleep(100);
    const [later] = await t.sql<{ last_used_at: Date }>('SELECT last_used_at FROM api_keys WHERE id = $1', [id]);
    expect(later.last_used_at.getTime()).toBe(first.last_used_at.getTime());
  });

  it('CORS is off by default and allows only the configured origins', async () => {
    const preflight = (http: ReturnType<typeof request>, origin: string) =>
      http.options('/hr/employees').set('Origin', origin).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
    expect((await preflight(t.http, 'https://app.example')).headers['access-control-allow-origin']).toBeUndefined();
    const cors = await startApp(t.databaseUrl, { CORS_ORIGINS: 'https://app.example' });
    try {
      const http2 = request(cors.getHttpServer());
      const ok = await preflight(http2, 'https://app.example');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
      expect((await preflight(http2, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
      const res = await http2.get('/hr/employees').set(admin).set('Origin', 'https://app.example');
      expect(res.headers['access-control-expose-headers']).toContain('ETag');
    } finally {
      await cors.close();
    }
  });

  it('rate-limits per API key with 429 and Retry-After', async () => {
    const limited = await startApp(t.databaseUrl, { RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const http2 = request(limited.getHttpServer());
      const a = await t.key(['hr:read'], 'rl-a');
      const b = await t.key(['hr:read'], 'rl-b');
      const first = await http2.get('/hr/employees').set(bearer(a));
      expect(first.status).toBe(200);
      // The documented rate-limit headers are on successes and on errors alike.
      expect(first.headers['x-ratelimit-limit']).toBe('3');
      expect(first.headers['x-ratelimit-remaining']).toBe('2');
      expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      const missing = await http2.get('/hr/employees/0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10').set(bearer(a));
      expect(missing.status).toBe(404);
      expect(missing.headers['x-ratelimit-remaining']).toBe('1');
      expect((await http2.get('/hr/employees').set(bearer(a))).status).toBe(200);
      const over = await http2.get('/hr/employees').set(bearer(a));
      expect(over.status).toBe(429);
      expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(over.body.code).toBe('rate_limited');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      // Another key has its own budget; health probes are not limited.
      expect((await http2.get('/hr/employees').set(bearer(b))).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await http2.get('/health/live')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

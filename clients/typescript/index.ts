/**
 * A typed client for the back-office API, generated from its OpenAPI document
 * (`npm run client:generate` rewrites `schema.d.ts`; CI fails when it is out of date).
 *
 *   const api = createBackOfficeClient({ baseUrl: 'http://localhost:3000', apiKey: process.env.BACKOFFICE_API_KEY! });
 *   const { data, error } = await api.GET('/hr/employees/{id}', { params: { path: { id } } });
 *
 * Every POST carries an Idempotency-Key (yours, or one generated per call), and a call that
 * fails on the network, with 429 or with 503 is retried with the same key, so a retry never
 * creates anything twice.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];
/** JSON everywhere (lists can also answer text/csv; ask with `headers: { accept: 'text/csv' }` and `parseAs: 'text'`). */
export type BackOfficeClient = Client<paths, 'application/json'>;

export interface BackOfficeClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Recorded in the audit trail as the person your system acts for. */
  actingUser?: string;
  /** Attempts for a call that fails on the network, or with 429 / 503 (default 3). */
  attempts?: number;
  fetch?: typeof globalThis.fetch;
}

const idempotencyKeys: Middleware = {
  onRequest({ request }) {
    if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', globalThis.crypto.randomUUID());
    return request;
  },
};

function retrying(fetchImpl: typeof globalThis.fetch, attempts: number): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetchImpl(request.clone());
        if ((response.status !== 429 && response.status !== 503) || attempt >= attempts) return response;
        const wait = Number(response.headers.get('retry-after'));
        await new Promise((r) => setTimeout(r, Number.isFinite(wait) && wait > 0 ? Math.min(wait, 30) * 1000 : 200 * 2 ** attempt));
      } catch (err) {
        if (attempt >= attempts) throw err;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  };
}

export function createBackOfficeClient(options: BackOfficeClientOptions): BackOfficeClient {
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: retrying(options.fetch ?? globalThis.fetch, options.attempts ?? 3),
    headers: { Authorization: `Bearer ${options.apiKey}`, ...(options.actingUser ? { 'X-Acting-User': options.actingUser } : {}) },
  });
  client.use(idempotencyKeys);
  return client;
}

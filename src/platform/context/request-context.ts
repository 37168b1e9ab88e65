import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** Who is calling: the API key, and the person the calling system acts for (X-Acting-User). */
export interface Actor {
  keyId: string | null;
  keyName: string;
  scopes: ReadonlySet<string>;
  actingUser?: string;
}

export interface RequestContextStore {
  requestId: string;
  actor: Actor;
  /** Set while a transaction is open; repositories are taken from it. */
  manager?: EntityManager;
  /** Work to do once the transaction has committed (e.g. wake the outbox dispatcher). */
  afterCommit: Array<() => void>;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const SYSTEM_ACTOR: Actor = { keyId: null, keyName: 'system', scopes: new Set(['admin']) };

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  actor(): Actor {
    return storage.getStore()?.actor ?? SYSTEM_ACTOR;
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  /** True when the caller's key carries the scope (`admin` carries every scope). */
  hasScope(scope: string): boolean {
    const scopes = RequestContext.actor().scopes;
    return scopes.has('admin') || scopes.has(scope);
  },
};

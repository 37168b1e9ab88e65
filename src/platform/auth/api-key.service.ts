import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { TransactionalConnection } from '../database/transactional-connection';
import { newId } from '../database/ids';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../http/problem';
import { Page, paginate, SortField } from '../http/pagination';
import { RequestContext } from '../context/request-context';
import { ApiKey } from './api-key.entity';
import { knownScopes } from './scopes';

const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;
const BOOTSTRAP_LOCK = 7_340_001;

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface VerifiedKey {
  id: string;
  name: string;
  scopes: string[];
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
}

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'k.created_at', type: 'timestamp', value: (k: ApiKey) => k.createdAt.toISOString() },
  name: { column: 'k.name', type: 'text', value: (k: ApiKey) => k.name },
};

export function toApiKeyView(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdBy: k.createdBy,
  };
}

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('ApiKeys');
  /** hash → verified key (or null for unknown/revoked), trusted until `expires`. */
  private readonly cache = new Map<string, { key: VerifiedKey | null; expires: number }>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Verifies a presented key. A hit in the short-lived cache costs no database round trip;
   * the TTL (at most 5 s) bounds how long a revocation takes to reach every instance.
   */
  async verify(presented: string): Promise<VerifiedKey | null> {
    const hash = hashKey(presented);
    const now = Date.now();
    const cached = this.cache.get(hash);
    let key: VerifiedKey | null;
    if (cached && cached.expires > now) {
      key = cached.key;
    } else {
      key = await this.lookup(hash);
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(hash, { key, expires: now + this.config.API_KEY_CACHE_TTL_MS });
    }
    if (key) this.touch(key.id, now);
    return key;
  }

  /** The database round trip the cache saves; revoked keys count as unknown. */
  async lookup(hash: string): Promise<VerifiedKey | null> {
    const row = await this.db.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .select(['k.id', 'k.name', 'k.scopes', 'k.revokedAt'])
      .where('k.key_hash = :hash', { hash })
      .getOne();
    return row && !row.revokedAt ? { id: row.id, name: row.name, scopes: row.scopes } : null;
  }

  /** Records last use at most once a minute per key (also across instances, via the WHERE). */
  private touch(id: string, now: number): void {
    const last = this.lastUsedWritten.get(id) ?? 0;
    if (now - last < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWritten.set(id, now);
    this.db.dataSource
      .query(
        `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')`,
        [id],
      )
      .catch((err: unknown) => this.logger.warn(`could not record last use of key ${id}: ${String(err)}`));
  }

  private assertKnownScopes(scopes: string[]): void {
    const known = knownScopes();
    const unknown = scopes.filter((s) => !known.has(s));
    if (unknown.length) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, `Unknown scope(s): ${unknown.join(', ')}.`, {}, [
        { field: 'scopes', message: `unknown scope(s) ${unknown.join(', ')}; known: ${[...known.keys()].join(', ')}` },
      ]);
    }
  }

  async create(input: { name: string; scopes: string[] }, presetKey?: string): Promise<{ apiKey: ApiKeyView; key: string }> {
    const scopes = [...new Set(input.scopes)];
    this.assertKnownScopes(scopes);
    const key = presetKey ?? `bo_${randomBytes(32).toString('base64url')}`;
    const actor = RequestContext.actor();
    return this.db.withTransaction(async () => {
      const repo = this.db.getRepository(ApiKey);
      const entity = repo.create({
        id: newId(),
        name: input.name,
        prefix: key.slice(0, 10),
        keyHash: hashKey(key),
        scopes,
        createdBy: actor.keyId ? `${actor.keyName} (${actor.keyId})` : actor.keyName,
        lastUsedAt: null,
        revokedAt: null,
      });
      await repo.insert(entity);
      const saved = await repo.findOneByOrFail({ id: entity.id });
      await this.audit.record({ action: 'api_key.created', entityType: 'api_key', entityId: saved.id, after: { name: saved.name, scopes: saved.scopes } });
      return { apiKey: toApiKeyView(saved), key };
    });
  }

  async list(query: { limit?: number; cursor?: string; sort?: string; includeRevoked?: boolean }): Promise<Page<ApiKeyView>> {
    const qb = this.db.getRepository(ApiKey).createQueryBuilder('k');
    if (!query.includeRevoked) qb.where('k.revoked_at IS NULL');
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'k.id', map: toApiKeyView });
  }

  async get(id: string): Promise<ApiKeyView> {
    const key = await this.db.getRepository(ApiKey).findOneBy({ id });
    if (!key) throw new NotFoundProblem('API key', id);
    return toApiKeyView(key);
  }

  /** Revokes a key (idempotent). This instance forgets it at once; others within the cache TTL. */
  async revoke(id: string): Promise<ApiKeyView> {
    return this.db.withTransaction(async () => {
      const repo = this.db.getRepository(ApiKey);
      const key = await repo.createQueryBuilder('k').addSelect('k.keyHash').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
      if (!key) throw new NotFoundProblem('API key', id);
      if (!key.revokedAt) {
        await repo.update({ id }, { revokedAt: () => 'now()' } as never);
        await this.audit.record({ action: 'api_key.revoked', entityType: 'api_key', entityId: id, before: { revokedAt: null }, after: { revokedAt: 'now' } });
        const hash = key.keyHash;
        this.db.afterCommit(() => this.cache.delete(hash));
      }
      return toApiKeyView(await repo.findOneByOrFail({ id }));
    });
  }

  /**
   * On first start (no key at all) creates an admin key and returns it so it can be printed
   * once; with BOOTSTRAP_ADMIN_KEY set, makes sure that key exists. Safe with two instances.
   */
  async ensureBootstrapKey(): Promise<{ key: string; generated: boolean } | null> {
    return this.db.withTransaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const preset = this.config.BOOTSTRAP_ADMIN_KEY;
      if (preset) {
        const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM api_keys WHERE key_hash = $1) AS exists', [hashKey(preset)]);
        if (exists) return null;
        await this.create({ name: 'bootstrap-admin', scopes: ['admin'] }, preset);
        return { key: preset, generated: false };
      }
      const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM api_keys) AS exists');
      if (exists) return null;
      const { key } = await this.create({ name: 'bootstrap-admin', scopes: ['admin'] });
      return { key, generated: true };
    });
  }
}

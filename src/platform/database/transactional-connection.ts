import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryFailedError, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { hydrate } from './entity-reader';
import { createHash, randomUUID } from 'node:crypto';
import { RequestContext, RequestContextStore, SYSTEM_ACTOR } from '../context/request-context';

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 4;
/** Distinct texts `queryPrepared` accepts: each stays prepared on every pooled connection. */
const MAX_PREPARED_STATEMENTS = 200;

export function pgErrorCode(err: unknown): string | undefined {
  if (err instanceof QueryFailedError) return (err.driverError as { code?: string }).code;
  return (err as { code?: string } | undefined)?.code;
}

/**
 * The one way services reach the database: repositories come from the transaction of the
 * current request when there is one, so a facade called from another module joins it.
 */
@Injectable()
export class TransactionalConnection {
  private readonly logger = new Logger('Transactions');
  private readonly statementNames = new Map<string, string>();
  private readonly compiledById = new Map<EntityTarget<ObjectLiteral>, { sql: string; lockSql: string; meta: EntityMetadata }>();

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get manager(): EntityManager {
    return RequestContext.current()?.manager ?? this.dataSource.manager;
  }

  getRepository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  /**
   * One row by primary key `id`, with SQL compiled once per entity (TypeORM rebuilds it on
   * every findOne). `lock` adds FOR UPDATE (inside a transaction).
   */
  async findById<T extends ObjectLiteral>(entity: EntityTarget<T>, id: string, options: { lock?: boolean } = {}): Promise<T | null> {
    let compiled = this.compiledById.get(entity);
    if (!compiled) {
      const qb = this.dataSource.getRepository(entity).createQueryBuilder('t').where('t.id = :id', { id: '00000000-0000-0000-0000-000000000000' });
      const [sql] = qb.getQueryAndParameters();
      compiled = { sql, lockSql: `${sql} FOR UPDATE`, meta: qb.expressionMap.mainAlias!.metadata };
      this.compiledById.set(entity, compiled);
    }
    const rows: Record<string, unknown>[] = await this.manager.query(options.lock ? compiled.lockSql : compiled.sql, [id]);
    if (!rows.length) return null;
    return hydrate<T>(compiled.meta, 't', rows[0]) ?? this.getRepository(entity).findOne({ where: { id } as never, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /**
   * Runs `sql` as a named prepared statement on the connection of the current transaction (or a
   * pooled one): PostgreSQL parses it once per connection and, after a few runs, reuses its plan.
   * For hot reads whose planning costs as much as their execution. The text must be one of a
   * small, fixed set per call site (no literal values in it; values go in `params`), as every
   * distinct text stays prepared on every pooled connection. With `DB_PREPARED_STATEMENTS` off it
   * is sent unnamed (parsed and planned each time). `rowMode: 'array'` returns each row as an
   * array of its columns in select order: cheaper to decode than keyed rows, for pages of many rows.
   */
  async queryPrepared<T = Record<string, unknown>>(sql: string, params: unknown[], options: { rowMode?: 'array' } = {}): Promise<T[]> {
    let name: string | undefined;
    if (this.config.DB_PREPARED_STATEMENTS) {
      name = this.statementNames.get(sql);
      if (!name) {
        if (this.statementNames.size >= MAX_PREPARED_STATEMENTS) throw new Error('queryPrepared: too many distinct statements; is a value inlined in the SQL text?');
        name = `bo_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
        this.statementNames.set(sql, name);
      }
    }
    const current = this.manager.queryRunner;
    const runner = current ?? this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as { query: (q: { name?: string; text: string; values: unknown[]; rowMode?: 'array' }) => Promise<{ rows: T[] }> };
      return (await client.query({ name, text: sql, values: params, rowMode: options.rowMode })).rows;
    } catch (err) {
      // As `manager.query` reports it, so the problem filter maps database errors the same way.
      throw err instanceof Error && !(err instanceof QueryFailedError) && typeof (err as { code?: unknown }).code === 'string' ? new QueryFailedError(sql, params, err) : err;
    } finally {
      if (!current) await runner.release();
    }
  }

  get inTransaction(): boolean {
    return Boolean(RequestContext.current()?.manager);
  }

  /** Runs `work` after the surrounding transaction commits (immediately when there is none). */
  afterCommit(work: () => void): void {
    const store = RequestContext.current();
    if (store?.manager) store.afterCommit.push(work);
    else work();
  }

  /**
   * Like `afterCommit`, but `work` runs once per transaction however often it is registered
   * (e.g. one outbox wake-up for a transaction that publishes 100,000 events).
   */
  afterCommitOnce(work: () => void): void {
    const store = RequestContext.current();
    if (!store?.manager) return work();
    if (!store.afterCommit.includes(work)) store.afterCommit.push(work);
  }

  /**
   * Runs `work` in a transaction (joining the current one if open). Deadlocks and
   * serialization failures are retried with a short jittered back-off.
   */
  async withTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const outer = RequestContext.current();
    if (outer?.manager) return work(outer.manager);
    const base: RequestContextStore = outer ?? { requestId: randomUUID(), actor: SYSTEM_ACTOR, afterCommit: [] };
    for (let attempt = 1; ; attempt++) {
      const store: RequestContextStore = { ...base, afterCommit: [] };
      try {
        const result = await this.dataSource.transaction((manager) => {
          store.manager = manager;
          return RequestContext.run(store, () => work(manager));
        });
        store.manager = undefined;
        for (const hook of store.afterCommit) {
          try {
            hook();
          } catch (err) {
            this.logger.error(`after-commit hook failed: ${String(err)}`);
          }
        }
        return result;
      } catch (err) {
        const code = pgErrorCode(err);
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          this.logger.warn(`transaction retry ${attempt} after ${code}`);
          await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
          continue;
        }
        throw err;
      }
    }
  }
}

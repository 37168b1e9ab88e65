import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { TransactionalConnection } from '../../src/platform/database/transactional-connection';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * `queryPrepared` (the stock page's hot read): a named prepared statement on the connection of the
 * current transaction, database errors reported like `manager.query`, and a plain query when
 * DB_PREPARED_STATEMENTS is off (for poolers that cannot track prepared statements).
 */
describe('prepared statements', () => {
  let t: TestApp;
  let db: TransactionalConnection;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(TransactionalConnection);
  });
  afterAll(() => t.close());

  const SQL = "SELECT $1::int + 1 AS n, current_setting('backoffice.prepared_probe', true) AS probe";
  const preparedHere = (manager: { query: (s: string, p: unknown[]) => Promise<Array<{ n: number }>> }, sql = SQL) =>
    manager.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [sql]);

  it('runs in the current transaction (seeing its transaction-local settings) and stays prepared on its connection', async () => {
    await db.withTransaction(async (manager) => {
      await manager.query("SELECT set_config('backoffice.prepared_probe', 'in-tx', true)");
      expect(await db.queryPrepared(SQL, [1])).toEqual([{ n: 2, probe: 'in-tx' }]);
      expect(await db.queryPrepared(SQL, [41])).toEqual([{ n: 42, probe: 'in-tx' }]);
      expect(await preparedHere(manager)).toEqual([{ n: 1 }]);
    });
    // Outside the transaction (a pooled connection) the local setting is gone.
    const [outside] = await db.queryPrepared<{ n: number; probe: string | null }>(SQL, [0]);
    expect(outside.n).toBe(1);
    expect(outside.probe ?? '').toBe('');
  });

  it('reports database errors as QueryFailedError with the PostgreSQL code, like manager.query', async () => {
    const err = await db.queryPrepared('SELECT $1::uuid AS id', ['not-a-uuid']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22P02');
  });

  it("returns each row as an array of its columns with rowMode 'array', prepared or not", async () => {
    expect(await db.queryPrepared("SELECT $1::int AS n, 'x' AS s UNION ALL SELECT 2, 'y'", [1], { rowMode: 'array' })).toEqual([[1, 'x'], [2, 'y']]);
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const plain = new TransactionalConnection(t.dataSource, { ...config, DB_PREPARED_STATEMENTS: false });
    expect(await plain.queryPrepared('SELECT $1::int + 1 AS n', [2], { rowMode: 'array' })).toEqual([[3]]);
  });

  it('with DB_PREPARED_STATEMENTS off, sends a plain query (nothing stays prepared)', async () => {
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const plain = new TransactionalConnection(t.dataSource, { ...config, DB_PREPARED_STATEMENTS: false });
    await plain.withTransaction(async (manager) => {
      await manager.query("SELECT set_config('backoffice.prepared_probe', 'plain', true)");
      const text = `${SQL} -- never prepared`;
      expect(await plain.queryPrepared(text, [2])).toEqual([{ n: 3, probe: 'plain' }]);
      expect(await preparedHere(manager, text)).toEqual([{ n: 0 }]);
    });
  });
});

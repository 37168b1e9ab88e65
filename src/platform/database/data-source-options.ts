import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { SnakeNamingStrategy } from './naming-strategy';

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them across time zones.
types.setTypeParser(1082, (value: string) => value);

/** The one set of options the app, the migration CLI and the tests all use. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    extra: { max: 10, application_name: 'backoffice-api', statement_timeout: 30_000 },
    ...extra,
  } as DataSourceOptions;
}

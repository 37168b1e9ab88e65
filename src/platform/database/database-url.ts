import { AppConfig } from '../../config/app-config';
import { EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'backoffice';

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL server under DATA_DIR (started,
 * adopted or recovered), with the app's database created on first use.
 */
export async function resolveDatabase(config: AppConfig, log: (m: string) => void, notice: (m: string) => void = log): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, log, notice });
  await ensureDatabase(embedded.url(), EMBEDDED_DATABASE);
  return { url: embedded.url(EMBEDDED_DATABASE), embedded };
}

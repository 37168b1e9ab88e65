import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createApp } from '../app.factory';
import { ConfigError, loadConfig } from '../config/app-config';
import { ApiKeyService } from '../platform/auth/api-key.service';
import { RequestContext } from '../platform/context/request-context';
import { resolveDatabase } from '../platform/database/database-url';
import { runMigrations } from '../platform/database/migrator';

/** npm run api-key:create -- --name crm-sync --scopes hr:read,hr:write */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, scopes: { type: 'string' } } });
  if (!values.name || !values.scopes) throw new Error('usage: npm run api-key:create -- --name <name> --scopes <scope,scope>');
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error', JOBS_ENABLED: 'false' });
  const { url, embedded } = await resolveDatabase(config, () => undefined);
  try {
    await runMigrations(url);
    const app = await createApp({ config, databaseUrl: url });
    try {
      const created = await RequestContext.run(
        { requestId: 'cli', actor: { keyId: null, keyName: 'cli:api-key:create', scopes: new Set(['admin']) }, afterCommit: [] },
        () => app.get(ApiKeyService).create({ name: values.name!, scopes: values.scopes!.split(',').map((s) => s.trim()).filter(Boolean) }),
      );
      process.stdout.write(`API key "${created.apiKey.name}" (${created.apiKey.scopes.join(', ')}), shown once:\n${created.key}\n`);
    } finally {
      await app.close();
    }
  } finally {
    if (embedded?.startedHere) await embedded.stop();
  }
}

main().catch((err) => {
  const problem = err as { detail?: string; errors?: { field: string; message: string }[] };
  process.stderr.write(`${err instanceof ConfigError ? err.message : problem.detail ? `${problem.detail} ${JSON.stringify(problem.errors ?? [])}` : String(err)}\n`);
  process.exit(1);
});

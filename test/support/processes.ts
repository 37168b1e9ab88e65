import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The real start-up path: `node dist/src/main.js` (what `npm start` runs after building) as a
 * child process. `npm test` builds first (pretest).
 */
export const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

/** Ports this test process has handed out: the OS may offer a just-closed port again. */
const handedOut = new Set<number>();

/**
 * A port nothing listens on, never the same twice in one test process (two calls in a row, e.g.
 * EMBEDDED_PG_PORT and then PORT, could otherwise both get the port the first one just closed).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address() as { port: number };
        srv.close(() => resolve(p));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export interface Running {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export async function startMain(env: Record<string, string>, waitForListen = true): Promise<Running> {
  const port = Number(env.PORT ?? (await freePort()));
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', PORT: String(port), OUTBOX_POLL_INTERVAL_MS: '100', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (waitForListen) {
    const deadline = Date.now() + 45_000;
    while (!out.includes('"listening; docs at')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app did not start (exit ${child.exitCode}):\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, port, stdout: () => out, stderr: () => err, exited };
}

/** Structured log lines (pino JSON) a process printed. */
export function logLines(running: Running): Array<Record<string, unknown>> {
  return running
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

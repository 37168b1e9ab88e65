#!/usr/bin/env node
// Part of `npm run lint`: docker-compose.yml must be valid for docker-compose (Debian's 1.29.2
// included), and the Dockerfile must keep starting the app like the README does
// (`node dist/src/main.js`) as a user that is not root. SKIP_COMPOSE_LINT=1 skips the
// docker-compose check where the binary is not installed; the Dockerfile checks always run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = 'node dist/src/main.js';
const problems = [];

// --- docker-compose.yml ------------------------------------------------------------------
function lintCompose() {
  const env = { ...process.env };
  delete env.COMPOSE_FILE; // lint the repository's docker-compose.yml, not an override
  const result = spawnSync('docker-compose', ['config', '-q'], { cwd: root, env, encoding: 'utf8' });
  if (result.error) {
    if (result.error.code !== 'ENOENT') {
      problems.push(`docker-compose could not run: ${result.error.message}`);
      return;
    }
    if (process.env.SKIP_COMPOSE_LINT === '1') {
      console.log('lint-compose: docker-compose not installed; compose check skipped (SKIP_COMPOSE_LINT=1).');
      return;
    }
    problems.push('docker-compose is not installed: install the Debian package "docker-compose" (apt-get install -y docker-compose), or set SKIP_COMPOSE_LINT=1 to skip this check.');
    return;
  }
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    problems.push(`docker-compose config -q failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

// --- Dockerfile (simple text checks on the final stage) ----------------------------------
/** Instructions with line continuations joined and comments dropped. */
function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue; // also inside continuations, as Docker does
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    current += line;
    const m = /^(\w+)\s*(.*)$/s.exec(current.trim());
    if (m) out.push({ keyword: m[1].toUpperCase(), args: m[2].trim() });
    current = '';
  }
  return out;
}

/** `["node", "x.js"]` or `node x.js` -> `node x.js`. */
function commandLine(args) {
  if (args.startsWith('[')) {
    try {
      const parts = JSON.parse(args);
      if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) return parts.join(' ');
    } catch {
      return args;
    }
  }
  return args.replace(/\s+/g, ' ');
}

function lintDockerfile() {
  let text;
  try {
    text = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  } catch (err) {
    problems.push(`Dockerfile: cannot read it (${err.code ?? err.message})`);
    return;
  }
  const all = instructions(text);
  const lastFrom = all.map((i) => i.keyword).lastIndexOf('FROM');
  if (lastFrom < 0) {
    problems.push('Dockerfile: no FROM line');
    return;
  }
  const runtime = all.slice(lastFrom);
  const cmd = runtime.filter((i) => i.keyword === 'CMD').at(-1);
  if (!cmd) problems.push(`Dockerfile: the runtime stage has no CMD; it must be CMD ["node", "dist/src/main.js"]`);
  else if (commandLine(cmd.args) !== START) problems.push(`Dockerfile: the runtime CMD is "${commandLine(cmd.args)}"; it must be "${START}" (the README's start command)`);
  if (runtime.some((i) => i.keyword === 'ENTRYPOINT')) problems.push('Dockerfile: the runtime stage has an ENTRYPOINT; the app is started by CMD alone');

  const user = runtime.filter((i) => i.keyword === 'USER').at(-1);
  const name = user?.args.split(':')[0].trim();
  if (!user) problems.push('Dockerfile: the runtime stage has no USER line; run as the unprivileged "node" user');
  else if (!name || name === 'root' || name === '0') problems.push(`Dockerfile: the runtime stage runs as "${user.args}"; it must not be root`);

  const runs = runtime.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((r) => /\bnpm ci\b.*--omit=dev\b/.test(r))) problems.push('Dockerfile: the runtime stage must install with "npm ci --omit=dev"');
  if (!all.slice(0, lastFrom).some((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args))) problems.push('Dockerfile: the build stage must run "npm run build"');

  // The image starts the app the way `npm start` does; if one changes, the other must follow.
  try {
    const start = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts?.start;
    if (start !== START) problems.push(`package.json: scripts.start is "${start}" but the Dockerfile runs "${START}"; keep them the same`);
  } catch (err) {
    problems.push(`package.json: cannot read scripts.start (${err.message})`);
  }
}

lintCompose();
lintDockerfile();

if (problems.length) {
  for (const p of problems) console.error(`lint-compose: ${p}`);
  process.exit(1);
}
console.log('lint-compose: docker-compose.yml and Dockerfile OK');

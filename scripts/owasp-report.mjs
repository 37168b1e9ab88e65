// Remaining OWASP Spectral errors, grouped by module (first path segment) and by schema.
// Usage: npm run openapi:owasp-report [-- --details] [-- --module=hr] [-- --all-severities]
// Reads openapi.json (the npm script exports it first) and runs spectral with .spectral.yaml.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const details = args.includes('--details');
const allSeverities = args.includes('--all-severities');
const onlyModule = args.find((a) => a.startsWith('--module='))?.slice('--module='.length);

const document = JSON.parse(readFileSync('openapi.json', 'utf8'));
let raw;
try {
  raw = execFileSync('npx', ['spectral', 'lint', 'openapi.json', '--ruleset', '.spectral.yaml', '-f', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
} catch (err) {
  raw = err.stdout; // spectral exits 1 when it finds errors
}
const results = JSON.parse(raw.slice(raw.indexOf('[')));

const moduleOf = (path) => path.split('/')[1] || '(root)';
// Which modules use each component schema, through $refs (transitively).
const refsIn = (node, out = new Set()) => {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) out.add(v.slice('#/components/schemas/'.length));
      else refsIn(v, out);
    }
  }
  return out;
};
const schemas = document.components?.schemas ?? {};
const users = new Map(Object.keys(schemas).map((s) => [s, new Set()]));
for (const [path, item] of Object.entries(document.paths)) {
  const seen = new Set();
  const queue = [...refsIn(item)];
  while (queue.length) {
    const s = queue.pop();
    if (seen.has(s) || !schemas[s]) continue;
    seen.add(s);
    users.get(s).add(moduleOf(path));
    queue.push(...refsIn(schemas[s]));
  }
}

const groups = new Map();
for (const r of results) {
  if (!r.code.startsWith('owasp:') || (!allSeverities && r.severity !== 0)) continue;
  const [root, a, b] = r.path;
  let module;
  let where;
  if (root === 'paths') {
    module = moduleOf(a);
    where = `${b?.toUpperCase()} ${a}`;
  } else if (root === 'components' && a === 'schemas') {
    const u = [...(users.get(b) ?? [])];
    module = u.length === 1 ? u[0] : u.length ? `shared (${u.sort().join(', ')})` : '(unused)';
    where = `schema ${b}`;
  } else {
    module = '(document)';
    where = r.path.slice(0, 3).join('.');
  }
  if (onlyModule && !module.includes(onlyModule)) continue;
  const g = groups.get(module) ?? new Map();
  const key = `${r.code}  ${where}`;
  const entry = g.get(key) ?? { count: 0, at: [] };
  entry.count += 1;
  entry.at.push(r.path.join('.'));
  g.set(key, entry);
  groups.set(module, g);
}

let total = 0;
for (const [module, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  const sum = [...g.values()].reduce((n, e) => n + e.count, 0);
  total += sum;
  console.log(`\n${module}: ${sum}`);
  for (const [key, e] of [...g].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${String(e.count).padStart(4)}  ${key}`);
    if (details) for (const at of e.at) console.log(`          ${at}`);
  }
}
console.log(`\nTotal OWASP ${allSeverities ? 'findings' : 'errors'}: ${total}`);

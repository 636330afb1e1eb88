// Builds when the compiled output (dist/) is missing or older than the sources: what lets `npm start` and
// the command-line tools run plain node on a fresh clone, and skip the build when nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SOURCES = [
  'src',
  'demo',
  'scripts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function ensureBuilt() {
  const stamp = join(root, 'dist', '.build-stamp');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(
    ...SOURCES.map((s) => join(root, s))
      .filter(existsSync)
      .map(newest),
  );
  if (changed <= built) return;
  process.stdout.write('Building (the sources changed since the last build)…\n');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Node's flags for a script that needs some: the import calls the collector itself (src/import/heap-keeper.ts). */
export const SCRIPT_NODE_FLAGS = { import: ['--expose-gc'] };

/** Runs a compiled script in a process of its own; exits this one if it fails. */
export function runScript(name, args = []) {
  const script = join(root, 'dist', 'scripts', `${name}.js`);
  const result = spawnSync(process.execPath, [...(SCRIPT_NODE_FLAGS[name] ?? []), script, ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// `node scripts/ensure-built.mjs`: only the build check, for tests that start the compiled server.
if (import.meta.url === `file://${process.argv[1]}`) ensureBuilt();

// `npm run build`: compiles the TypeScript to dist/ (the command-line scripts run from there), bundles the
// server into dist/server/main.js (one file to load instead of a thousand: a start takes a fraction of the
// time; the newsroom's rarely used parts, Stripe and mail stay in chunks loaded on first use), builds the
// browser assets into dist/public, and stamps the build so that `npm start` knows when the sources changed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const started = Date.now();
const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// Compiled files of sources since removed must not linger and be imported.
for (const dir of ['src', 'demo', 'scripts', 'server']) {
  rmSync(join(root, 'dist', dir), { recursive: true, force: true });
}
step(process.execPath, [
  join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  join(root, 'tsconfig.build.json'),
]);

await build({
  // The thread that builds an app to read its addresses (src/server/app-addresses.ts) is started by file,
  // found beside the code that starts it: so it is an entry of its own, and chunks sit beside the entries.
  entryPoints: [join(root, 'src', 'main.ts'), join(root, 'src', 'server', 'app-addresses-worker.ts')],
  outdir: join(root, 'dist', 'server'),
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  // Native addons load their binaries from their own folders; pino's transports start worker threads by file.
  external: [
    'better-sqlite3',
    'sharp',
    '@node-rs/argon2',
    'pg-native',
    'pino',
    'pino-pretty',
    'thread-stream',
  ],
  // Some bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

step(process.execPath, [join(root, 'dist', 'scripts', 'build-assets.js')]);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', '.build-stamp'), new Date().toISOString());
process.stdout.write(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

// `npm run build`: compiles the TypeScript to dist/, builds the browser assets into dist/public, and stamps
// the build so that `npm start` knows when the sources have changed since.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const started = Date.now();
const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
// Compiled files of sources since removed must not linger and be imported.
for (const dir of ['src', 'demo', 'scripts'])
  rmSync(join(root, 'dist', dir), { recursive: true, force: true });
step(process.execPath, [
  join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  join(root, 'tsconfig.build.json'),
]);
step(process.execPath, [join(root, 'dist', 'scripts', 'build-assets.js')]);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', '.build-stamp'), new Date().toISOString());
process.stdout.write(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

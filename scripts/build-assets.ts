// Builds every browser asset once, at build time: the reader's stylesheet and script, the comment form's
// island, the newsroom's editor and screens. Each is bundled and minified with esbuild, named by its
// content hash, and written with brotli and gzip copies beside it, so the server only sends files.
// `npm run build` runs it after the TypeScript compile; the test setup runs it too.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { build } from 'esbuild';
import { ASSET_PREFIX, type AssetManifest, assetsDir, packageRoot } from '../src/http/assets.js';

/** Entry name (what code asks for) → source file, relative to the package root. */
export const ASSET_ENTRIES: Record<string, string> = {
  'site.css': 'src/views/styles.css',
  'site.js': 'src/views/client/main.ts',
  'beacon.js': 'src/analytics/client/beacon.ts',
  'comments.js': 'src/comments/client/comment-form.ts',
  'moderation.js': 'src/comments/client/moderation.ts',
  'moderation.css': 'src/comments/admin/moderation.css',
  'admin.css': 'src/admin/views/admin.css',
  'admin.js': 'src/admin/client/admin.ts',
  'media.css': 'src/media/admin/client/media.css',
  'media.js': 'src/media/admin/client/media.ts',
  'editor.css': 'src/editorial/client/editor.css',
  'editor.js': 'src/editorial/client/editor.ts',
  'consent.js': 'src/consent/client/loader.ts',
  'consent.css': 'src/consent/client/consent.css',
  'analytics-admin.js': 'src/analytics/admin/client/refresh-now.ts',
  'analytics-admin.css': 'src/analytics/admin/client/analytics.css',
  'fronts.js': 'src/fronts/admin/client/front-order.ts',
  'import.js': 'src/import/admin/client/import-progress.ts',
};

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function bundle(source: string): Promise<Buffer> {
  const css = source.endsWith('.css');
  const result = await build({
    entryPoints: [join(packageRoot, source)],
    bundle: true,
    minify: true,
    write: false,
    legalComments: 'none',
    ...(css ? { loader: { '.css': 'css' } } : { format: 'esm', target: ['es2020'] }),
  });
  return Buffer.from(result.outputFiles[0]!.contents);
}

/** Builds into `dir`; files whose hashed name already exists there are not compressed again. */
export async function buildAssets(dir = assetsDir()): Promise<AssetManifest> {
  const files = join(dir, 'assets');
  await mkdir(files, { recursive: true });
  const manifest: AssetManifest = {};
  await Promise.all(
    Object.entries(ASSET_ENTRIES).map(async ([name, source]) => {
      const body = await bundle(source);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      const file = `${name.replace(/\.(css|js)$/, '')}.${hash}.${name.endsWith('.css') ? 'css' : 'js'}`;
      manifest[name] = `${ASSET_PREFIX}${file}`;
      if (existsSync(join(files, `${file}.br`))) return;
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        gzipped(body, { level: 9 }),
      ]);
      await writeFile(join(files, file), body);
      await writeFile(join(files, `${file}.gz`), gz);
      await writeFile(join(files, `${file}.br`), br);
    }),
  );
  // Files of earlier builds go: the manifest names the only ones that are served.
  const kept = new Set(Object.values(manifest).map((p) => p.slice(ASSET_PREFIX.length)));
  for (const file of await readdir(files)) {
    if (!kept.has(file.replace(/\.(br|gz)$/, ''))) await rm(join(files, file));
  }
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const manifest = await buildAssets();
  process.stdout.write(`Built ${Object.keys(manifest).length} assets in ${Date.now() - started} ms\n`);
}

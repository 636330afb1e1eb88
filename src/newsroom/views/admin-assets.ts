// The newsroom's own stylesheet and scripts (never the reader's), built with esbuild at start, named by
// content hash and served under /admin/assets/. Add an entry to `adminEntries` to ship another bundle
// (the editor's, say) and reference it by name with adminAssetPath() or AdminLayout's `scripts`.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import type { FastifyInstance } from 'fastify';

/** Entry name → source file. The name's extension (.css or .js) says what it builds to. */
export const adminEntries: Record<string, string> = {
  'admin.css': fileURLToPath(new URL('./admin.css', import.meta.url)),
  'admin.js': fileURLToPath(new URL('../client/admin.ts', import.meta.url)),
  'media.css': fileURLToPath(new URL('../media/client/media.css', import.meta.url)),
  'media.js': fileURLToPath(new URL('../media/client/media.ts', import.meta.url)),
  'editor.css': fileURLToPath(new URL('../articles/client/editor.css', import.meta.url)),
  'editor.js': fileURLToPath(new URL('../articles/client/editor.ts', import.meta.url)),
};

interface AdminAsset {
  contentType: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface BuiltAdminAssets {
  /** Entry name → the hashed URL path to link. */
  paths: Record<string, string>;
  files: Map<string, AdminAsset>;
}

// The bundles depend only on the source files, so one build serves every app built in this process.
const built = new Map<string, BuiltAdminAssets>();
let latest: BuiltAdminAssets | null = null;

export function buildAdminAssets(entries: Record<string, string> = adminEntries): BuiltAdminAssets {
  const key = JSON.stringify(entries);
  let assets = built.get(key);
  if (!assets) {
    assets = { paths: {}, files: new Map() };
    for (const [name, source] of Object.entries(entries)) {
      const css = name.endsWith('.css');
      const code = buildSync({
        entryPoints: [source],
        bundle: true,
        minify: true,
        write: false,
        ...(css ? { loader: { '.css': 'css' } } : { format: 'esm', target: ['es2020'] }),
      }).outputFiles[0]!.text;
      const body = Buffer.from(code);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      const dot = name.lastIndexOf('.');
      const path = `/admin/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
      assets.paths[name] = path;
      assets.files.set(path, {
        contentType: css ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        body,
        br: brotliCompressSync(body),
        gzip: gzipSync(body),
      });
    }
    built.set(key, assets);
  }
  latest = assets;
  return assets;
}

/** The hashed path of a built entry, e.g. adminAssetPath('admin.css'). */
export function adminAssetPath(name: string): string {
  const assets = latest ?? buildAdminAssets();
  const path = assets.paths[name];
  if (!path) throw new Error(`no admin asset named "${name}"; add it to adminEntries`);
  return path;
}

export function adminAssetRoutes(assets: BuiltAdminAssets) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/assets/:file', { config: { permission: 'public' } }, (request, reply) => {
      const file = assets.files.get(request.url.split('?')[0]!);
      if (!file) return reply.code(404).type('text/plain').send('Not found');
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'Accept-Encoding')
        .type(file.contentType);
      const accept = request.headers['accept-encoding'] ?? '';
      if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(file.br);
      if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(file.gzip);
      return reply.send(file.body);
    });
  };
}

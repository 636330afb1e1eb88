// The newsroom's own stylesheets and scripts (never the reader's), served under /admin/assets/. Add an entry to
// `adminEntries` to ship another bundle and reference it by name with adminAssetPath() or AdminLayout's `scripts`.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BundledAssets, bundleAssets, sendBundledFile } from '../../http/bundled-assets.js';

/** Entry name → source file. The name's extension (.css or .js) says what it builds to. */
export const adminEntries: Record<string, string> = {
  'admin.css': fileURLToPath(new URL('./admin.css', import.meta.url)),
  'admin.js': fileURLToPath(new URL('../client/admin.ts', import.meta.url)),
  'media.css': fileURLToPath(new URL('../media/client/media.css', import.meta.url)),
  'media.js': fileURLToPath(new URL('../media/client/media.ts', import.meta.url)),
  'editor.css': fileURLToPath(new URL('../articles/client/editor.css', import.meta.url)),
  'editor.js': fileURLToPath(new URL('../articles/client/editor.ts', import.meta.url)),
};

export type BuiltAdminAssets = BundledAssets<string>;

// The bundles depend only on the source files, so one build serves every app built in this process.
const built = new Map<string, BuiltAdminAssets>();
let latest: BuiltAdminAssets | null = null;

export function buildAdminAssets(entries: Record<string, string> = adminEntries): BuiltAdminAssets {
  const key = JSON.stringify(entries);
  let assets = built.get(key);
  if (!assets) {
    assets = bundleAssets('/admin/assets', entries);
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
    app.get('/admin/assets/:file', { config: { permission: 'public' } }, (request, reply) =>
      sendBundledFile(assets.files, request, reply),
    );
  };
}

// The browser assets `npm run build` made (scripts/build-assets.ts): a manifest from entry name to hashed
// path, and the files themselves with their brotli and gzip copies, served with an immutable cache header.
// Nothing is bundled or compressed while the server runs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The hashed path of a built asset by its entry name, e.g. assets.path('site.css'). */
    assets: Assets;
  }
}

export const ASSET_PREFIX = '/assets/';

export type AssetManifest = Record<string, string>;

export interface Assets {
  path(name: string): string;
  dir: string;
}

function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The folder holding package.json, whether this file runs as TypeScript (tests) or compiled (dist/). */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export function assetsDir(): string {
  return join(packageRoot, 'dist', 'public');
}

export class AssetsMissing extends Error {
  override name = 'AssetsMissing';
}

export function loadAssets(dir = assetsDir()): Assets {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new AssetsMissing(`no built assets in ${dir}: run npm run build`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as AssetManifest;
  return {
    dir,
    path(name) {
      const path = manifest[name];
      if (!path) throw new Error(`no asset named "${name}"; add it to scripts/build-assets.ts`);
      return path;
    },
  };
}

/** Serves the built files under /assets/ (the compressed copy the client accepts) and decorates `app.assets`. */
export function assetRoutes(assets: Assets) {
  // fastify-plugin: the decorator is for every route's pages, not only this plugin's.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.decorate('assets', assets);
      await app.register(fastifyStatic, {
        root: join(assets.dir, 'assets'),
        prefix: ASSET_PREFIX,
        preCompressed: true,
        immutable: true,
        maxAge: '365d',
        index: false,
        decorateReply: false,
        serveDotFiles: false,
        // The copy sent depends on what the client accepts, so caches must keep them apart.
        setHeaders: (reply) => reply.header('vary', 'Accept-Encoding'),
      });
    },
    { name: 'assets' },
  );
}

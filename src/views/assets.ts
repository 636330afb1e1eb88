// The reader site's stylesheet and script: the page's only CSS and JS besides the comment form's island.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BundledFile, bundleAssets, sendBundledFile } from '../http/bundled-assets.js';

export interface BuiltAssets {
  css: string;
  js: string;
  files: Map<string, BundledFile>;
}

export function buildAssets(): BuiltAssets {
  const { paths, files } = bundleAssets('/assets', {
    'site.css': fileURLToPath(new URL('./styles.css', import.meta.url)),
    'site.js': fileURLToPath(new URL('./client/main.ts', import.meta.url)),
  });
  return { css: paths['site.css'], js: paths['site.js'], files };
}

export function assetRoutes(assets: BuiltAssets) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/assets/:name', (request, reply) => sendBundledFile(assets.files, request, reply));
  };
}

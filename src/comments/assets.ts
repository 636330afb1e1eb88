// The comment system's own small assets: the reader's form island (loaded only with an open comment form),
// and the moderation screens' keyboard helper and stylesheet. Everything the scripts do also works without them.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BundledFile, bundleAssets, sendBundledFile } from '../http/bundled-assets.js';

const ENTRIES = {
  reader: fileURLToPath(new URL('./client/comment-form.ts', import.meta.url)),
  moderation: fileURLToPath(new URL('./client/moderation.ts', import.meta.url)),
  moderationStyle: fileURLToPath(new URL('./admin/moderation.css', import.meta.url)),
} as const;

export interface CommentAssets extends Record<keyof typeof ENTRIES, string> {
  files: Map<string, BundledFile>;
}

// The bundles depend only on the source files, so one build serves every app built in this process.
let built: CommentAssets | null = null;

export function buildCommentAssets(): CommentAssets {
  if (!built) {
    const { paths, files } = bundleAssets('/comments/assets', ENTRIES);
    built = { ...paths, files };
  }
  return built;
}

export function commentAssetRoutes(assets: CommentAssets) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/comments/assets/:file', (request, reply) => sendBundledFile(assets.files, request, reply));
  };
}

// The comment system's own small assets, built once per process with esbuild and named by content hash:
// the reader's form island (loaded only with an open comment form), and the moderation screens' keyboard
// helper and stylesheet. Everything the scripts do also works without them.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const ENTRIES = {
  reader: fileURLToPath(new URL('./client/comment-form.ts', import.meta.url)),
  moderation: fileURLToPath(new URL('./client/moderation.ts', import.meta.url)),
  moderationStyle: fileURLToPath(new URL('./admin/moderation.css', import.meta.url)),
} as const;

interface Built {
  contentType: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface CommentAssets {
  reader: string;
  moderation: string;
  moderationStyle: string;
  files: Map<string, Built>;
}

let built: CommentAssets | null = null;

export function buildCommentAssets(): CommentAssets {
  if (built) return built;
  const files = new Map<string, Built>();
  const paths = {} as Record<keyof typeof ENTRIES, string>;
  for (const [name, source] of Object.entries(ENTRIES) as Array<[keyof typeof ENTRIES, string]>) {
    const css = source.endsWith('.css');
    const code = buildSync({
      entryPoints: [source],
      bundle: true,
      minify: true,
      write: false,
      ...(css ? { loader: { '.css': 'css' } } : { format: 'esm', target: ['es2020'] }),
    }).outputFiles[0]!.text;
    const body = Buffer.from(code);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    paths[name] = `/comments/assets/${name}.${hash}.${css ? 'css' : 'js'}`;
    const contentType = css ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    files.set(paths[name], { contentType, body, br: brotliCompressSync(body), gzip: gzipSync(body) });
  }
  built = { ...paths, files };
  return built;
}

export function commentAssetRoutes(assets: CommentAssets) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/comments/assets/:file', (request, reply) => {
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

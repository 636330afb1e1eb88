// The reader site's stylesheet and script, built once at start with esbuild, named by content hash
// and served with an immutable cache header, so a returning reader downloads them once.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildSync, transformSync } from 'esbuild';
import type { FastifyInstance } from 'fastify';

interface Asset {
  path: string;
  contentType: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface BuiltAssets {
  css: string;
  js: string;
  files: Map<string, Asset>;
}

function asset(name: string, ext: string, contentType: string, code: string): Asset {
  const body = Buffer.from(code);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    path: `/assets/${name}.${hash}.${ext}`,
    contentType,
    body,
    br: brotliCompressSync(body),
    gzip: gzipSync(body),
  };
}

export function buildAssets(): BuiltAssets {
  const cssSource = readFileSync(fileURLToPath(new URL('./styles.css', import.meta.url)), 'utf8');
  const css = transformSync(cssSource, { loader: 'css', minify: true }).code;
  const js = buildSync({
    entryPoints: [fileURLToPath(new URL('./client/main.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    write: false,
  }).outputFiles[0]!.text;
  const cssAsset = asset('site', 'css', 'text/css; charset=utf-8', css);
  const jsAsset = asset('site', 'js', 'text/javascript; charset=utf-8', js);
  return {
    css: cssAsset.path,
    js: jsAsset.path,
    files: new Map([cssAsset, jsAsset].map((a) => [a.path, a])),
  };
}

export function assetRoutes(assets: BuiltAssets) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/assets/:name', (request, reply) => {
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

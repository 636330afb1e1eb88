// Stylesheets and scripts built with esbuild once per process, named by content hash and served with an
// immutable cache header, so a returning reader downloads each once. The reader site, the newsroom and the
// comments each own their entries; building, naming and serving them is this one file's job.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { buildSync } from 'esbuild';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface BundledFile {
  contentType: string;
  body: Buffer;
  // Compressed on libuv's threads as soon as the file is built, so that a start never waits for brotli
  // (the editor's bundle takes it over a second) and no request is the first to pay for it.
  br: Promise<Buffer>;
  gzip: Promise<Buffer>;
}

export interface BundledAssets<Name extends string> {
  /** Entry name → the hashed URL path to link. */
  paths: Record<Name, string>;
  files: Map<string, BundledFile>;
}

/**
 * Bundles and minifies each entry (a .css or a .ts source file) and names it `<prefix>/<name>.<hash>.<css|js>`
 * (an entry named `site.css` becomes `site.<hash>.css`).
 */
export function bundleAssets<Name extends string>(
  prefix: string,
  entries: Record<Name, string>,
): BundledAssets<Name> {
  const paths = {} as Record<Name, string>;
  const files = new Map<string, BundledFile>();
  for (const name of Object.keys(entries) as Name[]) {
    const source = entries[name];
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
    const path = `${prefix}/${name.replace(/\.(css|js)$/, '')}.${hash}.${css ? 'css' : 'js'}`;
    paths[name] = path;
    files.set(path, {
      contentType: css ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body,
      br: brotliAsync(body),
      gzip: gzipAsync(body),
    });
  }
  return { paths, files };
}

/** Answers a request for one of the files, compressed when the client accepts it. */
export async function sendBundledFile(
  files: Map<string, BundledFile>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const file = files.get(request.url.split('?')[0]!);
  if (!file) return reply.code(404).type('text/plain').send('Not found');
  reply
    .header('cache-control', 'public, max-age=31536000, immutable')
    .header('vary', 'Accept-Encoding')
    .type(file.contentType);
  const accept = request.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(await file.br);
  if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(await file.gzip);
  return reply.send(file.body);
}

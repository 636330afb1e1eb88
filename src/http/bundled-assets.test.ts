import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundledAssets, bundleAssets, sendBundledFile } from './bundled-assets.js';

let dir: string;
let assets: BundledAssets<'site.css' | 'island'>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundled-'));
  await writeFile(join(dir, 'a.css'), 'body {  color : red ; }\n'.repeat(200));
  await writeFile(
    join(dir, 'b.ts'),
    'const greet = (n: string): string => `hi ${n}`;\nconsole.log(greet("x"));\n',
  );
  assets = bundleAssets('/x', { 'site.css': join(dir, 'a.css'), island: join(dir, 'b.ts') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bundled assets', () => {
  it('names each bundle by its content and serves it minified, immutable, and compressed on request', async () => {
    expect(assets.paths['site.css']).toMatch(/^\/x\/site\.[0-9a-f]{12}\.css$/);
    expect(assets.paths.island).toMatch(/^\/x\/island\.[0-9a-f]{12}\.js$/);
    const app = Fastify();
    app.get('/x/:file', (request, reply) => sendBundledFile(assets.files, request, reply));
    const plain = await app.inject(assets.paths['site.css']);
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).not.toContain(' : ');
    const br = await app.inject({
      url: assets.paths['site.css'],
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await app.inject({ url: assets.paths.island, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toContain('hi ');
    expect((await app.inject('/x/site.000000000000.css')).statusCode).toBe(404);
  });
});

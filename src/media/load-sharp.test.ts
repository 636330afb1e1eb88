// sharp is loaded when the first image is processed, never by a start: the server's import graph (esbuild's
// metafile, as in test/architecture) holds no static import of it, and one dynamic import in load-sharp.ts.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { loadSharp } from './load-sharp.js';

async function importsOfSharp(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => i.path === 'sharp').map((i) => `${file} ${i.kind}`),
  );
}

describe('loading sharp', () => {
  it('is left to the first image: a server start imports it nowhere', async () => {
    expect(await importsOfSharp('src/main.ts')).toEqual(['src/media/load-sharp.ts dynamic-import']);
  });

  it('sets it up for a small server once, however many ask at once', async () => {
    const [first, second] = await Promise.all([loadSharp(), loadSharp()]);
    expect(first).toBe(second);
    expect(first.concurrency()).toBe(1);
    expect(first.cache()).toMatchObject({ memory: { max: 0 }, files: { max: 0 }, items: { max: 0 } });
  });
});

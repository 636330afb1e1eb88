// The layout's rules, checked on the real import graph (esbuild's metafile of each entry): the reader site
// loads no newsroom code, no password hashing and no editor; shared layers import no domain.
import { readdirSync } from 'node:fs';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function graph(entry: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    // Our files are followed; the packages they import are recorded as imports, not bundled.
    packages: 'external',
    logLevel: 'silent',
  });
  return result.metafile;
}

function projectFiles(meta: Metafile): string[] {
  return Object.keys(meta.inputs).filter((f) => f.startsWith('src/'));
}

function packagesImported(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.values(meta.inputs)) {
    for (const imp of input.imports) if (imp.external) names.add(imp.path);
  }
  return [...names];
}

const NEWSROOM_CODE = /^src\/(admin|admin-api|editorial)\/|^src\/[a-z-]+\/admin\/|^src\/newsroom\.ts$/;
// Not linkify-it: readers' comments link the web addresses in them with it (comments/text.tsx).
const NEWSROOM_PACKAGES = /^(@node-rs\/argon2|@tiptap\/|prosemirror|diff$)/;

describe('the reader site module graph', () => {
  it('holds no newsroom file, no password hashing, no editor', async () => {
    const meta = await graph('src/reader-site.ts');
    const files = projectFiles(meta);
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => NEWSROOM_CODE.test(f))).toEqual([]);
    expect(packagesImported(meta).filter((p) => NEWSROOM_PACKAGES.test(p))).toEqual([]);
  });

  it('is what the check above would catch: the newsroom does pull those in', async () => {
    const meta = await graph('src/newsroom.ts');
    expect(projectFiles(meta).some((f) => f.startsWith('src/editorial/'))).toBe(true);
    expect(packagesImported(meta)).toContain('@node-rs/argon2');
  });
});

describe('shared layers', () => {
  const SHARED = ['http', 'views', 'storage', 'cdn'];
  for (const layer of SHARED) {
    it(`src/${layer}/ imports no domain`, async () => {
      const entries = (readdirSync(`src/${layer}`, { recursive: true }) as string[])
        .map((f) => `src/${layer}/${f}`)
        .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
      const offenders: string[] = [];
      for (const entry of entries) {
        const meta = await graph(entry);
        for (const file of projectFiles(meta)) {
          const top = file.split('/')[1]!;
          if (!SHARED.includes(top)) offenders.push(`${entry} → ${file}`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }
});

describe('import and export', () => {
  // export/ reports in import/'s shape and is handed to its command (scripts/import.ts); the reverse would be
  // a cycle, and every WordPress import would load the archive format.
  it('src/import/ loads no file of src/export/', async () => {
    const entries = (readdirSync('src/import', { recursive: true }) as string[])
      .map((f) => `src/import/${f}`)
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    const offenders: string[] = [];
    for (const entry of entries) {
      for (const file of projectFiles(await graph(entry)))
        if (file.startsWith('src/export/')) offenders.push(`${entry} → ${file}`);
    }
    expect(entries.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

describe('the server start', () => {
  it('loads no libvips: sharp is imported once, dynamically, when the first image is processed', async () => {
    const meta = await graph('src/main.ts');
    const sharpImports = Object.entries(meta.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => i.path === 'sharp').map((i) => `${file} ${i.kind}`),
    );
    expect(sharpImports).toEqual(['src/media/load-sharp.ts dynamic-import']);
  });

  it('loads no prom-client without METRICS_TOKEN: the files that import it are themselves imported dynamically', async () => {
    const meta = await graph('src/main.ts');
    const importers = (path: string, external: boolean) =>
      Object.entries(meta.inputs).flatMap(([file, input]) =>
        input.imports
          .filter((i) => i.path === path && Boolean(i.external) === external)
          .map((i) => `${file} ${i.kind}`),
      );
    expect(importers('prom-client', true).sort()).toEqual([
      'src/http/metrics.ts import-statement',
      'src/server/cluster-metrics.ts import-statement',
    ]);
    for (const file of ['src/http/metrics.ts', 'src/server/cluster-metrics.ts']) {
      const kinds = importers(file, false).map((i) => i.split(' ')[1]);
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['dynamic-import']));
    }
  });

  it('loads no AWS SDK: the bucket store is imported dynamically, only when MEDIA_STORAGE names a bucket', async () => {
    const meta = await graph('src/main.ts');
    const imports = Object.entries(meta.inputs).flatMap(([file, input]) =>
      input.imports
        .filter((i) => i.path.startsWith('@aws-sdk/') || i.path.endsWith('s3-file-store.ts'))
        .map((i) => `${file} ${i.path} ${i.kind}`),
    );
    // The SDK only inside the bucket store, and the bucket store reached only by the dynamic import.
    expect(imports.sort()).toEqual([
      'src/media/open-file-store.ts src/media/s3-file-store.ts dynamic-import',
      'src/media/s3-file-store.ts @aws-sdk/client-s3 import-statement',
    ]);
  });
});

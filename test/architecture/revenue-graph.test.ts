// Reader revenue's place in the import graph (esbuild's metafile): it reaches neither the newsroom nor the
// editorial domain nor comments, and the `stripe` SDK is only ever imported dynamically, on first use, so
// that neither a start-up nor a site without payment keys pays for loading it.
import { readdirSync } from 'node:fs';
import { build, type ImportKind, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function graph(entryPoints: string[]): Promise<Metafile> {
  const result = await build({
    entryPoints,
    bundle: true,
    write: false,
    outdir: 'graph',
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return result.metafile;
}

const projectFiles = (meta: Metafile) => Object.keys(meta.inputs).filter((f) => f.startsWith('src/'));

/** Which of our files import the package, and how. */
function importsOf(meta: Metafile, name: string): Array<{ file: string; kind: ImportKind }> {
  return Object.entries(meta.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => i.external && i.path === name).map((i) => ({ file, kind: i.kind })),
  );
}

const revenueFiles = (readdirSync('src/revenue', { recursive: true }) as string[])
  .map((f) => `src/revenue/${f}`)
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

describe('reader revenue', () => {
  it('reaches no newsroom code from its reader side', async () => {
    const files = projectFiles(await graph(['src/revenue/reader.tsx']));
    expect(files).toContain('src/revenue/support-routes.tsx');
    expect(files.filter((f) => /^src\/(admin|editorial)\/|^src\/[a-z-]+\/admin\//.test(f))).toEqual([]);
  });

  it('imports neither comments nor the editorial domain, anywhere', async () => {
    const files = projectFiles(await graph(revenueFiles));
    expect(files).toContain('src/revenue/admin/routes.ts');
    expect(files.filter((f) => /^src\/(comments|editorial)\//.test(f))).toEqual([]);
  });

  it('loads the stripe SDK only by a dynamic import', async () => {
    const imports = importsOf(await graph(['src/app.ts', 'src/main.ts']), 'stripe');
    // Seen at all: the check below is about the one place that loads it.
    expect(imports).toContainEqual({ file: 'src/revenue/stripe/client.ts', kind: 'dynamic-import' });
    expect(imports.filter((i) => i.kind !== 'dynamic-import')).toEqual([]);
  });
});

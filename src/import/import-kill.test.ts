// A real kill: a child process importing into a SQLite file is stopped with SIGKILL midway through its
// posts; the same import run again finishes the job with every post once, each with its revision, its
// comments and its import_items row, and nothing half-written from the moment of the kill.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDeps, recordsReader, siteRecords } from '../../test/support/import-records.js';
import { LocalFileStore } from '../media/file-store.js';
import { localContentEvents } from '../storage/content-events.js';
import { openStorage, type Storage } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { runImport } from './run-import.js';

const POSTS = 400;

describe('an import killed midway (SQLite, a real SIGKILL)', () => {
  let dir: string;
  let file: string;
  let storage: Storage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-kill-'));
    file = join(dir, 'site.db');
    storage = openStorage(`sqlite:${file}`);
    await migrateToLatest(storage.db);
  });
  afterAll(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('continues where it stopped, with nothing duplicated and nothing half-written', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('test', 'support', 'import-child.ts'), file, String(POSTS)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // Killed once some batches are written and before the end.
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        const written = [...text.matchAll(/written (\d+)/g)].map((m) => Number(m[1]));
        if (written.some((n) => n >= 50)) {
          child.kill('SIGKILL');
          resolve(Math.max(...written));
        }
        if (text.includes('done')) reject(new Error('the import ended before it could be killed'));
      });
      child.on('error', reject);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(killedAt).toBeLessThan(POSTS);

    const count = async (table: 'articles' | 'article_revisions' | 'comments') =>
      Number(
        (
          await storage.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const ledger = async () =>
      Number(
        (
          await storage.db
            .selectFrom('import_items')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('source_kind', '=', 'article')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const written = await count('articles');
    expect(written).toBeGreaterThanOrEqual(50);
    expect(written).toBeLessThan(POSTS);
    // Whole posts only: each written article has its revision and its ledger row.
    expect(await count('article_revisions')).toBe(written);
    expect(await ledger()).toBe(written);

    const files = new LocalFileStore(join(dir, 'media'));
    const report = await runImport(
      importDeps(storage, files, localContentEvents(), recordsReader(siteRecords(POSTS))),
      { system: 'wordpress', file: 'generated', dryRun: false },
    );
    expect(report.counts.articles).toEqual({
      imported: POSTS - written,
      updated: 0,
      skipped: written,
      failed: 0,
    });
    expect(await count('articles')).toBe(POSTS);
    expect(await count('article_revisions')).toBe(POSTS);
    expect(await ledger()).toBe(POSTS);
    const slugs = await storage.db.selectFrom('articles').select('slug').execute();
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(POSTS);
  }, 120_000);
});

// The content every server of the run serves: the SQLite file (demo newsroom, copies up to the article count,
// a discussion of 1,000 comments, moderation rules) and, when asked for, the same articles in PostgreSQL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { indexStaleArticles } from '../src/search/search-index.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { type CommentArticles, prepareComments, saveModerationRules } from './comments.js';
import { populate } from './populate.js';
import { type BenchDatabase, copyTables, createBenchDatabase } from './postgres.js';

const REFERENCE_HEADLINE = 'Russia Withdrawing From Kharkiv After Heavy Losses';

export interface Content {
  sqliteFile: string;
  mediaDir: string;
  postgres: BenchDatabase | null;
  /** The demo's reference article, whose page the article figures load. */
  referenceSlug: string;
  comments: CommentArticles;
  /** A file of article paths, one a line, for the long-tail load. */
  longTailFile: string;
  published: number;
}

export interface ContentOptions {
  work: string;
  articles: number;
  longTail: number;
  postgres: boolean;
  secret: string;
  log: (line: string) => void;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export async function prepareContent(o: ContentOptions): Promise<Content> {
  const sqliteFile = join(o.work, 'bench.sqlite');
  const mediaDir = join(o.work, 'media');
  const files = new LocalFileStore(mediaDir);
  const now = new Date();
  const storage = openStorage(`sqlite:${sqliteFile}`);
  let postgres: BenchDatabase | null = null;
  try {
    await migrateToLatest(storage.db);
    let started = performance.now();
    await seedDemoIfEmpty(storage.db, files, now);
    o.log(`demo newsroom seeded in ${seconds(started)} (its images drawn and encoded)`);

    if (o.postgres) {
      postgres = await createBenchDatabase();
      const pg = openStorage(postgres.url);
      try {
        await migrateToLatest(pg.db);
        const sqlite = new SQLite(sqliteFile, { readonly: true });
        await copyTables(sqlite, pg.db).finally(() => sqlite.close());
        started = performance.now();
        await populate(pg.db, files, o.articles, now);
        await saveModerationRules(pg.db, now);
        o.log(`PostgreSQL: ${o.articles.toLocaleString('en')} articles in ${seconds(started)}`);
        // Indexed before any server starts: its catch-up would otherwise index them during the load.
        started = performance.now();
        await indexStaleArticles(pg.db);
        o.log(`PostgreSQL: search index built in ${seconds(started)}`);
      } finally {
        await pg.close();
      }
    }

    started = performance.now();
    await populate(storage.db, files, o.articles, now);
    o.log(`SQLite: ${o.articles.toLocaleString('en')} articles in ${seconds(started)}`);
    started = performance.now();
    await indexStaleArticles(storage.db);
    o.log(`SQLite: search index built in ${seconds(started)}`);
    const reference = await storage.db
      .selectFrom('articles')
      .select('slug')
      .where('headline', '=', REFERENCE_HEADLINE)
      .executeTakeFirstOrThrow();
    const comments = await prepareComments(storage.db, o.secret, reference.slug, now);
    await saveModerationRules(storage.db, now);

    const slugs = await storage.db
      .selectFrom('articles')
      .select('slug')
      .where('status', '=', 'published')
      .execute();
    const longTailFile = join(o.work, 'long-tail.txt');
    writeFileSync(
      longTailFile,
      sample(
        slugs.map((s) => `/articles/${s.slug}`),
        o.longTail,
      ).join('\n'),
    );
    return {
      sqliteFile,
      mediaDir,
      postgres,
      referenceSlug: reference.slug,
      comments,
      longTailFile,
      published: slugs.length,
    };
  } catch (error) {
    await postgres?.drop();
    throw error;
  } finally {
    await storage.close();
  }
}

/** `count` of the values, picked at random without repeats. */
function sample<T>(values: T[], count: number): T[] {
  const pool = [...values];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

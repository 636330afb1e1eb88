// A backup taken while comments keep arriving restores to one moment: each write (a reply to the previous
// one plus a counter, in one transaction) is either wholly in the backup or wholly absent, and every
// foreign key holds. On SQLite the writer shares the process, so it writes between the backup's steps (where
// SQLite restarts a copy another connection changed), and once more from a process of its own, writing while
// a step copies; on PostgreSQL it writes through its own connections.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentRow, seedNewsroom } from '../../test/support/backup-contents.js';
import { newInstallation } from '../../test/support/backup-targets.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { LocalFileStore } from '../media/file-store.js';
import { openStorage } from '../storage/db.js';
import type { Database } from '../storage/schema.js';
import { createBackup } from './create-backup.js';
import { restoreBackup } from './restore-backup.js';

const COUNTER = 'backup-test-written';

async function writeOne(
  db: Kysely<Database>,
  articleId: number,
  n: number,
  parentId: number | null,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('comments')
      .values({ ...commentRow(articleId, 1000 + n, parentId), author_name: `Writer ${n}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`insert into site_settings (key, value, updated_at) values (${COUNTER}, ${String(n)}, ${new Date().toISOString()})
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(trx);
    return row.id;
  });
}

async function writerState(db: Kysely<Database>) {
  const written = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_name', 'like', 'Writer %')
    .executeTakeFirstOrThrow();
  const counter = await db
    .selectFrom('site_settings')
    .select('value')
    .where('key', '=', COUNTER)
    .executeTakeFirst();
  const orphans = await db
    .selectFrom('comments as c')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.parent_id', 'is not', null)
    .where('p.id', 'is', null)
    .executeTakeFirstOrThrow();
  return { written: Number(written.n), counter: Number(counter?.value ?? 0), orphans: Number(orphans.n) };
}

describe.each(testDatabases)('a backup taken while comments are written, on $name', (database) => {
  let source: TestStorage;
  let dir: string;

  beforeAll(async () => {
    source = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-backup-busy-'));
    // Enough rows that SQLite copies the file in more than one step.
    await seedNewsroom(source.db, new LocalFileStore(join(dir, 'media')), 60);
  });

  afterAll(async () => {
    await source.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores to a single moment: the counter matches the comments, and every reply has its parent', async () => {
    const writer = openStorage(source.url!, { poolSize: 3 });
    const article = await writer.db
      .selectFrom('articles')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    let n = 0;
    let parent: number | null = null;
    let stop = false;
    const writing = (async () => {
      while (!stop) {
        n += 1;
        parent = await writeOne(writer.db, article.id, n, parent);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      while (n < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      const before = n;
      const archive = join(dir, 'busy.tar.gz');
      await createBackup({
        databaseUrl: source.url!,
        store: new LocalFileStore(join(dir, 'media')),
        file: archive,
      });
      const after = n;
      stop = true;
      await writing;
      expect(after).toBeGreaterThan(before);

      const url = await newInstallation(database.name, dir, 'absent');
      await restoreBackup({
        databaseUrl: url,
        store: new LocalFileStore(join(dir, 'restored')),
        file: archive,
      });
      const target = openStorage(url, { poolSize: 2 });
      try {
        const state = await writerState(target.db);
        expect(state.written).toBeGreaterThanOrEqual(before - 1);
        expect(state.written).toBeLessThanOrEqual(after);
        expect(state.counter).toBe(state.written);
        expect(state.orphans).toBe(0);
        if (target.dialect === 'sqlite') {
          const broken = await sql`pragma foreign_key_check`.execute(target.db);
          expect(broken.rows).toEqual([]);
        }
      } finally {
        await target.close();
      }
    } finally {
      stop = true;
      await writing;
      await writer.close();
    }
  });
});

// The same writes from another process, so that on SQLite they land while the backup is copying pages.
const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
const article = db.prepare('select id from articles order by id limit 1').get().id;
const insert = db.prepare(\`insert into comments (article_id, parent_id, root_id, depth, status, body, author_name,
  author_email, email_key, author_url, notify_replies, body_hash, spam_score, created_at, status_changed_at)
  values (?, ?, ?, 1, 'approved', 'From the other process', ?, 'w@example.org', 'k', '', 0, 'h', 0, ?, ?)\`);
const counter = db.prepare(\`insert into site_settings (key, value, updated_at) values ('${COUNTER}', ?, ?)
  on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at\`);
let parent = null;
const write = db.transaction((n) => {
  const at = new Date().toISOString();
  parent = Number(insert.run(article, parent, parent, 'Writer ' + n, at, at).lastInsertRowid);
  counter.run(String(n), at);
});
const until = Date.now() + 60000;
for (let n = 1; Date.now() < until; n++) {
  write(n);
  if (n === 20) process.stdout.write('ready\\n');
}
`;

describe.skipIf(!testDatabases.some((d) => d.name === 'sqlite'))(
  'a SQLite backup while another process writes',
  () => {
    it('restores to a single moment', async () => {
      const source = await testDatabases.find((d) => d.name === 'sqlite')!.open();
      const dir = await mkdtemp(join(tmpdir(), 'broadsheet-backup-process-'));
      try {
        await seedNewsroom(source.db, new LocalFileStore(join(dir, 'media')), 60);
        const writer = spawn(process.execPath, ['-e', WRITER, source.url!.slice('sqlite:'.length)], {
          cwd: process.cwd(),
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        try {
          await new Promise<void>((resolve, reject) => {
            writer.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
            writer.once('exit', (code) => reject(new Error(`the writer stopped (${code})`)));
          });
          const before = (await writerState(source.db)).counter;
          const archive = join(dir, 'busy.tar.gz');
          await createBackup({
            databaseUrl: source.url!,
            store: new LocalFileStore(join(dir, 'media')),
            file: archive,
          });
          const after = (await writerState(source.db)).counter;
          expect(after).toBeGreaterThan(before);

          const url = await newInstallation('sqlite', dir, 'absent');
          await restoreBackup({
            databaseUrl: url,
            store: new LocalFileStore(join(dir, 'restored')),
            file: archive,
          });
          const target = openStorage(url);
          try {
            const state = await writerState(target.db);
            expect(state.written).toBeGreaterThanOrEqual(before);
            expect(state.written).toBeLessThanOrEqual(after);
            expect(state.counter).toBe(state.written);
            expect(state.orphans).toBe(0);
            expect((await sql`pragma foreign_key_check`.execute(target.db)).rows).toEqual([]);
          } finally {
            await target.close();
          }
        } finally {
          writer.kill();
        }
      } finally {
        await source.cleanup();
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);

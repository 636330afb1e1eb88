// The library's search, filters, pages and licence alerts on both databases, against a fixed clock.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addArticle, addAuthor } from '../../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import { addStaff } from '../../../test/support/newsroom.js';
import type { StaffMember } from '../../admin/guardian.js';
import { saveSiteSettings } from '../../site/settings.js';
import type { Database, MediaTable } from '../../storage/schema.js';
import { browseLibrary, libraryEntry, PAGE_SIZE } from './browse.js';
import { parseLibraryQuery } from './library-query.js';
import { setArticleMedia } from './usage.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const EDITOR: StaffMember = { id: 900, email: 'ed@example.org', name: 'Ed', role: 'editor', authorId: null };

let sequence = 0;
async function image(db: Kysely<Database>, fields: Partial<MediaTable> & { alt_text: string }) {
  sequence += 1;
  const row = await db
    .insertInto('media')
    .values({
      storage_key: `k${sequence}/original.jpg`,
      mime_type: 'image/jpeg',
      width: 800,
      height: 600,
      bytes: 1234,
      caption: '',
      credit_person: '',
      credit_organization: '',
      rights: 'own',
      license_url: null,
      license_expires_at: null,
      copyright_notice: null,
      variants: '[]',
      created_at: new Date(Date.UTC(2026, 0, 1, 0, sequence)).toISOString(),
      ...fields,
    } as MediaTable & { id?: never })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(testDatabases)('the media library on $name', (database) => {
  let storage: TestStorage;
  let ids: Record<string, number>;

  beforeEach(async () => {
    storage = await database.open();
    const { db } = storage;
    ids = {
      harbour: await image(db, {
        alt_text: 'Fishing boats in the harbour at dawn',
        caption: 'The fleet returns',
        credit_person: 'Ana Silva',
        rights: 'own',
      }),
      council: await image(db, {
        alt_text: 'Council chamber',
        caption: 'Budget vote',
        credit_organization: 'Wire Agency',
        rights: 'agency',
        // Ended a day ago.
        license_expires_at: '2026-06-14T00:00:00.000Z',
      }),
      flood: await image(db, {
        alt_text: 'Flooded road',
        caption: '100% of the street under water',
        credit_person: 'Bo Chen',
        rights: 'licensed',
        // Ends in 10 days.
        license_expires_at: '2026-06-25T00:00:00.000Z',
      }),
      market: await image(db, {
        alt_text: 'Market stalls',
        caption: 'Saturday market',
        credit_person: 'Ana Silva',
        rights: 'licensed',
        // Ends in 60 days: no warning yet.
        license_expires_at: '2026-08-14T00:00:00.000Z',
      }),
      archive: await image(db, {
        alt_text: 'Old town hall, 1910',
        caption: 'From the archive',
        rights: 'public_domain',
        copyright_notice: 'No known copyright (Town_Archive)',
      }),
    };
    const story = await addArticle(db, { slug: 'flood', headline: 'Flood closes the coast road' });
    await setArticleMedia(db, story, { hero: ids.flood!, body: [ids.council!] });
    const author = await addAuthor(db, 'ana', 'Ana Silva');
    await db.updateTable('authors').set({ photo_media_id: ids.harbour! }).where('id', '=', author).execute();
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  const found = async (raw: Record<string, string>) =>
    (await browseLibrary(storage.db, EDITOR, parseLibraryQuery(raw), NOW)).entries.map((e) => e.item.id);

  it('lists newest first with licence states and uses, and puts expired and soon-ending licences on top', async () => {
    const view = await browseLibrary(storage.db, EDITOR, parseLibraryQuery({}), NOW);
    expect(view.total).toBe(5);
    expect(view.entries.map((e) => e.item.id)).toEqual([
      ids.archive,
      ids.market,
      ids.flood,
      ids.council,
      ids.harbour,
    ]);
    const state = Object.fromEntries(view.entries.map((e) => [e.item.id, e.licence]));
    expect(state).toEqual({
      [ids.archive!]: 'unlimited',
      [ids.market!]: 'current',
      [ids.flood!]: 'expiring',
      [ids.council!]: 'expired',
      [ids.harbour!]: 'unlimited',
    });
    expect(view.alerts.map((a) => [a.item.id, a.licence])).toEqual([
      [ids.council, 'expired'],
      [ids.flood, 'expiring'],
    ]);
    expect(view.alerts[0]!.uses.articles.map((a) => a.headline)).toEqual(['Flood closes the coast road']);
    expect(view.alerts[1]!.uses.articles[0]!.roles).toEqual(['hero']);
  });

  it('searches alt text, caption, credit and copyright, ignoring case and treating % and _ as letters', async () => {
    expect(await found({ q: 'HARBOUR' })).toEqual([ids.harbour]);
    expect(await found({ q: 'budget' })).toEqual([ids.council]);
    expect(await found({ q: 'ana silva' })).toEqual([ids.market, ids.harbour]);
    expect(await found({ q: 'wire agency' })).toEqual([ids.council]);
    expect(await found({ q: 'town_archive' })).toEqual([ids.archive]);
    expect(await found({ q: '100%' })).toEqual([ids.flood]);
    expect(await found({ q: '0%' })).toEqual([ids.flood]);
    expect(await found({ q: '%' })).toEqual([ids.flood]);
    expect(await found({ q: '_' })).toEqual([ids.archive]);
    expect(await found({ q: 'nothing like this' })).toEqual([]);
  });

  it('filters by rights, by licence state and by use, and combines them with a search', async () => {
    expect(await found({ rights: 'licensed' })).toEqual([ids.market, ids.flood]);
    expect(await found({ show: 'expired' })).toEqual([ids.council]);
    expect(await found({ show: 'expiring' })).toEqual([ids.flood]);
    // The harbour photo is an author's portrait, so it is in use.
    expect(await found({ show: 'unused' })).toEqual([ids.archive, ids.market]);
    expect(await found({ show: 'unused', q: 'market', rights: 'licensed' })).toEqual([ids.market]);
    // Unknown values are dropped, as an old bookmark would carry them.
    expect(await found({ rights: 'stolen', show: 'sideways', page: 'two' })).toHaveLength(5);
    const filtered = await browseLibrary(storage.db, EDITOR, parseLibraryQuery({ show: 'expired' }), NOW);
    expect(filtered.alerts).toEqual([]);
  });

  it("shows a contributor the published uses and their own drafts, and only counts others' drafts", async () => {
    const { db } = storage;
    const writer = await addStaff(db, 'contributor', { email: 'writer@example.org' });
    const other = await addStaff(db, 'contributor', { email: 'other@example.org' });
    const mine = await addArticle(db, { slug: 'mine', headline: 'My draft', status: 'draft' });
    const theirs = await addArticle(db, { slug: 'theirs', headline: 'A secret scoop', status: 'draft' });
    await db.updateTable('articles').set({ created_by: writer.id }).where('id', '=', mine).execute();
    await db.updateTable('articles').set({ created_by: other.id }).where('id', '=', theirs).execute();
    for (const article of [mine, theirs]) await setArticleMedia(db, article, { hero: ids.flood!, body: [] });

    const { entry } = await libraryEntry(db, writer, ids.flood!, NOW);
    expect(entry.uses.articles.map((a) => a.headline).sort()).toEqual([
      'Flood closes the coast road',
      'My draft',
    ]);
    expect(entry.uses.hiddenArticles).toBe(1);
    const asEditor = await libraryEntry(db, EDITOR, ids.flood!, NOW);
    expect(asEditor.entry.uses.articles).toHaveLength(3);
    expect(asEditor.entry.uses.hiddenArticles).toBe(0);
  });

  it('counts the site logo as a use', async () => {
    await saveSiteSettings(storage.db, { siteName: 'Harbour Times', logoMediaId: ids.archive }, NOW);
    expect(await found({ show: 'unused' })).toEqual([ids.market]);
    const { entry } = await libraryEntry(storage.db, EDITOR, ids.archive!, NOW);
    expect(entry.isLogo).toBe(true);
  });

  it('pages through a long library', async () => {
    for (let i = 0; i < PAGE_SIZE + 2; i += 1) await image(storage.db, { alt_text: `Extra ${i}` });
    const first = await browseLibrary(storage.db, EDITOR, parseLibraryQuery({ page: '1' }), NOW);
    const second = await browseLibrary(storage.db, EDITOR, parseLibraryQuery({ page: '2' }), NOW);
    expect(first.total).toBe(PAGE_SIZE + 7);
    expect(first.pages).toBe(2);
    expect(first.entries).toHaveLength(PAGE_SIZE);
    expect(second.entries).toHaveLength(7);
    const all = [...first.entries, ...second.entries].map((e) => e.item.id);
    expect(new Set(all).size).toBe(PAGE_SIZE + 7);
    expect(second.entries.at(-1)!.item.id).toBe(ids.harbour);
  });
});

// The demo seed: it fills an empty database once, never writes over a newsroom's own content, and the
// reference article it publishes says word for word what the reference page said.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, parseBodyDocument } from '../src/articles/render/document.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { mediaFromRow } from '../src/media/media.js';
import { readPaymentMode } from '../src/revenue/payment-mode.js';
import { readRevenueSettings } from '../src/revenue/settings.js';
import { readSiteSettings } from '../src/site/settings.js';
import { type TestStorage, testDatabases } from '../test/support/databases.js';
import { demoArticles, KHARKIV_PARAGRAPHS, KHARKIV_SLUG } from './content.js';
import { seedDemoIfEmpty } from './seed.js';

const NOW = new Date('2025-05-14T15:30:00.000Z');
const HOUR = 3600_000;

/** The body paragraphs of the reference page: after the caption line, up to the donation prompt. */
function referenceParagraphs(): string[] {
  const lines = readFileSync(new URL('./reference-article.txt', import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes('| Image by'));
  const end = lines.indexOf('Support our non-profit journalism');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return lines.slice(start + 1, end).filter((l) => l.trim() !== '');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

async function counts(s: TestStorage) {
  const count = async (table: 'articles' | 'sections' | 'tags' | 'authors' | 'media' | 'site_settings') =>
    Number(
      (
        await s.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    articles: await count('articles'),
    sections: await count('sections'),
    tags: await count('tags'),
    authors: await count('authors'),
    media: await count('media'),
    settings: await count('site_settings'),
  };
}

describe('the demo text', () => {
  it('holds the reference article’s paragraphs exactly as published', () => {
    expect([...KHARKIV_PARAGRAPHS]).toEqual(referenceParagraphs());
  });
});

describe.each(testDatabases)('seedDemoIfEmpty on $name', (database) => {
  let s: TestStorage;
  let dir: string;
  let store: LocalFileStore;
  let first: 'seeded' | 'skipped';

  beforeAll(async () => {
    s = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-seed-'));
    store = new LocalFileStore(dir);
    const started = performance.now();
    first = await seedDemoIfEmpty(s.db, store, NOW);
    console.log(`demo seed on ${database.name}: ${Math.round(performance.now() - started)} ms`);
  }, 60_000);

  afterAll(async () => {
    await s.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds an empty database', async () => {
    expect(first).toBe('seeded');
    expect(await counts(s)).toEqual({
      articles: 8,
      sections: 4,
      tags: 12,
      authors: 4,
      media: 14,
      // The site's settings and how readers give; on PostgreSQL also the search index's text-search
      // configuration, set when the seed indexes its first article.
      settings: database.name === 'postgres' ? 3 : 2,
    });
    // How long it took is printed above, not asserted: speed lives in benchmarks (`npm run bench` times a start).
  });

  it('skips the second time and writes nothing more', async () => {
    const before = { rows: await counts(s), files: (await filesUnder(dir)).length };
    expect(await seedDemoIfEmpty(s.db, store, new Date(NOW.getTime() + HOUR))).toBe('skipped');
    expect({ rows: await counts(s), files: (await filesUnder(dir)).length }).toEqual(before);
  });

  it('stores every file each media row names, and no others', async () => {
    const items = (await s.db.selectFrom('media').selectAll().execute()).map(mediaFromRow);
    const keys = items.flatMap((m) => [m.originalKey, ...m.variants.map((v) => v.key)]);
    expect((await filesUnder(dir)).sort()).toEqual(keys.sort());
  });

  it('saves settings for a demo site with no app, a logo, and policies pointing at its own pages', async () => {
    const settings = await readSiteSettings(s.db);
    expect(settings).toMatchObject({
      siteName: 'The Riverside Ledger',
      language: 'en',
      timeZone: 'America/Chicago',
    });
    expect(settings.expandAfterParagraphs).toBe(4);
    expect(settings.publisher.legalName).not.toBe('');
    expect(Object.values(settings.app).every((v) => v === '' || (Array.isArray(v) && v.length === 0))).toBe(
      true,
    );
    const pages = new Set(
      (await s.db.selectFrom('pages').select('slug').where('status', '=', 'published').execute()).map(
        (p) => `/${p.slug}`,
      ),
    );
    expect([...pages].sort()).toEqual(
      ['/about', '/contact', '/corrections-policy', '/ethics', '/funding', '/masthead'].sort(),
    );
    const policies = Object.values(settings.publisher.policies).filter(Boolean);
    expect(policies.length).toBeGreaterThanOrEqual(9);
    for (const address of policies) expect(pages.has(address), address).toBe(true);
    expect(settings.logoMediaId).not.toBeNull();
  });

  it('takes gifts on an external page, so the call-to-action shows without payment keys, in dollars', async () => {
    const payments = await readPaymentMode(s.db);
    expect(payments).toMatchObject({ mode: 'external', externalUrl: 'https://example.org/donate' });
    expect(payments.stripeSecretKey).toBe('');
    // An American newsroom ("en", America/Chicago): its donation currency follows the site's language.
    expect((await readRevenueSettings(s.db)).currency).toBe('USD');
  });

  it('publishes bodies that pass validation and refer only to images in the library', async () => {
    const mediaIds = new Set((await s.db.selectFrom('media').select('id').execute()).map((r) => r.id));
    const rows = await s.db.selectFrom('articles').selectAll().execute();
    let inlineImages = 0;
    for (const row of rows) {
      const body = parseBodyDocument(JSON.parse(row.body));
      expect(body.content.length, row.slug).toBeGreaterThanOrEqual(3);
      for (const block of body.content) {
        if (block.type === 'image') {
          inlineImages++;
          expect(mediaIds.has(block.attrs.mediaId)).toBe(true);
        }
      }
      expect(row.status).toBe('published');
      expect(mediaIds.has(row.hero_media_id!)).toBe(true);
    }
    expect(inlineImages).toBeGreaterThanOrEqual(1);
    expect(new Set(rows.map((r) => r.work_type))).toEqual(
      new Set(['news', 'analysis', 'opinion', 'explainer']),
    );
  });

  it('records each article’s hero and body images, so the library lists them as used', async () => {
    const rows = await s.db.selectFrom('articles').select(['id', 'hero_media_id', 'body']).execute();
    for (const row of rows) {
      const recorded = await s.db
        .selectFrom('article_media')
        .select(['media_id', 'role'])
        .where('article_id', '=', row.id)
        .execute();
      const body = parseBodyDocument(JSON.parse(row.body)).content.flatMap((b) =>
        b.type === 'image' ? [b.attrs.mediaId] : [],
      );
      expect(recorded.filter((r) => r.role === 'hero').map((r) => r.media_id)).toEqual([row.hero_media_id]);
      expect(
        recorded
          .filter((r) => r.role === 'body')
          .map((r) => r.media_id)
          .sort(),
      ).toEqual([...new Set(body)].sort());
    }
  });

  it('spreads publication over ten days, newest a few hours old, with one story updated', async () => {
    const rows = await s.db
      .selectFrom('articles')
      .select(['published_at', 'updated_at', 'modified_at'])
      .execute();
    const ages = rows.map((r) => (NOW.getTime() - new Date(r.published_at!).getTime()) / HOUR);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.min(...ages)).toBeLessThanOrEqual(6);
    expect(Math.max(...ages)).toBeLessThanOrEqual(24 * 10);
    // The news sitemap lists the last 48 hours; it must not be empty on a fresh demo.
    expect(ages.filter((h) => h <= 48).length).toBeGreaterThanOrEqual(2);
    const updated = rows.filter((r) => r.updated_at !== null);
    expect(updated).toHaveLength(1);
    const [u] = updated;
    expect(new Date(u!.updated_at!).getTime()).toBeGreaterThan(new Date(u!.published_at!).getTime());
    expect(new Date(u!.updated_at!).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(u!.modified_at).getTime()).toBe(new Date(u!.updated_at!).getTime());
  });

  it('publishes the reference article: text, links, section, tags, credited stand-in', async () => {
    const row = await s.db
      .selectFrom('articles')
      .selectAll()
      .where('slug', '=', KHARKIV_SLUG)
      .executeTakeFirstOrThrow();
    expect(row.headline).toBe('Russia Withdrawing From Kharkiv After Heavy Losses');
    expect(row.dateline).toBe('KHARKIV, Ukraine');
    expect(row.work_type).toBe('news');
    const body = parseBodyDocument(JSON.parse(row.body));
    expect(body.content.map((b) => blockText(b))).toEqual(referenceParagraphs());
    const links = body.content.flatMap((b) =>
      b.type === 'paragraph'
        ? (b.content ?? []).flatMap((i) =>
            i.type === 'text'
              ? (i.marks ?? []).flatMap((m) => (m.type === 'link' ? [[i.text, m.attrs.href]] : []))
              : [],
          )
        : [],
    );
    expect(links.map(([text]) => text)).toEqual(['UK Ministry of Defense', 'Newsweek']);
    for (const [, href] of links) expect(href).toMatch(/^https:\/\//);

    const section = await s.db
      .selectFrom('sections')
      .selectAll()
      .where('id', '=', row.section_id!)
      .executeTakeFirstOrThrow();
    expect(section.name).toBe('World');
    const tags = await s.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.name')
      .where('article_id', '=', row.id)
      .execute();
    expect(tags.map((t) => t.name).sort()).toEqual(['Russia', 'Ukraine', 'War']);
    const authors = await s.db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['authors.name', 'authors.photo_media_id', 'authors.bio'])
      .where('article_id', '=', row.id)
      .execute();
    expect(authors).toHaveLength(1);
    expect(authors[0]!.photo_media_id).not.toBeNull();
    expect(authors[0]!.bio).not.toBe('');

    const hero = mediaFromRow(
      await s.db
        .selectFrom('media')
        .selectAll()
        .where('id', '=', row.hero_media_id!)
        .executeTakeFirstOrThrow(),
    );
    expect(hero).toMatchObject({
      caption: 'Ukrainian soldiers next to a military tracked vehicle in Kharkiv, Ukraine.',
      creditPerson: 'Tyler Hicks',
      creditOrganization: 'The New York Times',
      rights: 'licensed',
      // A licensed image needs its end date; the demo's runs a year from the day it is seeded.
      licenseExpiresAt: '2026-05-14T00:00:00.000Z',
      width: 2400,
      height: 1600,
    });
    expect(hero.altText).toMatch(/stand-in/);
    expect(hero.copyrightNotice).toMatch(/stand-in/i);
    expect(hero.variants.filter((v) => v.format === 'avif').map((v) => v.width)).toEqual([
      320, 640, 960, 1280, 1920,
    ]);
  });

  it('publishes every demo article exactly once', async () => {
    const slugs = (await s.db.selectFrom('articles').select('slug').execute()).map((r) => r.slug).sort();
    expect(slugs).toEqual(demoArticles.map((a) => a.slug).sort());
  });
});

describe('seedDemoIfEmpty never writes over a newsroom’s own content', () => {
  const at = NOW.toISOString();
  const cases: Array<[string, (s: TestStorage) => Promise<unknown>]> = [
    [
      'a section',
      (s) =>
        s.db
          .insertInto('sections')
          .values({ slug: 'metro', name: 'Metro', description: '', position: 0 })
          .execute(),
    ],
    [
      'a settings row',
      (s) =>
        s.db
          .insertInto('site_settings')
          .values({ key: 'site', value: '{"siteName":"Ours"}', updated_at: at })
          .execute(),
    ],
    [
      'an article',
      (s) =>
        s.db
          .insertInto('articles')
          .values({
            slug: 'ours',
            headline: 'Our story',
            dek: '',
            body: '{"type":"doc","content":[]}',
            status: 'draft',
            work_type: 'news',
            created_at: at,
            modified_at: at,
          })
          .execute(),
    ],
  ];

  it.each(cases)('skips when the database already has %s, and writes no files', async (_what, existing) => {
    const s = await testDatabases[0]!.open();
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-seed-'));
    try {
      await existing(s);
      const before = await counts(s);
      expect(await seedDemoIfEmpty(s.db, new LocalFileStore(dir), NOW)).toBe('skipped');
      expect(await counts(s)).toEqual(before);
      expect(await filesUnder(dir)).toEqual([]);
    } finally {
      await s.cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

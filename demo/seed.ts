// Fills an empty database with the demo newsroom on first start, and never touches one that has anything
// of its own: no articles, no sections and no settings, or nothing happens.
import type { Kysely } from 'kysely';
import { mediaIdsOf, parseBodyDocument } from '../src/articles/render/document.js';
import { setArticleMedia } from '../src/media/admin/usage.js';
import type { FileStore } from '../src/media/file-store.js';
import { discardStoredImage, insertStoredImage, type StoredImage, storeImage } from '../src/media/library.js';
import { paymentModeSection } from '../src/revenue/payment-mode.js';
import { indexArticle } from '../src/search/search-index.js';
import { saveSiteSettings } from '../src/site/settings.js';
import type { Database } from '../src/storage/schema.js';
import { saveSettings } from '../src/storage/settings-store.js';
import {
  demoArticles,
  demoAuthors,
  demoImages,
  demoPaymentMode,
  demoSections,
  demoSiteSettings,
  demoTags,
} from './content.js';
import { drawDemoImage } from './hero.js';
import { demoPageBody, demoPages, demoPolicies } from './pages.js';

const HOUR = 60 * 60 * 1000;

async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const [article, section, setting] = await Promise.all([
    db.selectFrom('articles').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('sections').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('site_settings').select('key').limit(1).executeTakeFirst(),
  ]);
  return !article && !section && !setting;
}

class NotEmptyAnyMore extends Error {}

// Whole minutes, as an editor's publish button would leave them.
function hoursBefore(now: Date, hours: number): string {
  const at = new Date(now.getTime() - hours * HOUR);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
}

export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  store: FileStore,
  now: Date,
): Promise<'seeded' | 'skipped'> {
  if (!(await isEmpty(db))) return 'skipped';

  // Files first and outside the transaction: encoding takes seconds, and no row may point at a file
  // that is not there. Two at a time keeps both cores busy without queueing every image at once.
  const names = Object.keys(demoImages);
  const stored = new Map<string, StoredImage>();
  const discardAll = () => Promise.all([...stored.values()].map((s) => discardStoredImage(store, s)));
  try {
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(
        names.slice(i, i + 2).map(async (name) => {
          const { drawing, licensedForDays, ...words } = demoImages[name]!;
          const licenseExpiresAt = licensedForDays
            ? new Date(now.getTime() + licensedForDays * 24 * HOUR).toISOString().slice(0, 10)
            : null;
          const data = await drawDemoImage(drawing);
          stored.set(name, await storeImage(store, { data, ...words, licenseExpiresAt }, now));
        }),
      );
    }
  } catch (error) {
    await discardAll();
    throw error;
  }

  try {
    await db.transaction().execute(async (trx) => {
      // Checked again inside the transaction: another instance may have seeded, or an editor saved
      // settings, while the images were encoding.
      if (!(await isEmpty(trx))) throw new NotEmptyAnyMore();
      // The external-page mode: it needs no payment keys and no network, yet shows the call-to-action and
      // the support page as a newsroom would. The invented newsroom's donation page is a reserved domain.
      await saveSettings(trx, paymentModeSection, demoPaymentMode, now);
      const mediaIds = new Map<string, number>();
      for (const [name, image] of stored) mediaIds.set(name, (await insertStoredImage(trx, image)).id);
      const mediaId = (name: string) => {
        const id = mediaIds.get(name);
        if (id === undefined)
          throw new Error(`Demo content refers to an image named ${name} that it does not define`);
        return id;
      };
      await saveSiteSettings(
        trx,
        {
          ...demoSiteSettings,
          logoMediaId: mediaId('ledger-logo'),
          publisher: { ...demoSiteSettings.publisher, policies: demoPolicies() },
        },
        now,
      );
      for (const page of demoPages) {
        const at = hoursBefore(now, 24 * 30);
        const fields = {
          title: page.title,
          slug: page.slug,
          description: page.description,
          body: parseBodyDocument(demoPageBody(page)),
        };
        const row = await trx
          .insertInto('pages')
          .values({
            slug: page.slug,
            title: page.title,
            description: page.description,
            body: JSON.stringify(fields.body),
            status: 'published',
            version: 1,
            published_at: at,
            created_by: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('page_revisions')
          .values({
            page_id: row.id,
            version: 1,
            fields: JSON.stringify(fields),
            created_by: null,
            created_at: at,
          })
          .execute();
      }

      const sectionIds = new Map<string, number>();
      for (const s of demoSections) {
        const row = await trx
          .insertInto('sections')
          .values({ slug: s.slug, name: s.name, description: s.description, position: s.position })
          .returning('id')
          .executeTakeFirstOrThrow();
        sectionIds.set(s.slug, row.id);
      }

      const tagIds = new Map<string, number>();
      for (const t of demoTags) {
        const row = await trx.insertInto('tags').values(t).returning('id').executeTakeFirstOrThrow();
        tagIds.set(t.slug, row.id);
      }

      const authorIds = new Map<string, number>();
      for (const a of demoAuthors) {
        const row = await trx
          .insertInto('authors')
          .values({
            slug: a.slug,
            name: a.name,
            bio: a.bio,
            job_title: a.jobTitle,
            expertise: a.expertise,
            photo_media_id: mediaId(a.photo),
            created_at: hoursBefore(now, 24 * 30),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        authorIds.set(a.slug, row.id);
      }

      for (const a of demoArticles) {
        const publishedAt = hoursBefore(now, a.publishedHoursAgo);
        const updatedAt = a.updatedHoursAgo === undefined ? null : hoursBefore(now, a.updatedHoursAgo);
        // The same check an editor's save goes through: demo content gets no shortcut past validation.
        const body = parseBodyDocument(a.body(mediaId));
        const row = await trx
          .insertInto('articles')
          .values({
            slug: a.slug,
            headline: a.headline,
            seo_headline: a.seoHeadline ?? null,
            social_headline: a.socialHeadline ?? null,
            dek: a.dek,
            body: JSON.stringify(body),
            status: 'published',
            work_type: a.workType,
            section_id: sectionIds.get(a.section) ?? null,
            hero_media_id: mediaId(a.hero),
            dateline: a.dateline,
            published_at: publishedAt,
            updated_at: updatedAt,
            scheduled_at: null,
            created_at: hoursBefore(now, a.publishedHoursAgo + 2),
            modified_at: updatedAt ?? publishedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // What an editor's save records, so the library lists the demo's body images as used.
        await setArticleMedia(trx, row.id, { hero: mediaId(a.hero), body: mediaIdsOf(body) });
        await trx
          .insertInto('article_authors')
          .values(
            a.authors.map((slug, position) => ({
              article_id: row.id,
              author_id: authorIds.get(slug)!,
              position,
            })),
          )
          .execute();
        if (a.tags.length > 0) {
          await trx
            .insertInto('article_tags')
            .values(a.tags.map((slug) => ({ article_id: row.id, tag_id: tagIds.get(slug)! })))
            .execute();
        }
        await indexArticle(trx, row.id);
      }
    });
  } catch (error) {
    await discardAll();
    // Losing a race to another instance seeding the same database is not a failure.
    if (error instanceof NotEmptyAnyMore || !(await isEmpty(db))) return 'skipped';
    throw error;
  }
  return 'seeded';
}

// How a save's fields are written: the article's own columns, and its bylines, tags (made on first use, named
// as the tag list spells them) and the images the media library records as used by it.
import type { Kysely } from 'kysely';
import { mediaIdsOf } from '../articles/render/document.js';
import { setArticleMedia } from '../media/admin/usage.js';
import type { Database } from '../storage/schema.js';
import type { ArticleFields } from './fields.js';
import { insertTags, replaceAuthors, replaceTags, selectTagsBySlug } from './queries/bylines-and-tags.js';
import { slugify } from './slug.js';

/** The tag ids for names, creating tags not seen before; names come back as the library spells them. */
async function resolveTags(db: Kysely<Database>, names: string[]) {
  const wanted = names.map((name) => ({ name, slug: slugify(name) }));
  const unique = wanted.filter((t, i) => wanted.findIndex((u) => u.slug === t.slug) === i);
  const existing = await selectTagsBySlug(
    db,
    unique.map((t) => t.slug),
  );
  await insertTags(
    db,
    unique.filter((t) => !existing.some((e) => e.slug === t.slug)),
  );
  const rows = await selectTagsBySlug(
    db,
    unique.map((t) => t.slug),
  );
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const tags = unique.map((t) => bySlug.get(t.slug)!);
  return { ids: tags.map((t) => t.id), names: tags.map((t) => t.name) };
}

export function columnsOf(fields: ArticleFields) {
  return {
    headline: fields.headline,
    seo_headline: fields.seoHeadline || null,
    social_headline: fields.socialHeadline || null,
    meta_description: fields.metaDescription || null,
    canonical_url: fields.canonicalUrl || null,
    noindex: fields.noindex ? 1 : 0,
    social_description: fields.socialDescription || null,
    social_image_id: fields.socialImageId,
    dek: fields.dek,
    slug: fields.slug,
    section_id: fields.sectionId,
    work_type: fields.workType,
    dateline: fields.dateline || null,
    hero_media_id: fields.heroMediaId,
    body: JSON.stringify(fields.body),
  };
}

export async function writeRelations(
  trx: Kysely<Database>,
  id: number,
  fields: ArticleFields,
): Promise<ArticleFields> {
  const tags = await resolveTags(trx, fields.tags);
  await replaceAuthors(trx, id, fields.authorIds);
  await replaceTags(trx, id, tags.ids);
  // The media library lists, for each image, the articles that use it.
  // The social image is not recorded here: the library reads it from the article's own column.
  await setArticleMedia(trx, id, { hero: fields.heroMediaId, body: mediaIdsOf(fields.body) });
  return { ...fields, tags: tags.names };
}

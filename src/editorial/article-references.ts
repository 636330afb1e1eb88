// What a save's fields point at must exist, and its slug must be free: not another article's, and not an old
// address that still leads readers to another article. A new article without a slug gets a free one.
import type { Kysely } from 'kysely';
import { Invalid } from '../http/errors.js';
import { findMediaByIds } from '../media/media.js';
import type { Database } from '../storage/schema.js';
import type { ArticleFields } from './fields.js';
import { countExisting, selectArticleBySlug } from './queries/articles.js';
import { selectRedirect } from './queries/old-slugs.js';
import { slugify } from './slug.js';

/** A slug nobody uses and that does not lead elsewhere: the headline's, then -2, -3… */
export async function freeSlug(db: Kysely<Database>, headline: string): Promise<string> {
  const base = slugify(headline) || 'article';
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
    if (!(await selectArticleBySlug(db, slug)) && !(await selectRedirect(db, slug))) return slug;
  }
  throw new Invalid('Please choose a slug.', { slug: 'Every slug made from this headline is taken.' });
}

/** Checks what the fields point at exists, and that the slug is this article's to take. */
export async function checkReferences(db: Kysely<Database>, fields: ArticleFields, articleId: number | null) {
  const problems: Record<string, string> = {};
  const [taken, redirect, sections, authors, media] = await Promise.all([
    selectArticleBySlug(db, fields.slug),
    selectRedirect(db, fields.slug),
    countExisting(db, 'sections', fields.sectionId ? [fields.sectionId] : []),
    countExisting(db, 'authors', fields.authorIds),
    findMediaByIds(
      db,
      [fields.heroMediaId, fields.socialImageId].filter((id): id is number => id !== null),
    ),
  ]);
  if (taken && taken.id !== articleId) {
    problems.slug = `Another article already uses this slug: “${taken.headline}”. Choose another.`;
  } else if (redirect && redirect.article_id !== articleId) {
    problems.slug =
      'This slug used to belong to another article and still leads readers there. Choose another.';
  }
  if (fields.sectionId && sections === 0)
    problems.sectionId = 'That section no longer exists. Choose another.';
  if (authors !== fields.authorIds.length) problems.authorIds = 'One of the authors no longer exists.';
  if (fields.heroMediaId && !media.has(fields.heroMediaId))
    problems.heroMediaId = 'That image is not in the library.';
  if (fields.socialImageId && !media.has(fields.socialImageId))
    problems.socialImageId = 'That image is not in the library. Choose the social image from the library.';
  if (Object.keys(problems).length > 0) {
    throw new Invalid(
      'The article was not saved. Please correct the marked fields; what you typed is kept.',
      problems,
    );
  }
}

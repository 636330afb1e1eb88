// Writing and saving articles: create a draft, save it (every save a revision), refuse a save based on an
// old version (nothing is overwritten silently), and keep a 301 from every slug a published article had.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../admin/guardian.js';
import { listedArticle } from '../articles/listed-article.js';
import { mediaIdsOf } from '../articles/render/document.js';
import { Conflict, Invalid } from '../http/errors.js';
import { setArticleMedia } from '../media/admin/usage.js';
import { findMediaByIds } from '../media/media.js';
import type { Database } from '../storage/schema.js';
import { announceListed } from './announce.js';
import {
  type EditableArticle,
  type EditorialDeps,
  loadArticle,
  loadForEditing,
  type RevisionKind,
  staffName,
} from './editable.js';
import { type ArticleFields, sameFields, slugify } from './fields.js';
import * as q from './queries.js';
import { requireStillPublishable } from './workflow.js';

/** A save based on an older version than the one stored: carries the newer one so the editor can compare. */
export class StaleSave extends Conflict {
  constructor(
    readonly current: EditableArticle,
    readonly savedByName: string | null,
    /** The newer version came from this same account: another tab or window, not a colleague. */
    readonly savedByYou: boolean,
  ) {
    super(
      `${
        savedByYou
          ? 'You saved a newer version of this article in another tab or window.'
          : `Someone else saved this article while you were editing${savedByName ? ` (${savedByName})` : ''}.`
      } Your changes were not saved, and your text is kept. Compare it with the newer version, then load ` +
        'the newer version or save yours over it.',
    );
  }
}

async function staleSave(db: Kysely<Database>, actor: StaffMember, newer: EditableArticle) {
  return new StaleSave(newer, await staffName(db, newer.savedBy), newer.savedBy === actor.id);
}

/** A slug nobody uses and that does not lead elsewhere: the headline's, then -2, -3… */
async function freeSlug(db: Kysely<Database>, headline: string): Promise<string> {
  const base = slugify(headline) || 'article';
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
    if (!(await q.selectArticleBySlug(db, slug)) && !(await q.selectRedirect(db, slug))) return slug;
  }
  throw new Invalid('Please choose a slug.', { slug: 'Every slug made from this headline is taken.' });
}

/** Checks what the fields point at exists, and that the slug is this article's to take. */
async function checkReferences(db: Kysely<Database>, fields: ArticleFields, articleId: number | null) {
  const problems: Record<string, string> = {};
  const [taken, redirect, sections, authors, media] = await Promise.all([
    q.selectArticleBySlug(db, fields.slug),
    q.selectRedirect(db, fields.slug),
    q.countExisting(db, 'sections', fields.sectionId ? [fields.sectionId] : []),
    q.countExisting(db, 'authors', fields.authorIds),
    findMediaByIds(db, fields.heroMediaId ? [fields.heroMediaId] : []),
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
  if (fields.heroMediaId && media.size === 0) problems.heroMediaId = 'That image is not in the library.';
  if (Object.keys(problems).length > 0) {
    throw new Invalid(
      'The article was not saved. Please correct the marked fields; what you typed is kept.',
      problems,
    );
  }
}

/** The tag ids for names, creating tags not seen before; names come back as the library spells them. */
async function resolveTags(db: Kysely<Database>, names: string[]) {
  const wanted = names.map((name) => ({ name, slug: slugify(name) }));
  const unique = wanted.filter((t, i) => wanted.findIndex((u) => u.slug === t.slug) === i);
  const existing = await q.selectTagsBySlug(
    db,
    unique.map((t) => t.slug),
  );
  await q.insertTags(
    db,
    unique.filter((t) => !existing.some((e) => e.slug === t.slug)),
  );
  const rows = await q.selectTagsBySlug(
    db,
    unique.map((t) => t.slug),
  );
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const tags = unique.map((t) => bySlug.get(t.slug)!);
  return { ids: tags.map((t) => t.id), names: tags.map((t) => t.name) };
}

function columnsOf(fields: ArticleFields) {
  return {
    headline: fields.headline,
    seo_headline: fields.seoHeadline || null,
    social_headline: fields.socialHeadline || null,
    dek: fields.dek,
    slug: fields.slug,
    section_id: fields.sectionId,
    work_type: fields.workType,
    dateline: fields.dateline || null,
    hero_media_id: fields.heroMediaId,
    body: JSON.stringify(fields.body),
  };
}

async function writeRelations(
  trx: Kysely<Database>,
  id: number,
  fields: ArticleFields,
): Promise<ArticleFields> {
  const tags = await resolveTags(trx, fields.tags);
  await q.replaceAuthors(trx, id, fields.authorIds);
  await q.replaceTags(trx, id, tags.ids);
  // The media library lists, for each image, the articles that use it.
  await setArticleMedia(trx, id, { hero: fields.heroMediaId, body: mediaIdsOf(fields.body) });
  return { ...fields, tags: tags.names };
}

/** A new draft, created by `actor`; its first revision is version 1. */
export async function createArticle(
  db: Kysely<Database>,
  actor: StaffMember,
  input: ArticleFields,
  kind: RevisionKind,
  now: Date,
): Promise<EditableArticle> {
  const fields: ArticleFields = {
    ...input,
    slug: input.slug || (await freeSlug(db, input.headline)),
    // A contributor with a byline writes as themselves unless they chose otherwise.
    authorIds: input.authorIds.length > 0 || actor.authorId === null ? input.authorIds : [actor.authorId],
  };
  await checkReferences(db, fields, null);
  const at = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const id = await q.insertArticle(trx, {
      ...columnsOf(fields),
      status: 'draft',
      published_at: null,
      updated_at: null,
      scheduled_at: null,
      created_at: at,
      modified_at: at,
      created_by: actor.id,
      saved_by: actor.id,
      saved_at: at,
    });
    const saved = await writeRelations(trx, id, fields);
    await q.insertRevision(trx, {
      article_id: id,
      version: 1,
      fields: JSON.stringify(saved),
      kind,
      created_by: actor.id,
      created_at: at,
    });
    return id;
  });
  return loadArticle(db, id);
}

export interface SaveOptions {
  /** The version the editor started from; a newer one stored means someone else saved meanwhile. */
  baseVersion: number;
  kind: RevisionKind;
  now: Date;
}

export interface SaveResult {
  article: EditableArticle;
  /** False when nothing differed from the stored version: no revision is made. */
  saved: boolean;
}

/** Saves the fields as a new version, or throws StaleSave when `baseVersion` is not the stored one. */
export async function saveArticle(
  deps: EditorialDeps,
  actor: StaffMember,
  id: number,
  input: ArticleFields,
  options: SaveOptions,
): Promise<SaveResult> {
  const { db } = deps;
  const current = await loadForEditing(db, actor, id);
  const fields: ArticleFields = {
    ...input,
    // Cleared, the slug stays what it was: an address is never changed by accident.
    slug: input.slug || current.fields.slug,
  };
  // Saving exactly what is stored changes nothing, whatever version it started from (a save sent as a tab
  // closed may land just after the reopened page loaded).
  if (sameFields(fields, current.fields)) return { article: current, saved: false };
  if (options.baseVersion !== current.version) throw await staleSave(db, actor, current);
  if (options.kind === 'autosave' && current.status === 'published') {
    // A published story changes only when someone presses Update, never half-typed by a timer.
    throw new Invalid(
      'Published articles are not saved automatically. Press Update to publish your changes.',
    );
  }
  if (options.kind === 'autosave' && current.status === 'scheduled') {
    // What is saved is what goes out at the set time, so nothing half-typed is saved by a timer either.
    throw new Invalid(
      'Scheduled articles are not saved automatically: what is saved is what will be published. ' +
        'Press Save to keep your changes.',
    );
  }
  await checkReferences(db, fields, id);
  await requireStillPublishable(deps, current, fields, options.now);

  const at = options.now.toISOString();
  const oldSlug = current.fields.slug;
  const listedBefore = await listedArticle(db, id);
  const stale = await db.transaction().execute(async (trx) => {
    const updated = await q.updateArticleAtVersion(trx, id, options.baseVersion, {
      ...columnsOf(fields),
      modified_at: at,
      saved_by: actor.id,
      saved_at: at,
    });
    // Someone saved between our read and this write: the version check in the UPDATE caught it.
    if (!updated) return true;
    // An article from before revisions were kept gets its state before this save as a revision, so the
    // first edit can be compared and undone like any other.
    if (!(await q.selectRevision(trx, id, current.version))) {
      await q.insertRevision(trx, {
        article_id: id,
        version: current.version,
        fields: JSON.stringify(current.fields),
        kind: 'manual',
        created_by: current.savedBy,
        created_at: current.savedAt ?? current.modifiedAt,
      });
    }
    const saved = await writeRelations(trx, id, fields);
    await q.insertRevision(trx, {
      article_id: id,
      version: options.baseVersion + 1,
      fields: JSON.stringify(saved),
      kind: options.kind,
      created_by: actor.id,
      created_at: at,
    });
    if (fields.slug !== oldSlug) {
      await q.deleteRedirect(trx, fields.slug, id);
      // Links to a story readers have seen must keep working; a never-published draft had no readers.
      if (current.publishedAt) await q.insertRedirect(trx, oldSlug, id, at);
    }
    return false;
  });
  if (stale) throw await staleSave(db, actor, await loadArticle(db, id));
  if (current.status === 'published') {
    await announceListed(deps, [id], [listedBefore]);
  }
  return { article: await loadArticle(db, id), saved: true };
}

/** Where a reader following an old slug should go: the article's current slug, if it is published. */
export function currentSlugFor(db: Kysely<Database>, oldSlug: string): Promise<string | null> {
  return q.selectRedirectTarget(db, oldSlug);
}

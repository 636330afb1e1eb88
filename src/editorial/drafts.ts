// Writing and saving articles: create a draft, save it (every save a revision), refuse a save based on an
// old version (StaleSave: nothing is overwritten silently), and keep a 301 from every slug a published
// article had.
import type { Kysely } from 'kysely';
import { listedArticle } from '../articles/listed-article.js';
import { Invalid } from '../http/errors.js';
import { indexArticle } from '../search/search-index.js';
import type { Database } from '../storage/schema.js';
import { announceListed } from './announce.js';
import { checkReferences, freeSlug } from './article-references.js';
import { columnsOf, writeRelations } from './article-relations.js';
import { requireAllowedByline } from './byline-rule.js';
import {
  type Actor,
  type EditableArticle,
  type EditorialDeps,
  loadArticle,
  loadForEditing,
  type RevisionKind,
} from './editable.js';
import { type ArticleFields, sameFields } from './fields.js';
import { requireStillPublishable } from './publish-readiness.js';
import { insertArticle, updateArticleAtVersion } from './queries/articles.js';
import { deleteRedirect, insertRedirect } from './queries/old-slugs.js';
import { insertRevision, selectRevision } from './queries/revisions.js';
import { staleSave } from './stale-save.js';
import { queueArticleEvent } from './webhook-events.js';

/** A new draft, created by `actor`; its first revision is version 1. */
export async function createArticle(
  db: Kysely<Database>,
  actor: Actor,
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
  requireAllowedByline(actor, fields.authorIds);
  await checkReferences(db, fields, null);
  const at = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertArticle(trx, {
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
    await insertRevision(trx, {
      article_id: id,
      version: 1,
      fields: JSON.stringify(saved),
      kind,
      created_by: actor.id,
      created_at: at,
      via: actor.via ?? null,
    });
    await indexArticle(trx, id);
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
  actor: Actor,
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
  requireAllowedByline(actor, fields.authorIds, current.fields.authorIds);
  await checkReferences(db, fields, id);
  await requireStillPublishable(deps, current, fields, options.now);

  const at = options.now.toISOString();
  const oldSlug = current.fields.slug;
  const listedBefore = await listedArticle(db, id);
  const stale = await db.transaction().execute(async (trx) => {
    const updated = await updateArticleAtVersion(trx, id, options.baseVersion, {
      ...columnsOf(fields),
      modified_at: at,
      saved_by: actor.id,
      saved_at: at,
    });
    // Someone saved between our read and this write: the version check in the UPDATE caught it.
    if (!updated) return true;
    // An article from before revisions were kept gets its state before this save as a revision, so the
    // first edit can be compared and undone like any other.
    if (!(await selectRevision(trx, id, current.version))) {
      await insertRevision(trx, {
        article_id: id,
        version: current.version,
        fields: JSON.stringify(current.fields),
        kind: 'manual',
        created_by: current.savedBy,
        created_at: current.savedAt ?? current.modifiedAt,
      });
    }
    const saved = await writeRelations(trx, id, fields);
    await insertRevision(trx, {
      article_id: id,
      version: options.baseVersion + 1,
      fields: JSON.stringify(saved),
      kind: options.kind,
      created_by: actor.id,
      created_at: at,
      via: actor.via ?? null,
    });
    if (fields.slug !== oldSlug) {
      await deleteRedirect(trx, fields.slug, id);
      // Links to a story readers have seen must keep working; a never-published draft had no readers.
      if (current.publishedAt) await insertRedirect(trx, oldSlug, id, at);
    }
    if (current.status === 'published') await queueArticleEvent(trx, 'article.updated', id, options.now);
    // The index changes with the words, in the same transaction: a search never finds what was replaced.
    await indexArticle(trx, id);
    return false;
  });
  if (stale) throw await staleSave(db, actor, await loadArticle(db, id));
  if (current.status === 'published') {
    await announceListed(deps, [id], [listedBefore]);
  }
  return { article: await loadArticle(db, id), saved: true };
}

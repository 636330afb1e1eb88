// The trash: a never-published article can be thrown away (its slug free at once), restored within 30 days,
// or deleted for good, by hand or by the purge when its days are up. A published one can only be unpublished:
// readers, feeds and search engines have seen its address, and its history (corrections) must stay.
import type { Kysely } from 'kysely';
import { canDeleteTrashedArticle, canTrashArticle } from '../admin/guardian.js';
import { deleteCommentsOfArticle } from '../comments/article-deletion.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.js';
import { setArticleMedia } from '../media/admin/usage.js';
import { indexArticle } from '../search/search-index.js';
import type { Database } from '../storage/schema.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';
import { freeSlug } from './article-references.js';
import { type Actor, type EditorialDeps, loadArticle } from './editable.js';
import { insertActivity } from './queries/activity.js';
import {
  claimTrashed,
  deleteArticleRows,
  moveToTrash,
  selectExpiredTrash,
  selectForRestore,
  selectTrashList,
  takeOutOfTrash,
  wasEverPublished,
} from './queries/trash.js';

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When an article trashed at `trashedAt` is deleted for good. */
export function goneForGoodAt(trashedAt: string): Date {
  return new Date(new Date(trashedAt).getTime() + TRASH_DAYS * DAY_MS);
}

export const PUBLISHED_REFUSAL =
  'This article has been published, so it cannot go to the trash: readers may have its address. ' +
  'Unpublish it instead.';

/** The step written to the article's history (its Workflow table) with the move itself. */
function historyStep(actor: Actor, id: number, action: 'trashed' | 'restored', now: Date) {
  return {
    article_id: id,
    action,
    staff_id: actor.id,
    via: actor.via ?? null,
    created_at: now.toISOString(),
  };
}

/** Moves a never-published article to the trash: hidden everywhere, its slug free for a new article. */
export async function trashArticle(deps: EditorialDeps, actor: Actor, id: number, now: Date): Promise<void> {
  const article = await loadArticle(deps.db, id);
  if (!canTrashArticle(actor, article)) {
    throw new Forbidden(
      article.createdBy === actor.id
        ? 'Only editors can move an article to the trash once it has been submitted.'
        : 'Contributors can move only their own drafts to the trash.',
    );
  }
  if (await wasEverPublished(deps.db, id)) throw new Invalid(PUBLISHED_REFUSAL);
  const moved = await deps.db.transaction().execute(async (trx) => {
    if (!(await moveToTrash(trx, id, article.version, now.toISOString()))) return false;
    // Out of the index in the same transaction: no search, the newsroom's included, finds it from now on.
    await indexArticle(trx, id);
    await insertActivity(trx, historyStep(actor, id, 'trashed', now));
    return true;
  });
  if (!moved) {
    throw new Conflict('The article changed while it was being moved to the trash. Reload it and try again.');
  }
}

export interface Restored {
  id: number;
  slug: string;
  /** The slug it had when it was trashed, when another article took it meanwhile. */
  lostSlug: string | null;
}

/** Back out of the trash as a draft; under a new slug when its old one was taken meanwhile. */
export async function restoreArticle(
  deps: EditorialDeps,
  actor: Actor,
  id: number,
  now: Date,
): Promise<Restored> {
  const row = await selectForRestore(deps.db, id);
  if (!row) throw new NotFound('There is no such article.');
  // Whose it is comes first: someone else's article is refused whether it is in the trash or not.
  if (!canTrashArticle(actor, { createdBy: row.created_by, status: row.status }))
    throw new Forbidden('Contributors can restore only their own drafts.');
  if (row.trashed_at === null) throw new NotFound('That article is not in the trash.');
  const wanted = row.trashed_slug ?? '';
  // freeSlug tries the slug itself first (a slug is its own slugified form), then "-2", "-3"…
  const slug = await freeSlug(deps.db, wanted || row.headline);
  const restored = await deps.db.transaction().execute(async (trx) => {
    if (!(await takeOutOfTrash(trx, id, slug, now.toISOString()))) return false;
    await indexArticle(trx, id);
    await insertActivity(trx, historyStep(actor, id, 'restored', now));
    return true;
  });
  if (!restored) throw new NotFound('That article is not in the trash.');
  return { id, slug, lostSlug: wanted !== '' && wanted !== slug ? wanted : null };
}

/**
 * Deletes a claimed article for good with everything that hangs off it, and tells webhook receivers, in the
 * caller's transaction: either all of it happens or none.
 */
async function deleteForGood(trx: Kysely<Database>, id: number, now: Date): Promise<void> {
  await deleteCommentsOfArticle(trx, id);
  await setArticleMedia(trx, id, { hero: null, body: [] });
  await deleteArticleRows(trx, id);
  await indexArticle(trx, id);
  await enqueueWebhookEvent(trx, 'article.deleted', { id, deletedAt: now.toISOString() }, now);
}

/** "Delete permanently" on the trash screen: editors and admins, trashed articles only. */
export async function deleteTrashedArticle(deps: EditorialDeps, actor: Actor, id: number, now: Date) {
  if (!canDeleteTrashedArticle(actor)) throw new Forbidden('Only editors and admins can delete articles.');
  const deleted = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimTrashed(trx, id, null))) return false;
    await deleteForGood(trx, id, now);
    return true;
  });
  if (!deleted) throw new NotFound('That article is not in the trash: only trashed articles can be deleted.');
}

const PURGE_BATCH = 100;

/**
 * Deletes for good every article trashed more than TRASH_DAYS before `now`, one transaction each; returns how
 * many. Safe beside another machine doing the same: each is claimed under its row lock, so each is deleted,
 * and its event queued, once.
 */
export async function purgeExpiredTrash(db: Kysely<Database>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - TRASH_DAYS * DAY_MS).toISOString();
  let purged = 0;
  for (;;) {
    const ids = await selectExpiredTrash(db, cutoff, PURGE_BATCH);
    for (const id of ids) {
      const deleted = await db.transaction().execute(async (trx) => {
        if (!(await claimTrashed(trx, id, cutoff))) return false;
        await deleteForGood(trx, id, now);
        return true;
      });
      if (deleted) purged++;
    }
    if (ids.length < PURGE_BATCH) return purged;
  }
}

export interface TrashedArticle {
  id: number;
  headline: string;
  slug: string;
  trashedAt: string;
  goneAt: string;
  mayRestore: boolean;
  mayDelete: boolean;
}

/** The trash as this person sees it: editors everything, a contributor what they created. */
export async function listTrash(db: Kysely<Database>, actor: Actor): Promise<TrashedArticle[]> {
  const mayDelete = canDeleteTrashedArticle(actor);
  const rows = await selectTrashList(db, mayDelete ? null : actor.id);
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    slug: r.trashed_slug ?? '',
    trashedAt: r.trashed_at!,
    goneAt: goneForGoodAt(r.trashed_at!).toISOString(),
    mayRestore: canTrashArticle(actor, { createdBy: r.created_by, status: r.status }),
    mayDelete,
  }));
}

// Returning a submitted article to its writer with notes: the editor's step (back to draft, the notes kept
// on the step), who is told (the article's creator and the staff it bylines), the notice the writer sees
// in the editor until they submit again, and the list of what came back to them.
import type { Kysely } from 'kysely';
import { canReturnToWriter, type StaffMember } from '../admin/guardian.js';
import { listStaff, type StaffListItem } from '../admin/staff/staff.js';
import { Conflict, Forbidden, Invalid } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { STATUS_LABELS } from './article-status.js';
import { type Actor, type EditableArticle, type EditorialDeps, loadArticle, staffName } from './editable.js';
import { updateStatus } from './queries/articles.js';
import {
  countUnreadReturnsFor,
  insertNotices,
  insertReturnStep,
  markNoticesSeen,
  selectOpenReturn,
  selectOpenReturnsFor,
} from './queries/review-returns.js';

/** Long enough for a page of notes; a longer text belongs in a shared document linked from them. */
export const RETURN_NOTE_MAX = 5000;

/** The notes as typed, checked: required, and not past the limit. Throws Invalid naming the field. */
export function readReturnNote(input: unknown): string {
  const note = typeof input === 'string' ? input.replace(/\r\n/g, '\n').trim() : '';
  if (note === '') {
    throw new Invalid('The article was not returned: tell the writer what to change.', {
      returnNote: 'Write the notes for the writer.',
    });
  }
  if (note.length > RETURN_NOTE_MAX) {
    throw new Invalid('The article was not returned: the notes are too long.', {
      returnNote: `Notes may be at most ${RETURN_NOTE_MAX} characters; these are ${note.length}.`,
    });
  }
  return note;
}

export interface ReturnedArticle {
  article: EditableArticle;
  note: string;
  editorName: string;
  /** Who was told: active staff who created or are bylined on the article, the editor excepted. */
  writers: StaffListItem[];
}

/** The article's writers: its creator, and the staff who write as one of its bylined authors. */
function writersOf(staff: StaffListItem[], article: EditableArticle, editor: StaffMember): StaffListItem[] {
  const authorIds = article.fields.authorIds;
  return staff.filter(
    (s) =>
      s.disabledAt === null &&
      s.id !== editor.id &&
      (s.id === article.createdBy || (s.authorId !== null && authorIds.includes(s.authorId))),
  );
}

/**
 * Back to draft with the editor's notes; the writers get a notice (mail is the caller's, after this commits).
 * The notes are checked here (readReturnNote), so no caller can return an article without them. Refused in
 * this order: who may (Forbidden), which article (NotFound), the notes (Invalid), then its status (Conflict:
 * the request is fine, the article is not in review, or stopped being so meanwhile).
 */
export async function returnToWriter(
  deps: EditorialDeps,
  actor: Actor,
  id: number,
  typedNote: unknown,
  now: Date,
): Promise<ReturnedArticle> {
  if (!canReturnToWriter(actor))
    throw new Forbidden('Only editors and admins may return an article to its writer.');
  const article = await loadArticle(deps.db, id);
  const note = readReturnNote(typedNote);
  const refuse = (status: EditableArticle['status']) =>
    new Conflict(
      `Only an article in review can be returned to its writer; this one is ${STATUS_LABELS[status].toLowerCase()}.`,
    );
  if (article.status !== 'review') throw refuse(article.status);
  const writers = writersOf(await listStaff(deps.db), article, actor);
  const at = now.toISOString();
  const moved = await deps.db.transaction().execute(async (trx) => {
    // Only from review: a writer who took it back meanwhile, or an editor who published it, wins.
    if (!(await updateStatus(trx, id, ['review'], { status: 'draft', modified_at: at }))) return false;
    const stepId = await insertReturnStep(trx, {
      articleId: id,
      staffId: actor.id,
      via: actor.via ?? null,
      note,
      at,
    });
    await insertNotices(
      trx,
      stepId,
      writers.map((w) => w.id),
    );
    return true;
  });
  if (!moved) throw refuse((await loadArticle(deps.db, id)).status);
  return { article, note, editorName: actor.name, writers };
}

export interface ReturnNotice {
  by: string | null;
  at: string;
  note: string;
}

/** The notes on a draft returned and not yet submitted again, for the top of its editor; null if none. */
export async function openReturnNotice(
  db: Kysely<Database>,
  articleId: number,
): Promise<ReturnNotice | null> {
  const row = await selectOpenReturn(db, articleId);
  if (!row || row.note === null) return null;
  return { by: await staffName(db, row.staff_id), at: row.created_at, note: row.note };
}

/** This writer opened the article: what came back to them about it is read. */
export function markReturnSeen(db: Kysely<Database>, staffId: number, articleId: number, now: Date) {
  return markNoticesSeen(db, staffId, articleId, now.toISOString());
}

export interface ReturnedToYou {
  articleId: number;
  headline: string;
  by: string | null;
  at: string;
  unread: boolean;
}

/** The articles returned to this writer that wait for them (not submitted again), newest first. */
export async function returnedTo(
  db: Kysely<Database>,
  staffId: number,
  limit = 20,
): Promise<ReturnedToYou[]> {
  const [rows, staff] = await Promise.all([selectOpenReturnsFor(db, staffId, limit), listStaff(db)]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    articleId: r.article_id,
    headline: r.headline,
    by: r.staff_id === null ? null : (names.get(r.staff_id) ?? null),
    at: r.created_at,
    unread: r.seen_at === null,
  }));
}

/** The returns waiting for this writer that they have not opened yet: the count beside their name on every newsroom page. */
export function unreadReturnCount(db: Kysely<Database>, staffId: number): Promise<number> {
  return countUnreadReturnsFor(db, staffId);
}

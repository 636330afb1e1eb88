// Revisions: every save is kept whole; any two can be compared field by field (field-diff.ts), and any one
// restored with a click: a draft's is saved again as a new revision, a published story's is only loaded into
// the editor, since readers get a change only when someone presses Update.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../admin/guardian.js';
import { listStaff } from '../admin/staff/staff.js';
import { NotFound } from '../http/errors.js';
import type { ArticleActivityTable, Database } from '../storage/schema.js';
import { saveArticle } from './drafts.js';
import {
  type EditableArticle,
  type EditorialDeps,
  loadForEditing,
  loadForViewing,
  type RevisionKind,
} from './editable.js';
import { diffFields } from './field-diff.js';
import { fieldNames } from './field-names.js';
import { type ArticleFields, SEO_DEFAULTS } from './fields.js';
import { selectActivity } from './queries/activity.js';
import { selectRevision, selectRevisions } from './queries/revisions.js';

export interface RevisionSummary {
  version: number;
  kind: RevisionKind;
  savedBy: string | null;
  savedAt: string;
  /** The admin API token the save came through; null from the editor. */
  via: string | null;
}

/** A workflow step taken on the article (publish, schedule…), with who took it and through what. */
export interface ActivitySummary {
  action: ArticleActivityTable['action'];
  by: string | null;
  via: string | null;
  at: string;
  /** The editor's notes when the step returned the article to its writer; null otherwise. */
  note: string | null;
}

export async function listRevisions(db: Kysely<Database>, actor: StaffMember, articleId: number) {
  const article = await loadForViewing(db, actor, articleId);
  const [rows, steps, staff] = await Promise.all([
    selectRevisions(db, articleId),
    selectActivity(db, articleId),
    listStaff(db),
  ]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  const revisions: RevisionSummary[] = rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    savedBy: nameOf(r.created_by),
    savedAt: r.created_at,
    via: r.via,
  }));
  const activity: ActivitySummary[] = steps.map((a) => ({
    action: a.action,
    by: nameOf(a.staff_id),
    via: a.via,
    at: a.created_at,
    note: a.note,
  }));
  return { article, revisions, activity };
}

export async function revisionFields(
  db: Kysely<Database>,
  articleId: number,
  version: number,
): Promise<ArticleFields> {
  const row = await selectRevision(db, articleId, version);
  if (!row) throw new NotFound(`There is no version ${version} of this article.`);
  return { ...SEO_DEFAULTS, ...(JSON.parse(row.fields) as ArticleFields) };
}

export async function compareRevisions(
  db: Kysely<Database>,
  actor: StaffMember,
  articleId: number,
  from: number,
  to: number,
) {
  const { article, revisions } = await listRevisions(db, actor, articleId);
  const [older, newer] = await Promise.all([
    revisionFields(db, articleId, from),
    revisionFields(db, articleId, to),
  ]);
  const names = await fieldNames(db, [older, newer]);
  return {
    article,
    from: revisions.find((r) => r.version === from)!,
    to: revisions.find((r) => r.version === to)!,
    changes: await diffFields(older, newer, names),
  };
}

export type RestoreOutcome =
  | { pending: false; article: EditableArticle; saved: boolean }
  | { pending: true; article: EditableArticle };

/**
 * Saves an old revision's fields as the newest version (the versions in between stay in the history), except
 * on a published story: there it changes nothing, and the caller shows the fields as the change to Update.
 */
export async function restoreRevision(
  deps: EditorialDeps,
  actor: StaffMember,
  articleId: number,
  version: number,
  now: Date,
): Promise<RestoreOutcome> {
  const current = await loadForEditing(deps.db, actor, articleId);
  const fields = await revisionFields(deps.db, articleId, version);
  if (current.status === 'published') return { pending: true, article: current };
  const result = await saveArticle(deps, actor, articleId, fields, {
    baseVersion: current.version,
    kind: 'restore',
    now,
  });
  return { pending: false, ...result };
}

/** An old revision as the pending change to a story: its fields, and the names of those differing from it. */
export async function pendingRestore(
  db: Kysely<Database>,
  article: EditableArticle,
  version: number,
): Promise<{ fields: ArticleFields; changed: string[] }> {
  const fields = await revisionFields(db, article.id, version);
  const names = await fieldNames(db, [article.fields, fields]);
  const changes = await diffFields(article.fields, fields, names);
  return { fields, changed: changes.map((c) => c.label) };
}

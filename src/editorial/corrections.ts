// Corrections, clarifications and updates appended to a published article, each placed by its weight: a
// major note tells readers before they read on (top), a minor one sits after the story (bottom). A note is
// never deleted; withdrawing one keeps it, with who withdrew it and when.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canAddCorrection, canWithdrawCorrection, type StaffMember } from '../admin/guardian.js';
import { listStaff } from '../admin/staff/staff.js';
import type { CorrectionNotice } from '../articles/model.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { parseOrInvalid } from '../http/validation.js';
import type { CorrectionsTable, Database } from '../storage/schema.js';
import { announceCorrection } from './announce.js';
import { type EditorialDeps, loadArticle } from './editable.js';
import { touchArticle } from './queries/articles.js';
import {
  insertCorrection,
  markWithdrawn,
  selectCorrection,
  selectCorrectionsOf,
} from './queries/corrections.js';
import { queueCorrectionAdded } from './webhook-events.js';

export type CorrectionKind = CorrectionsTable['kind'];
export type Placement = CorrectionsTable['placement'];

export const CORRECTION_KINDS: readonly CorrectionKind[] = ['correction', 'clarification', 'update'];
export { NOTICE_LABELS as KIND_LABELS } from '../articles/model.js';
export type Weight = 'major' | 'minor';
export const WEIGHTS: readonly Weight[] = ['major', 'minor'];
export const WEIGHT_PLACEMENT: Record<Weight, Placement> = { major: 'top', minor: 'bottom' };
/**
 * A note's weight when the editor does not choose one: an error or an ambiguity changes how the story should
 * be read, so readers meet it first; an update adds to the story, so it follows it.
 */
export const DEFAULT_WEIGHT: Record<CorrectionKind, Weight> = {
  correction: 'major',
  clarification: 'major',
  update: 'minor',
};

export interface Correction {
  id: number;
  articleId: number;
  kind: CorrectionKind;
  text: string;
  placement: Placement;
  publishedAt: string;
  createdBy: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

const inputSchema = z.object({
  kind: z.enum(CORRECTION_KINDS as [CorrectionKind, ...CorrectionKind[]], {
    message: 'Choose correction, clarification or update.',
  }),
  text: z
    .string({ message: 'Write the note.' })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'Write the note.')
    .refine((s) => s.length <= 2000, 'The note must be at most 2000 characters.'),
  // '' (or absent): the kind's usual weight.
  weight: z
    .union([z.literal(''), z.enum(WEIGHTS as [Weight, ...Weight[]])], {
      message: 'Choose major (at the top) or minor (at the bottom).',
    })
    .optional(),
});

export async function addCorrection(
  deps: EditorialDeps,
  actor: StaffMember,
  articleId: number,
  input: { kind: unknown; text: unknown; weight?: unknown },
  now: Date,
): Promise<number> {
  if (!canAddCorrection(actor)) throw new Forbidden('Only editors and admins may add corrections.');
  const note = parseOrInvalid(inputSchema, input, 'The note was not added.');
  const article = await loadArticle(deps.db, articleId);
  if (article.status !== 'published') {
    throw new Invalid('Corrections are for published articles; change a draft directly instead.');
  }
  const at = now.toISOString();
  const id = await deps.db.transaction().execute(async (trx) => {
    const placement = WEIGHT_PLACEMENT[note.weight || DEFAULT_WEIGHT[note.kind]];
    const id = await insertCorrection(trx, {
      article_id: articleId,
      kind: note.kind,
      text: note.text,
      placement,
      published_at: at,
      created_by: actor.id,
      withdrawn_at: null,
      withdrawn_by: null,
    });
    // Readers see "Updated" and search engines a new dateModified: the story changed materially.
    await touchArticle(trx, articleId, { updated_at: at, modified_at: at });
    await queueCorrectionAdded(trx, { id, articleId, kind: note.kind, text: note.text, placement }, now);
    return id;
  });
  await announceCorrection(deps, articleId);
  return id;
}

export async function withdrawCorrection(
  deps: EditorialDeps,
  actor: StaffMember,
  correctionId: number,
  now: Date,
) {
  if (!canWithdrawCorrection(actor)) throw new Forbidden('Only editors and admins may withdraw corrections.');
  const row = await selectCorrection(deps.db, correctionId);
  if (!row) throw new NotFound('There is no such correction.');
  const at = now.toISOString();
  const withdrawn = await deps.db.transaction().execute(async (trx) => {
    if (!(await markWithdrawn(trx, correctionId, actor.id, at))) return false;
    await touchArticle(trx, row.article_id, { modified_at: at });
    return true;
  });
  if (!withdrawn) throw new Invalid('This note was already withdrawn.');
  await announceCorrection(deps, row.article_id);
  return row.article_id;
}

/** Every note of an article, withdrawn ones included, oldest first: the newsroom's history. */
export async function listCorrections(db: Kysely<Database>, articleId: number): Promise<Correction[]> {
  const [rows, staff] = await Promise.all([selectCorrectionsOf(db, articleId), listStaff(db)]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    text: r.text,
    placement: r.placement,
    publishedAt: r.published_at,
    createdBy: name(r.created_by),
    withdrawnAt: r.withdrawn_at,
    withdrawnBy: name(r.withdrawn_by),
  }));
}

/** The notes readers see on the article: not withdrawn, oldest first. */
export async function activeNotices(db: Kysely<Database>, articleId: number): Promise<CorrectionNotice[]> {
  const rows = await selectCorrectionsOf(db, articleId);
  return rows
    .filter((r) => r.withdrawn_at === null)
    .map((r) => ({ kind: r.kind, text: r.text, publishedAt: r.published_at, placement: r.placement }));
}

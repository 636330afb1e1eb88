// What the editor page says about review: when a submitted article was submitted (to its writer, who reads
// it while it waits), and an editor's notes on a draft returned to its writer, which opening it marks read.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../admin/guardian.js';
import type { Database } from '../storage/schema.js';
import type { EditableArticle } from './editable.js';
import { selectLastSubmittedAt } from './queries/review-returns.js';
import { markReturnSeen, openReturnNotice, type ReturnNotice } from './review-returns.js';

export interface ReviewState {
  submittedAt: string | null;
  returned: ReturnNotice | null;
}

export async function reviewState(
  db: Kysely<Database>,
  me: StaffMember,
  article: EditableArticle,
  now: Date,
): Promise<ReviewState> {
  if (article.status === 'review')
    return { submittedAt: await selectLastSubmittedAt(db, article.id), returned: null };
  if (article.status !== 'draft') return { submittedAt: null, returned: null };
  const returned = await openReturnNotice(db, article.id);
  if (returned) await markReturnSeen(db, me.id, article.id, now);
  return { submittedAt: null, returned };
}

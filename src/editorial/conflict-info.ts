// What the edit page says about a save refused as stale: who saved the newer version, when, and how the
// text in the form differs from it.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { EditableArticle } from './editable.js';
import { diffFields } from './field-diff.js';
import { fieldNames } from './field-names.js';
import type { ArticleFields } from './fields.js';
import type { ConflictInfo } from './pages/conflict-panel.js';
import type { StaleSave } from './stale-save.js';

export async function conflictInfo(
  db: Kysely<Database>,
  article: EditableArticle,
  conflict: { error: StaleSave; mine: ArticleFields },
): Promise<ConflictInfo> {
  const { error, mine } = conflict;
  const names = await fieldNames(db, [error.current.fields, mine]);
  return {
    version: error.current.version,
    savedBy: error.savedByName,
    savedByYou: error.savedByYou,
    savedAt: error.current.savedAt,
    changes: await diffFields(error.current.fields, mine, names),
    reloadHref: `/admin/articles/${article.id}`,
  };
}

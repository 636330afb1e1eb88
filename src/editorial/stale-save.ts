// The refusal of a save based on an older version than the one stored: nothing is overwritten silently, and
// the newer version travels with the refusal so the writer can compare it with what they typed.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../admin/guardian.js';
import { Conflict } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { type EditableArticle, staffName } from './editable.js';

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

export async function staleSave(db: Kysely<Database>, actor: StaffMember, newer: EditableArticle) {
  return new StaleSave(newer, await staffName(db, newer.savedBy), newer.savedBy === actor.id);
}

// Who may be put on a byline: editors put anyone; a contributor only themselves (the author profile their
// account writes as). Names an editor already put on the article stay when the contributor saves it.
import { canBylineOthers, type StaffMember } from '../admin/guardian.js';
import { Invalid } from '../http/errors.js';
import type { EditorChoices } from './editor-choices.js';

/** Throws Invalid (on authorIds) when `authorIds` names someone this person may not byline. */
export function requireAllowedByline(actor: StaffMember, authorIds: number[], alreadyOnIt: number[] = []) {
  if (canBylineOthers(actor)) return;
  const others = authorIds.filter((id) => id !== actor.authorId && !alreadyOnIt.includes(id));
  if (others.length === 0) return;
  throw new Invalid('The article was not saved: contributors can put only themselves on the byline.', {
    authorIds:
      actor.authorId === null
        ? 'Your account writes as no author profile yet, so leave the authors empty; an editor can add the byline.'
        : 'Choose only yourself as the author; an editor can add co-authors.',
  });
}

/** The authors the byline picker offers this person: everyone to an editor, else themselves and those kept. */
export function bylineChoices(
  actor: StaffMember,
  authors: EditorChoices['authors'],
  alreadyOnIt: number[],
): EditorChoices['authors'] {
  if (canBylineOthers(actor)) return authors;
  return authors.filter((a) => a.id === actor.authorId || alreadyOnIt.includes(a.id));
}

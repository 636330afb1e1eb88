// The front editor's form as a layout: the slots in order (empty ones dropped, a story chosen twice kept
// once), the pin and its expiry read in the site's time zone, and which button was pressed.

import { formText } from '../../admin/views/form.js';
import { Invalid } from '../../http/errors.js';
import { zonedTime } from '../../views/dates.js';
import { FRONT_SLOTS, type FrontLayout, moveStory } from '../front-layout.js';

export type FrontAction =
  | { kind: 'save' }
  | { kind: 'publish' }
  | { kind: 'move'; index: number; direction: 'up' | 'down' };

function storyId(value: string): number | null {
  if (!value) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function readFrontForm(
  body: unknown,
  timeZone: string,
  now: Date,
): { layout: FrontLayout; action: FrontAction } {
  // Empty slots keep their place while moving, so "move down" past an empty slot moves the story there.
  const slots = Array.from({ length: FRONT_SLOTS }, (_, i) => storyId(formText(body, `slot${i}`)));
  const move = /^(up|down):(\d)$/.exec(formText(body, 'move'));
  const action: FrontAction = move
    ? { kind: 'move', index: Number(move[2]), direction: move[1] as 'up' | 'down' }
    : formText(body, 'action') === 'publish'
      ? { kind: 'publish' }
      : { kind: 'save' };
  const ordered =
    action.kind === 'move' ? moveStory(slots as number[], action.index, action.direction) : slots;
  const stories = [...new Set(ordered.filter((id): id is number => id !== null))];

  const pinnedId = storyId(formText(body, 'pinned'));
  const untilText = formText(body, 'pinned_until').trim();
  let until: string | null = null;
  if (pinnedId !== null && untilText) {
    const instant = zonedTime(untilText, timeZone);
    if (Number.isNaN(instant.getTime()))
      throw new Invalid('The front was not saved.', { pinned_until: 'That is not a date and time.' });
    if (instant.getTime() <= now.getTime())
      throw new Invalid('The front was not saved.', {
        pinned_until: 'Choose a time in the future, or leave it empty.',
      });
    until = instant.toISOString();
  }
  return { layout: { stories, pinned: pinnedId === null ? null : { id: pinnedId, until } }, action };
}

/** The slots as the form shows them: the stories in order, then empty ones. */
export function slotValues(layout: FrontLayout): Array<number | null> {
  return Array.from({ length: FRONT_SLOTS }, (_, i) => layout.stories[i] ?? null);
}

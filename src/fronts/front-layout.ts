// A front's layout as editors set it: the chosen stories in order (the first leads, the rest are featured)
// and a pinned story with an optional expiry. Stored as JSON; read back through the same schema.
import { z } from 'zod';

/** The lead and up to four featured stories. */
export const FRONT_SLOTS = 5;

export const frontLayoutSchema = z.object({
  stories: z.array(z.number().int().positive()).max(FRONT_SLOTS),
  pinned: z.object({ id: z.number().int().positive(), until: z.string().datetime().nullable() }).nullable(),
});

export type FrontLayout = z.infer<typeof frontLayoutSchema>;

export const EMPTY_LAYOUT: FrontLayout = { stories: [], pinned: null };

export function parseLayout(json: string): FrontLayout {
  const parsed = frontLayoutSchema.safeParse(JSON.parse(json));
  // A layout written by this code always parses; one that does not shows the front by date, never a 500.
  return parsed.success ? parsed.data : EMPTY_LAYOUT;
}

/** The pin, unless it has expired by `now`. */
export function livePin(layout: FrontLayout, now: Date): FrontLayout['pinned'] {
  const pin = layout.pinned;
  if (!pin) return null;
  return pin.until !== null && Date.parse(pin.until) <= now.getTime() ? null : pin;
}

/** Moves the story in slot `index` one place up or down; out-of-range moves change nothing. */
export function moveStory(stories: readonly number[], index: number, direction: 'up' | 'down'): number[] {
  const to = direction === 'up' ? index - 1 : index + 1;
  const moved = [...stories];
  if (index < 0 || index >= moved.length || to < 0 || to >= moved.length) return moved;
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

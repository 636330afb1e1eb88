// What the beacon may send, checked field by field at the boundary: anything else is a 400 and counted nowhere.
import { z } from 'zod';

export const EVENT_KINDS = ['pageview', 'depth', 'engaged', 'expand', 'app', 'support'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The largest body /a/event reads; a beacon's is about 200 bytes. */
export const MAX_EVENT_BYTES = 2048;
/** One heartbeat's engaged seconds at most: the beacon sends one every 15 s of attention, or on leaving. */
export const MAX_ENGAGED_SECONDS = 30;

const id = z.number().int().positive().max(2_147_483_647);
// A path on this site as the browser's location.pathname spells it: no scheme, host, query or control.
const path = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\/(?!\/)[^\s?#\\\p{Cc}]*$/u, 'must be a path on this site');
const label = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^\P{Cc}*$/u, 'must be printable');

export const eventInput = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  path,
  article: id.optional(),
  section: id.optional(),
  author: id.optional(),
  ref: z.string().max(1024).optional(),
  utm_source: label.optional(),
  utm_medium: label.optional(),
  utm_campaign: label.optional(),
  value: z.number().int().min(0).max(100).optional(),
});

export type EventInput = z.infer<typeof eventInput>;

/** The event's number, checked against its kind: a read depth is a quarter, a heartbeat a few seconds. */
export function eventValue(input: EventInput): number | { problem: string } {
  if (input.kind === 'depth') {
    return input.value !== undefined && [25, 50, 75, 100].includes(input.value)
      ? input.value
      : { problem: 'a read depth is 25, 50, 75 or 100' };
  }
  if (input.kind === 'engaged') {
    return input.value !== undefined && input.value >= 1 && input.value <= MAX_ENGAGED_SECONDS
      ? input.value
      : { problem: `engaged time is 1 to ${MAX_ENGAGED_SECONDS} seconds a heartbeat` };
  }
  return input.value === undefined ? 0 : { problem: `a ${input.kind} event carries no value` };
}

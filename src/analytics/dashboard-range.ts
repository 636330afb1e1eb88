// Which period the dashboard shows, from its query string: today, the last 7, 30 or 90 days, or any range of
// whole UTC days (the roll-ups' days). Bad input is a 400 naming the field, never a guess.
import { z } from 'zod';
import { Invalid } from '../http/errors.js';

export const PRESETS = ['today', '7d', '30d', '90d'] as const;
export type Preset = (typeof PRESETS)[number] | 'custom';

export interface DashboardRange {
  preset: Preset;
  /** The first day's start and the end (exclusive), ISO UTC. */
  from: string;
  to: string;
  /** Each day's start, in order. */
  days: string[];
  /** The query string that names this range again (exports, links). */
  query: string;
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 3660;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'must be a real date');

const input = z.object({
  range: z.enum([...PRESETS, 'custom']).default('7d'),
  from: day.optional(),
  to: day.optional(),
});

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

export function dashboardRange(query: unknown, now: Date): DashboardRange {
  const parsed = input.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Invalid('That period is not valid.', { [String(issue.path[0] ?? 'range')]: issue.message });
  }
  const { range } = parsed.data;
  const today = startOfDay(now.getTime());
  let first: number;
  let last: number;
  if (range === 'custom') {
    if (!parsed.data.from || !parsed.data.to) {
      throw new Invalid('Choose the first and the last day.', {
        [parsed.data.from ? 'to' : 'from']: 'is required for a custom period',
      });
    }
    first = Date.parse(`${parsed.data.from}T00:00:00Z`);
    last = Date.parse(`${parsed.data.to}T00:00:00Z`);
    if (last < first)
      throw new Invalid('The last day comes before the first.', { to: 'must not be before from' });
    if ((last - first) / DAY_MS >= MAX_DAYS)
      throw new Invalid('That period is too long.', { from: 'at most ten years' });
  } else {
    const count = range === 'today' ? 1 : Number(range.slice(0, -1));
    last = today;
    first = today - (count - 1) * DAY_MS;
  }
  const days: string[] = [];
  for (let t = first; t <= last; t += DAY_MS) days.push(new Date(t).toISOString());
  const named =
    range === 'custom' ? `range=custom&from=${parsed.data.from}&to=${parsed.data.to}` : `range=${range}`;
  return { preset: range, from: days[0]!, to: new Date(last + DAY_MS).toISOString(), days, query: named };
}

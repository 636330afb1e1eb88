// The library's search and filters as its links and GET form carry them, read forgivingly.
import { z } from 'zod';
import type { LibraryFilter, LibraryShow } from './queries.js';
import { isUsageRights } from './rights.js';

export interface LibraryQuery extends LibraryFilter {
  page: number;
}

const SHOW: LibraryShow[] = ['all', 'expired', 'expiring', 'unused'];

// Filters come from links and a GET form; a value we do not know is dropped rather than refused, so an old
// bookmark still opens the library.
const querySchema = z.object({
  q: z
    .string()
    .catch('')
    .transform((s) => s.trim().slice(0, 200)),
  rights: z
    .string()
    .catch('')
    .transform((r) => (isUsageRights(r) ? r : null)),
  show: z
    .string()
    .catch('all')
    .transform((s) => ((SHOW as string[]).includes(s) ? (s as LibraryShow) : 'all')),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function parseLibraryQuery(raw: unknown): LibraryQuery {
  const input = raw && typeof raw === 'object' ? raw : {};
  return querySchema.parse({ q: '', rights: '', show: 'all', page: 1, ...input });
}

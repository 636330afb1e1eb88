// Row type of the shared record of content changes (see storage/durable-content-events.ts).
import type { Generated } from 'kysely';

export interface InvalidationsTable {
  id: Generated<number>;
  /** A JSON array of the cache tags that changed. */
  tags: string;
  /** The instance that announced the change; it already dropped its own pages. */
  origin: string;
  created_at: string;
}

// The SQL of the editor's image chooser: the newest images, or those whose words match.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { containing } from './containing.js';

// The media library (media/) owns these rows; this read serves the editor's chooser only.
export function selectRecentMedia(db: Kysely<Database>, search: string, limit: number) {
  let q = db.selectFrom('media').selectAll();
  if (search) {
    const pattern = containing(search);
    q = q.where((eb) =>
      eb.or(
        (['alt_text', 'caption', 'credit_person', 'credit_organization'] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

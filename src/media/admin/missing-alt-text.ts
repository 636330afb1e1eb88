// The check before publishing: which of an article's images still have no alt text for readers who cannot
// see them.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { imageLabel } from './image-label.js';

/**
 * The images among these that cannot be published yet because they have no alt text, in the order given.
 * An id that is no longer in the library counts too: readers would get a broken image with no words.
 */
export async function missingAltText(
  db: Kysely<Database>,
  mediaIds: number[],
): Promise<Array<{ id: number; label: string }>> {
  const ids = [...new Set(mediaIds)];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('media')
    .select(['id', 'alt_text', 'caption'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [{ id, label: `image ${id} (no longer in the library)` }];
    if (row.alt_text.trim() !== '') return [];
    return [{ id, label: imageLabel({ id, caption: row.caption, altText: '' }) }];
  });
}

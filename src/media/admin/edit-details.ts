// Changing an image's words and rights from the newsroom: who may, and who is told.
import type { Kysely } from 'kysely';
import { canEditMedia, type StaffMember } from '../../admin/guardian.js';
import { Forbidden, NotFound } from '../../http/errors.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { updateMediaDetails } from '../library.js';
import { type MediaItem, mediaTag } from '../media.js';
import { asDetailsInput, type DetailValues } from './detail-values.js';
import { findLibraryRow } from './queries.js';

/** Changes an image's words and rights, then tells every instance so cached pages show the new credit. */
export async function editMediaDetails(
  deps: { db: Kysely<Database>; events: ContentEvents },
  staff: StaffMember,
  id: number,
  details: DetailValues,
  now: Date,
): Promise<MediaItem> {
  const row = await findLibraryRow(deps.db, id);
  if (!row) throw new NotFound('We could not find that image in the library.');
  if (!canEditMedia(staff, { uploadedBy: row.uploaded_by })) {
    throw new Forbidden("Only editors, and whoever uploaded it, may change this image's details.");
  }
  const item = await updateMediaDetails(deps.db, id, asDetailsInput(details), now);
  await deps.events.changed([mediaTag(id)]);
  return item;
}

// Reading and writing fronts: the draft editors save and preview, and publishing it (the draft copied to the
// live row readers see). Each front is a key: 'home' or 'section:<id>'.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { EMPTY_LAYOUT, type FrontLayout, parseLayout } from './front-layout.js';

export type FrontState = 'draft' | 'live';

export async function readLayout(
  db: Kysely<Database>,
  front: string,
  state: FrontState,
): Promise<FrontLayout> {
  const row = await db
    .selectFrom('curated_fronts')
    .select('layout')
    .where('front', '=', front)
    .where('state', '=', state)
    .executeTakeFirst();
  return row ? parseLayout(row.layout) : EMPTY_LAYOUT;
}

/** The draft when there is one, else the live layout (a first edit starts from what readers see). */
export async function readDraft(
  db: Kysely<Database>,
  front: string,
): Promise<{ layout: FrontLayout; unpublished: boolean }> {
  const rows = await db
    .selectFrom('curated_fronts')
    .select(['state', 'layout'])
    .where('front', '=', front)
    .execute();
  const draft = rows.find((r) => r.state === 'draft');
  const live = rows.find((r) => r.state === 'live');
  const layout = parseLayout((draft ?? live)?.layout ?? JSON.stringify(EMPTY_LAYOUT));
  return { layout, unpublished: draft !== undefined && draft.layout !== live?.layout };
}

async function writeRow(
  db: Kysely<Database>,
  front: string,
  state: FrontState,
  layout: FrontLayout,
  staffId: number | null,
  now: Date,
): Promise<void> {
  const values = {
    layout: JSON.stringify(layout),
    pin_until: layout.pinned?.until ?? null,
    pin_expiry_announced: 0,
    updated_at: now.toISOString(),
    updated_by: staffId,
  };
  await db
    .insertInto('curated_fronts')
    .values({ front, state, ...values })
    .onConflict((oc) => oc.columns(['front', 'state']).doUpdateSet(values))
    .execute();
}

export function saveDraft(
  db: Kysely<Database>,
  front: string,
  layout: FrontLayout,
  staffId: number | null,
  now: Date,
) {
  return writeRow(db, front, 'draft', layout, staffId, now);
}

/** Makes the draft live; readers see it from the next page rendered after the announcement. */
export async function publishDraft(
  db: Kysely<Database>,
  front: string,
  // null: an import from the command line, which acts as nobody.
  staffId: number | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const layout = await readLayout(trx, front, 'draft');
    await writeRow(trx, front, 'live', layout, staffId, now);
  });
}

/** Live fronts whose pin has expired by `now` and whose pages have not yet been told. */
export async function frontsWithExpiredPins(db: Kysely<Database>, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('curated_fronts')
    .select('front')
    .where('state', '=', 'live')
    .where('pin_expiry_announced', '=', 0)
    .where('pin_until', 'is not', null)
    .where('pin_until', '<=', now.toISOString())
    .execute();
  return rows.map((r) => r.front);
}

/** Marks those pins told; a pin published since (its expiry still ahead) keeps its own to announce. */
export async function markPinExpiryAnnounced(
  db: Kysely<Database>,
  fronts: string[],
  now: Date,
): Promise<void> {
  if (fronts.length === 0) return;
  await db
    .updateTable('curated_fronts')
    .set({ pin_expiry_announced: 1 })
    .where('state', '=', 'live')
    .where('front', 'in', fronts)
    .where('pin_until', '<=', now.toISOString())
    .execute();
}

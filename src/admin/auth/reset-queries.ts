// Every query on password resets: a link issued, found while usable, and every open link of a person spent
// at once. The database comes first.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

export async function insertPasswordReset(
  db: Kysely<Database>,
  values: { tokenHash: string; staffId: number; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: values.tokenHash,
      staff_id: values.staffId,
      created_at: values.now.toISOString(),
      expires_at: values.expiresAt.toISOString(),
    })
    .execute();
}

export function selectUsableReset(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .select(['r.id', 'r.staff_id', 's.email'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now.toISOString())
    .where('s.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Uses up every open reset link of this person: one new password ends them all. */
export async function useResets(db: Kysely<Database>, staffId: number, now: Date): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .execute();
}

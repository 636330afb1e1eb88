// Every query on the first start's setup links: issued, found while usable, spent one at a time, and all
// spent once the first admin exists. The database comes first.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

export async function insertSetupToken(
  db: Kysely<Database>,
  values: { tokenHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_setup_tokens')
    .values({
      token_hash: values.tokenHash,
      created_at: values.now.toISOString(),
      expires_at: values.expiresAt.toISOString(),
    })
    .execute();
}

export function selectUsableSetupToken(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('staff_setup_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** Spends one setup link if still unused; false when another request spent it first. */
export async function spendSetupToken(db: Kysely<Database>, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Once the first admin exists every setup link is spent, used or not. */
export async function useAllSetupTokens(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .updateTable('staff_setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('used_at', 'is', null)
    .execute();
}

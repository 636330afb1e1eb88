// The SQL of admin API tokens: made, listed, found by hash, marked used, revoked. The database comes first.
import type { Insertable, Kysely } from 'kysely';
import type { AdminApiTokensTable, Database } from '../storage/schema.js';

type Db = Kysely<Database>;

export async function insertToken(db: Db, values: Insertable<AdminApiTokensTable>): Promise<number> {
  const row = await db
    .insertInto('admin_api_tokens')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function selectTokens(db: Db) {
  return db
    .selectFrom('admin_api_tokens')
    .select([
      'id',
      'name',
      'scopes',
      'staff_id',
      'created_by',
      'created_at',
      'last_used_at',
      'expires_at',
      'revoked_at',
    ])
    .orderBy('revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function selectTokenByHash(db: Db, hash: string) {
  return db
    .selectFrom('admin_api_tokens')
    .select(['id', 'name', 'scopes', 'staff_id', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
}

/** Marks the token used, unless another request already did within the interval (`since`). */
export async function touchToken(db: Db, id: number, at: string, since: string): Promise<void> {
  await db
    .updateTable('admin_api_tokens')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', since)]))
    .execute();
}

export async function updateRevoked(db: Db, id: number, by: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('admin_api_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

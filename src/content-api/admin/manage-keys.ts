// Making and revoking content API keys. A key is shown once, when it is made: only its keyed hash and its
// first characters are kept. Revoking is final and reaches every instance at once (CONTENT_API_KEYS).
import type { Kysely } from 'kysely';
import type { StaffMember } from '../../admin/guardian.js';
import { NotFound } from '../../http/errors.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { CONTENT_API_KEYS } from '../cache-tags.js';
import { newKey } from '../keys.js';
import type { KeyInput } from './key-form.js';

export interface KeyDeps {
  db: Kysely<Database>;
  events: ContentEvents;
  secret: string;
}

export interface KeyListing {
  id: number;
  name: string;
  prefix: string;
  allowedOrigins: string[];
  ratePerMinute: number;
  createdAt: string;
  revokedAt: string | null;
}

/** Makes a key; the key itself is in the answer and nowhere else. */
export async function createContentApiKey(
  deps: KeyDeps,
  actor: StaffMember,
  input: KeyInput,
  now: Date,
): Promise<{ id: number; key: string }> {
  const made = newKey(deps.secret);
  const row = await deps.db
    .insertInto('content_api_keys')
    .values({
      name: input.name,
      key_hash: made.hash,
      key_prefix: made.prefix,
      allowed_origins: JSON.stringify(input.origins),
      rate_limit_per_minute: input.ratePerMinute,
      created_by: actor.id,
      created_at: now.toISOString(),
      revoked_by: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // New origins may now pass a preflight.
  await deps.events.changed([CONTENT_API_KEYS]);
  return { id: row.id, key: made.key };
}

export async function revokeContentApiKey(deps: KeyDeps, actor: StaffMember, id: number, now: Date) {
  const result = await deps.db
    .updateTable('content_api_keys')
    .set({ revoked_at: now.toISOString(), revoked_by: actor.id })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await deps.db
      .selectFrom('content_api_keys')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exists) throw new NotFound('There is no such key.');
    return 'That key was already revoked.';
  }
  await deps.events.changed([CONTENT_API_KEYS]);
  return 'Key revoked: requests with it are refused from now on.';
}

/** Every key, active ones first, newest first. */
export async function listContentApiKeys(db: Kysely<Database>): Promise<KeyListing[]> {
  const rows = await db
    .selectFrom('content_api_keys')
    .select([
      'id',
      'name',
      'key_prefix',
      'allowed_origins',
      'rate_limit_per_minute',
      'created_at',
      'revoked_at',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const keys = rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.key_prefix,
    allowedOrigins: JSON.parse(r.allowed_origins) as string[],
    ratePerMinute: r.rate_limit_per_minute,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
  return [...keys.filter((k) => !k.revokedAt), ...keys.filter((k) => k.revokedAt)];
}

// Content API keys as the API checks them: a key presented by an app is hashed with the app secret and looked
// up by its hash (the key itself is never stored). Found keys, and the origins any key allows, are remembered
// for a minute per instance, and forgotten at once when a key is made or revoked (CONTENT_API_KEYS).
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { keyedHash } from '../http/signed-tokens.js';
import { preparedQuery } from '../storage/prepared.js';
import type { Database } from '../storage/schema.js';

export interface ContentApiKey {
  id: number;
  name: string;
  allowedOrigins: readonly string[];
  ratePerMinute: number;
}

const PURPOSE = 'content-api-key';
const KEY_PREFIX = 'bsk_';
// 32 random bytes: as hard to guess as the app secret; base64url keeps the key one word in a header or URL.
const KEY_BYTES = 32;
const KEY_SHAPE = /^bsk_[A-Za-z0-9_-]{43}$/;
const REMEMBER_MS = 60_000;

/** A new key to show once, and what is stored of it. */
export function newKey(secret: string): { key: string; hash: string; prefix: string } {
  const key = KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
  return { key, hash: hashKey(secret, key), prefix: key.slice(0, KEY_PREFIX.length + 6) };
}

export function hashKey(secret: string, key: string): string {
  return keyedHash(secret, PURPOSE, key);
}

const activeByHash = preparedQuery<
  'hash',
  { id: number; name: string; allowed_origins: string; rate_limit_per_minute: number }
>((db, p) =>
  db
    .selectFrom('content_api_keys')
    .select(['id', 'name', 'allowed_origins', 'rate_limit_per_minute'])
    .where('key_hash', '=', p.hash)
    .where('revoked_at', 'is', null),
);

const activeOrigins = preparedQuery<never, { allowed_origins: string }>((db) =>
  db.selectFrom('content_api_keys').select('allowed_origins').where('revoked_at', 'is', null),
);

export interface KeyRing {
  /** The active key this is, or null (malformed, unknown or revoked). */
  find(presented: string): Promise<ContentApiKey | null>;
  /** Whether any active key lets pages of this origin call the API (a preflight carries no key). */
  originAllowed(origin: string): Promise<boolean>;
  forget(): void;
}

export function keyRing(db: Kysely<Database>, secret: string, now: () => number = Date.now): KeyRing {
  let known = new Map<string, { key: ContentApiKey | null; until: number }>();
  let origins: { set: Promise<Set<string>>; until: number } | null = null;
  return {
    async find(presented) {
      if (!KEY_SHAPE.test(presented)) return null;
      const hash = hashKey(secret, presented);
      const kept = known.get(hash);
      if (kept && kept.until > now()) return kept.key;
      const [row] = await activeByHash(db, { hash });
      const key = row
        ? {
            id: row.id,
            name: row.name,
            allowedOrigins: JSON.parse(row.allowed_origins) as string[],
            ratePerMinute: row.rate_limit_per_minute,
          }
        : null;
      // Unknown keys are remembered too, so that a client retrying a wrong key costs no query each time;
      // the map is emptied when it grows large, which only a flood of different wrong keys makes it do.
      if (known.size > 10_000) known = new Map();
      known.set(hash, { key, until: now() + REMEMBER_MS });
      return key;
    },
    async originAllowed(origin) {
      if (!origins || origins.until <= now()) {
        const set = activeOrigins(db, {}).then(
          (rows) => new Set(rows.flatMap((r) => JSON.parse(r.allowed_origins) as string[])),
        );
        origins = { set, until: now() + REMEMBER_MS };
        set.catch(() => {
          origins = null;
        });
      }
      const set = await origins.set;
      return set.has(origin) || set.has('*');
    },
    forget() {
      known = new Map();
      origins = null;
    },
  };
}

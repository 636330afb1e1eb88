// Row type of the content API's keys (see content-api/keys.ts).
import type { Generated } from 'kysely';

export interface ContentApiKeysTable {
  id: Generated<number>;
  name: string;
  /** A keyed hash of the key (http/signed-tokens.ts keyedHash); the key itself is never stored. */
  key_hash: string;
  key_prefix: string;
  /** A JSON array of the origins whose pages may call the API with this key. */
  allowed_origins: string;
  rate_limit_per_minute: number;
  created_by: number | null;
  created_at: string;
  revoked_by: number | null;
  revoked_at: string | null;
}

// The admin API's tokens: who made each, whom it acts as, what it may do, and when it was last used.
import type { Generated } from 'kysely';

export interface AdminApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string; // keyed hash of the token; the token itself is shown once and never stored
  scopes: string; // JSON array of scope names
  staff_id: number; // the staff member the token acts as
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

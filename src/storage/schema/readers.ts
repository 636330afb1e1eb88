// Reader accounts: one per email, the emailed sign-in links, the sessions they open (hashes only).
import type { Generated } from 'kysely';

export interface ReaderAccountsTable {
  id: Generated<number>;
  email: string; // lower-cased
  created_at: string;
  last_sign_in_at: string | null;
}

export interface ReaderSignInLinksTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ReaderSessionsTable {
  id: Generated<number>;
  token_hash: string;
  account_id: number;
  created_at: string;
  expires_at: string;
}

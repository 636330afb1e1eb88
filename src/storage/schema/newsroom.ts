// Row types of the newsroom: staff, sessions, sign-in attempts, invitations, resets, setup links, the outbox.
import type { Generated } from 'kysely';

export interface MailOutboxTable {
  id: Generated<number>;
  sender: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string; // JSON object
  created_at: string;
}

export type StaffRoleColumn = 'contributor' | 'editor' | 'admin';

export interface StaffTable {
  id: Generated<number>;
  email: string; // lower-case
  name: string;
  role: StaffRoleColumn;
  password_hash: string; // argon2id PHC string
  author_id: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface StaffSessionsTable {
  id: Generated<number>;
  token_hash: string; // SHA-256 of the cookie's token
  staff_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  /** The network the attempt came from: an IPv4 address, or an IPv6 /64 (http/network.ts). */
  ip: string;
  outcome: 'success' | 'failure' | 'refused';
  attempted_at: string;
}

export interface StaffInvitationsTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  role: StaffRoleColumn;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  token_hash: string;
  staff_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface StaffSetupTokensTable {
  id: Generated<number>;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

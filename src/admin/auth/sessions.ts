// Staff sessions kept in the database, so every app instance recognises them and "sign out everywhere"
// is one delete. The cookie holds a random token; the table holds its hash.
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { StaffMember } from '../guardian.js';
import { hashToken, newToken } from './tokens.js';

const DAY = 24 * 60 * 60 * 1000;
/** A session unused for this long ends. */
export const SESSION_IDLE_MS = 14 * DAY;
/** And none lives longer than this, used or not. */
export const SESSION_MAX_MS = 30 * DAY;
// Writing last_seen on every request would turn each page view into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60 * 1000;

export interface StaffSession {
  id: number;
  staff: StaffMember;
}

export async function createSession(
  db: Kysely<Database>,
  staffId: number,
  now: Date,
  userAgent: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: hashToken(token),
      staff_id: staffId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: summariseUserAgent(userAgent),
    })
    .execute();
  return { token, expiresAt };
}

/** The live session for a cookie token, or null (unknown, expired, or its staff member disabled). */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<StaffSession | null> {
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff', 'staff.id', 's.staff_id')
    .select([
      's.id as sessionId',
      's.created_at',
      's.last_seen_at',
      'staff.id',
      'staff.email',
      'staff.name',
      'staff.role',
      'staff.author_id',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', now.toISOString())
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    const cap = Date.parse(row.created_at) + SESSION_MAX_MS;
    const expires = Math.min(now.getTime() + SESSION_IDLE_MS, cap);
    await db
      .updateTable('staff_sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(expires).toISOString() })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return {
    id: row.sessionId,
    staff: { id: row.id, email: row.email, name: row.name, role: row.role, authorId: row.author_id },
  };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Signs a person out on every device: used by "sign out everywhere", password changes and disabling. */
export async function deleteAllSessions(db: Kysely<Database>, staffId: number): Promise<number> {
  const result = await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countSessions(db: Kysely<Database>, staffId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('staff_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_id', '=', staffId)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('staff_sessions').where('expires_at', '<=', now.toISOString()).execute();
}

// Enough to recognise "Firefox on Linux" in a list of sessions, not a fingerprint.
function summariseUserAgent(ua: string): string {
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Other browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'another system';
  return `${browser} on ${os}`;
}

// Signing in with email and password, with limits kept in the database so every instance shares them:
// 5 failures for one email within 15 minutes pause that email for 15 minutes, and one network (an IPv4
// address, or an IPv6 /64) gets 30 failures per 15 minutes. Answers never tell whether an account exists.
import type { Kysely } from 'kysely';
import { Invalid, TooManyRequests } from '../../http/errors.js';
import { networkOf } from '../../http/network.js';
import type { Database } from '../../storage/schema.js';
import type { StaffMember } from '../guardian.js';
import { normaliseEmail } from '../staff/staff.js';
import { decoyHash, verifyPassword } from './passwords.js';

const MINUTE = 60 * 1000;
export const LOCK_AFTER_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * MINUTE;
export const LOCK_MS = 15 * MINUTE;
export const IP_FAILURES_PER_WINDOW = 30;
// Attempts older than this matter to no rule; they are removed so the table stays small.
const KEEP_ATTEMPTS_MS = 24 * 60 * MINUTE;

export const WRONG_CREDENTIALS = 'That email and password do not match an active newsroom account.';
const LOCKED =
  'Too many failed sign-ins for this email address, so signing in with it is paused for 15 minutes. ' +
  'If you have forgotten your password, you can reset it meanwhile.';
const IP_LIMITED = 'Too many failed sign-ins from your network. Please wait 15 minutes and try again.';

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
}

export async function signIn(db: Kysely<Database>, input: SignInInput, now: Date): Promise<StaffMember> {
  const email = normaliseEmail(input.email).slice(0, 254);
  if (!email || !input.password) {
    throw new Invalid('Enter your email address and password.', {
      ...(email ? {} : { email: 'Enter your email address.' }),
      ...(input.password ? {} : { password: 'Enter your password.' }),
    });
  }
  // Counted per network, not per address: one IPv6 host holds a whole /64 to rotate through.
  const network = networkOf(input.ip);
  if ((await networkFailures(db, network, now)) >= IP_FAILURES_PER_WINDOW) {
    await record(db, email, network, 'refused', now);
    throw new TooManyRequests(IP_LIMITED);
  }
  if (lockedUntil(await recentFailures(db, email, now)) > now.getTime()) {
    await record(db, email, network, 'refused', now);
    throw new TooManyRequests(LOCKED);
  }

  const row = await db
    .selectFrom('staff')
    .select(['id', 'email', 'name', 'role', 'author_id', 'password_hash', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  const matches = await verifyPassword(row?.password_hash ?? (await decoyHash()), input.password);
  if (!row || !matches || row.disabled_at !== null) {
    await record(db, email, network, 'failure', now);
    if (lockedUntil(await recentFailures(db, email, now)) > now.getTime()) throw new TooManyRequests(LOCKED);
    throw new Invalid(WRONG_CREDENTIALS);
  }

  await record(db, email, network, 'success', now);
  // A success starts the count again for this email, and is a good moment to forget old attempts.
  await db
    .deleteFrom('sign_in_attempts')
    .where('email', '=', email)
    .where('outcome', '=', 'failure')
    .execute();
  await db
    .deleteFrom('sign_in_attempts')
    .where('attempted_at', '<', new Date(now.getTime() - KEEP_ATTEMPTS_MS).toISOString())
    .execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role, authorId: row.author_id };
}

// The attempt's `ip` column holds the network it came from (networkOf), the unit the limit counts.
async function record(
  db: Kysely<Database>,
  email: string,
  network: string,
  outcome: 'success' | 'failure' | 'refused',
  now: Date,
): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ email, ip: network, outcome, attempted_at: now.toISOString() })
    .execute();
}

async function networkFailures(db: Kysely<Database>, network: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', network)
    .where('outcome', 'in', ['failure', 'refused'])
    .where('attempted_at', '>', new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function recentFailures(db: Kysely<Database>, email: string, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select('attempted_at')
    .where('email', '=', email)
    .where('outcome', '=', 'failure')
    .where('attempted_at', '>', new Date(now.getTime() - FAILURE_WINDOW_MS - LOCK_MS).toISOString())
    .orderBy('attempted_at')
    .execute();
  return rows.map((r) => Date.parse(r.attempted_at));
}

/**
 * When the pause ends (ms), 0 if none: a pause starts at any failure that is the fifth within 15 minutes
 * and lasts 15 minutes from it. Attempts refused during a pause are not failures, so they do not extend it.
 */
export function lockedUntil(failureTimes: number[]): number {
  let until = 0;
  for (let i = LOCK_AFTER_FAILURES - 1; i < failureTimes.length; i++) {
    const first = failureTimes[i - (LOCK_AFTER_FAILURES - 1)]!;
    const last = failureTimes[i]!;
    if (last - first <= FAILURE_WINDOW_MS) until = Math.max(until, last + LOCK_MS);
  }
  return until;
}

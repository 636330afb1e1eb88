// Signing readers in without a password: a link mailed to the address (single use, 30 minutes, only its
// hash stored) opens a session; the account (one per address) is made when a link is first used, so asking
// for a link creates nothing and the reply never says whether an account exists.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DomainError, Invalid, TooManyRequests } from '../http/errors.js';
import { networkOf } from '../http/network.js';
import { checkRates, type RateLimitStore, type RateRule } from '../http/rate-limit-store.js';
import { keyedHash } from '../http/signed-tokens.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';

export const LINK_MINUTES = 30;
export const SESSION_DAYS = 30;

const MINUTE = 60_000;
const SIGN_IN_RATES = {
  perNetwork: [{ name: 'reader-sign-in-network', max: 10, windowMs: 15 * MINUTE }],
  perAddress: [{ name: 'reader-sign-in-address', max: 3, windowMs: 15 * MINUTE }],
} satisfies Record<string, RateRule[]>;

export class SignInLinkGone extends DomainError {
  constructor(message: string) {
    super('LINK_GONE', 410, message);
  }
}

const address = z.email().max(254);
const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

export interface SignInDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  clock: () => Date;
}

export async function requestSignInLink(
  deps: SignInDeps,
  email: string,
  ip: string,
  siteName: string,
): Promise<void> {
  const now = deps.clock();
  const normalised = email.trim().toLowerCase();
  const decision = await checkRates(
    deps.rates,
    [
      ...SIGN_IN_RATES.perNetwork.map((rule) => ({
        rule,
        subject: keyedHash(deps.secret, 'reader-network', networkOf(ip)),
      })),
      ...SIGN_IN_RATES.perAddress.map((rule) => ({
        rule,
        subject: keyedHash(deps.secret, 'reader-address', normalised),
      })),
    ],
    now,
  );
  if (!decision.allowed) {
    throw new TooManyRequests(
      `Too many sign-in links asked for. Please try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes.`,
    );
  }
  if (!address.safeParse(normalised).success) {
    throw new Invalid('Please check your email address.', { email: 'That is not an email address.' });
  }
  const token = randomBytes(32).toString('base64url');
  await deps.db
    .insertInto('reader_sign_in_links')
    .values({
      token_hash: hash(token),
      email: normalised,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + LINK_MINUTES * MINUTE).toISOString(),
    })
    .execute();
  await deps.mailer.send({
    to: normalised,
    subject: `Sign in to ${siteName}`,
    text: [
      `Open this link within ${LINK_MINUTES} minutes to sign in to your reader account at ${siteName}:`,
      '',
      `${deps.publicUrl}/account/sign-in/confirm?token=${token}`,
      '',
      'It works once. If you did not ask for it, ignore this email: nothing changes.',
    ].join('\n'),
    topic: 'reader-account',
  });
}

async function usableLink(db: Kysely<Database>, token: string, now: Date) {
  const row = TOKEN.test(token)
    ? await db
        .selectFrom('reader_sign_in_links')
        .selectAll()
        .where('token_hash', '=', hash(token))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new SignInLinkGone('This sign-in link is not valid. Please ask for a new one.');
  if (row.used_at)
    throw new SignInLinkGone('This sign-in link has already been used. Please ask for a new one.');
  if (row.expires_at <= now.toISOString())
    throw new SignInLinkGone('This sign-in link has expired. Please ask for a new one.');
  return row;
}

export async function checkSignInLink(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await usableLink(db, token, now);
}

/** Uses a link once: the account for its address (made now if new) and a new session's token. */
export async function signInWithLink(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ session: string; expires: Date }> {
  const row = await usableLink(db, token, now);
  const at = now.toISOString();
  const session = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_DAYS * 24 * 3600_000);
  await db.transaction().execute(async (trx) => {
    const taken = await trx
      .updateTable('reader_sign_in_links')
      .set({ used_at: at })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0)
      throw new SignInLinkGone('This sign-in link has already been used. Please ask for a new one.');
    await trx
      .insertInto('reader_accounts')
      .values({ email: row.email, created_at: at, last_sign_in_at: at })
      .onConflict((oc) => oc.column('email').doUpdateSet({ last_sign_in_at: at }))
      .execute();
    const account = await trx
      .selectFrom('reader_accounts')
      .select('id')
      .where('email', '=', row.email)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('reader_sessions')
      .values({
        token_hash: hash(session),
        account_id: account.id,
        created_at: at,
        expires_at: expires.toISOString(),
      })
      .execute();
  });
  return { session, expires };
}

export interface ReaderAccount {
  id: number;
  email: string;
}

export async function accountOfSession(
  db: Kysely<Database>,
  token: string | undefined,
  now: Date,
): Promise<ReaderAccount | null> {
  if (!token || !TOKEN.test(token)) return null;
  const row = await db
    .selectFrom('reader_sessions as s')
    .innerJoin('reader_accounts as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.email', 's.expires_at'])
    .where('s.token_hash', '=', hash(token))
    .executeTakeFirst();
  return row && row.expires_at > now.toISOString() ? { id: row.id, email: row.email } : null;
}

export async function endSession(db: Kysely<Database>, token: string | undefined): Promise<void> {
  if (token && TOKEN.test(token))
    await db.deleteFrom('reader_sessions').where('token_hash', '=', hash(token)).execute();
}

/** Erases the account itself (its sessions go with it) and the sign-in links mailed to its address. */
export async function eraseAccount(db: Kysely<Database>, account: ReaderAccount): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reader_sign_in_links').where('email', '=', account.email).execute();
    await trx.deleteFrom('reader_accounts').where('id', '=', account.id).execute();
  });
}

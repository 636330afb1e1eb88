// Double opt-in: a sign-up stores the address as pending and mails a single-use link; only that link makes
// the subscriptions active, and it records the consent (when, which form, the words shown). The reply to a
// sign-up is the same whether the address was new, pending or already subscribed, so the form tells nobody
// who reads which newsletter.
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { DomainError, Invalid } from '../http/errors.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { isAddress, normaliseAddress } from './addresses.js';
import { addressSubject, limitRate, networkSubject, SIGNUP_RATES } from './rate-limits.js';
import { liftSuppression } from './suppression.js';

/** The forms a sign-up can come from; the consent record names which. */
export const SIGNUP_FORMS = ['page', 'article', 'footer'] as const;
export type SignupForm = (typeof SIGNUP_FORMS)[number];

/** The words every form shows beside its button; kept verbatim with each consent. */
export const CONSENT_WORDING =
  'We will email you the newsletters you chose. Every email has a link to unsubscribe in one click. We never share your address.';

const CONFIRM_HOURS = 48;

export class ConfirmLinkGone extends DomainError {
  constructor(message: string) {
    super('LINK_GONE', 410, message);
  }
}

export interface SignupDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  siteName: string;
  now: Date;
}

export interface SignupRequest {
  email: string;
  listIds: number[];
  form: SignupForm;
  ip: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function requestSubscription(deps: SignupDeps, input: SignupRequest): Promise<void> {
  const { db, now } = deps;
  // Counted before the address is checked: a flood of made-up addresses is stopped by its network.
  await limitRate(
    deps.rates,
    [{ rules: SIGNUP_RATES.perNetwork, subject: networkSubject(deps.secret, input.ip) }],
    now,
  );
  const email = normaliseAddress(input.email);
  if (!isAddress(email)) {
    throw new Invalid('Please check your email address.', { email: 'That is not an email address.' });
  }
  const lists = input.listIds.length
    ? await db
        .selectFrom('newsletter_lists')
        .select(['id', 'name'])
        .where('id', 'in', input.listIds)
        .execute()
    : [];
  if (lists.length === 0) throw new Invalid('Please choose a newsletter.', { lists: 'Choose at least one.' });
  await limitRate(
    deps.rates,
    [{ rules: SIGNUP_RATES.perAddress, subject: addressSubject(deps.secret, email) }],
    now,
  );

  const token = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('newsletter_subscribers')
      .values({ email, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const subscriber = await trx
      .selectFrom('newsletter_subscribers')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('newsletter_confirmations')
      .values({
        token_hash: hashToken(token),
        subscriber_id: subscriber.id,
        list_ids: JSON.stringify(lists.map((l) => l.id)),
        form: input.form,
        wording: CONSENT_WORDING,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + CONFIRM_HOURS * 3600_000).toISOString(),
      })
      .execute();
  });
  const link = `${deps.publicUrl}/newsletters/confirm?token=${token}`;
  const names = lists.map((l) => l.name).join(', ');
  await deps.mailer.send({
    to: email,
    subject: `Please confirm: ${deps.siteName} newsletters`,
    text:
      `Someone, we hope you, asked to receive ${names} from ${deps.siteName} at this address.\n\n` +
      `To confirm, open this link within ${CONFIRM_HOURS} hours:\n${link}\n\n` +
      'If it was not you, ignore this email: nothing will be sent without your confirmation.',
    topic: 'newsletter',
  });
}

/** Whether a confirming link can still be used: for the page that shows its button. */
export async function checkConfirmation(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await usableConfirmation(db, token, now);
}

async function usableConfirmation(db: Kysely<Database>, token: string, now: Date) {
  const row =
    typeof token === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await db
          .selectFrom('newsletter_confirmations')
          .selectAll()
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirst()
      : undefined;
  if (!row) throw new ConfirmLinkGone('This confirmation link is not valid. Please sign up again.');
  if (row.used_at)
    throw new ConfirmLinkGone('This link has already been used: your subscription is confirmed.');
  if (row.expires_at <= now.toISOString()) {
    throw new ConfirmLinkGone('This confirmation link has expired. Please sign up again for a fresh one.');
  }
  return row;
}

/** Uses a confirming link once: the chosen subscriptions become active with their consent record. */
export async function confirmSubscription(db: Kysely<Database>, token: string, now: Date): Promise<string[]> {
  const row = await usableConfirmation(db, token, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Taken only if still unused: two clicks at once confirm once, the second is told the link is used.
    const taken = await trx
      .updateTable('newsletter_confirmations')
      .set({ used_at: at })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0) {
      throw new ConfirmLinkGone('This link has already been used: your subscription is confirmed.');
    }
    const listIds = (JSON.parse(row.list_ids) as number[]).filter(Number.isInteger);
    const lists = listIds.length
      ? await trx.selectFrom('newsletter_lists').select(['id', 'name']).where('id', 'in', listIds).execute()
      : [];
    for (const list of lists) {
      await trx
        .insertInto('newsletter_subscriptions')
        .values({
          subscriber_id: row.subscriber_id,
          list_id: list.id,
          status: 'active',
          consent_at: at,
          consent_form: row.form,
          consent_wording: row.wording,
          created_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['subscriber_id', 'list_id']).doUpdateSet({
            status: 'active',
            consent_at: at,
            consent_form: row.form,
            consent_wording: row.wording,
            unsubscribed_at: null,
          }),
        )
        .execute();
    }
    const subscriber = await trx
      .selectFrom('newsletter_subscribers')
      .select('email')
      .where('id', '=', row.subscriber_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('newsletter_subscribers')
      .set({ soft_bounces: sql`0` })
      .where('id', '=', row.subscriber_id)
      .execute();
    await liftSuppression(trx, subscriber.email);
    return lists.map((l) => l.name);
  });
}

// One reader's newsletters, for their account page (signed in by an emailed link, so the address is
// verified and a subscription needs no second confirmation), and everything the newsletters keep about
// their address, to export or erase.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { normaliseAddress } from './addresses.js';
import { allLists, type NewsletterList } from './lists.js';

export interface ReaderNewsletter extends NewsletterList {
  subscribed: boolean;
}

export async function newslettersOf(db: Kysely<Database>, email: string): Promise<ReaderNewsletter[]> {
  const address = normaliseAddress(email);
  const [lists, active] = await Promise.all([
    allLists(db),
    db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
      .select('s.list_id')
      .where('r.email', '=', address)
      .where('s.status', '=', 'active')
      .execute(),
  ]);
  const on = new Set(active.map((a) => a.list_id));
  return lists.map((l) => ({ ...l, subscribed: on.has(l.id) }));
}

/** Subscribes or unsubscribes a verified address; the consent record names the account page. */
export async function setSubscription(
  db: Kysely<Database>,
  email: string,
  listId: number,
  subscribed: boolean,
  wording: string,
  now: Date,
): Promise<void> {
  const address = normaliseAddress(email);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('newsletter_subscribers')
      .values({ email: address, created_at: at })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const subscriber = await trx
      .selectFrom('newsletter_subscribers')
      .select('id')
      .where('email', '=', address)
      .executeTakeFirstOrThrow();
    if (subscribed) {
      const consent = {
        status: 'active' as const,
        consent_at: at,
        consent_form: 'account',
        consent_wording: wording,
      };
      await trx
        .insertInto('newsletter_subscriptions')
        .values({ subscriber_id: subscriber.id, list_id: listId, created_at: at, ...consent })
        .onConflict((oc) =>
          oc.columns(['subscriber_id', 'list_id']).doUpdateSet({ ...consent, unsubscribed_at: null }),
        )
        .execute();
      // The reader's own choice, signed in from their inbox, lifts an earlier unsubscribe or bounce.
      await trx
        .deleteFrom('newsletter_suppressions')
        .where('email', '=', address)
        .where('reason', '<>', 'complained')
        .execute();
    } else {
      await trx
        .updateTable('newsletter_subscriptions')
        .set({ status: 'unsubscribed', unsubscribed_at: at })
        .where('subscriber_id', '=', subscriber.id)
        .where('list_id', '=', listId)
        .where('status', '<>', 'unsubscribed')
        .execute();
    }
  });
}

export interface NewsletterData {
  subscriptions: Array<{
    newsletter: string;
    status: string;
    consentAt: string | null;
    consentForm: string | null;
    consentWording: string | null;
    unsubscribedAt: string | null;
  }>;
  suppressed: string | null;
  editionsSent: number;
}

export async function newsletterDataOf(db: Kysely<Database>, email: string): Promise<NewsletterData> {
  const address = normaliseAddress(email);
  const [subs, suppression, sent] = await Promise.all([
    db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
      .innerJoin('newsletter_lists as l', 'l.id', 's.list_id')
      .select([
        'l.name',
        's.status',
        's.consent_at',
        's.consent_form',
        's.consent_wording',
        's.unsubscribed_at',
      ])
      .where('r.email', '=', address)
      .orderBy('l.id')
      .execute(),
    db.selectFrom('newsletter_suppressions').select('reason').where('email', '=', address).executeTakeFirst(),
    db
      .selectFrom('newsletter_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', address)
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    subscriptions: subs.map((s) => ({
      newsletter: s.name,
      status: s.status,
      consentAt: s.consent_at,
      consentForm: s.consent_form,
      consentWording: s.consent_wording,
      unsubscribedAt: s.unsubscribed_at,
    })),
    suppressed: suppression?.reason ?? null,
    editionsSent: Number(sent.n),
  };
}

/**
 * Erases the address from the newsletters: subscriptions, confirmations, the record of editions sent to it.
 * What stays is a suppression ("unsubscribed"), without which an old import could mail it again: the one
 * thing kept, and only so that they are never mailed (the export says so).
 */
export async function eraseNewsletterData(db: Kysely<Database>, email: string, now: Date): Promise<void> {
  const address = normaliseAddress(email);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('newsletter_deliveries').where('email', '=', address).execute();
    await trx.deleteFrom('newsletter_subscribers').where('email', '=', address).execute();
    await trx
      .insertInto('newsletter_suppressions')
      .values({ email: address, reason: 'unsubscribed', created_at: now.toISOString() })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  });
}

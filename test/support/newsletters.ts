// Newsletter test fixtures: a list with confirmed subscribers written straight into the database, and an
// edition ready to send (frozen and queued) — the state the newsroom's "Send now" leaves behind.
import type { Kysely } from 'kysely';
import { createEdition, startSending } from '../../src/newsletters/editions.js';
import { createList } from '../../src/newsletters/lists.js';
import { SiteState } from '../../src/site/site-state.js';
import type { Database } from '../../src/storage/schema.js';

export const NOW = new Date('2026-12-01T10:00:00Z');

export async function listWithSubscribers(
  db: Kysely<Database>,
  slug: string,
  emails: string[],
): Promise<number> {
  const listId = await createList(
    db,
    { slug, name: `List ${slug}`, description: '', sender: '', frequency: 'Daily' },
    NOW,
  );
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    await db
      .insertInto('newsletter_subscribers')
      .values(chunk.map((email) => ({ email, created_at: NOW.toISOString() })))
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const subscribers = await db
      .selectFrom('newsletter_subscribers')
      .select('id')
      .where('email', 'in', chunk)
      .execute();
    await db
      .insertInto('newsletter_subscriptions')
      .values(
        subscribers.map((s) => ({
          subscriber_id: s.id,
          list_id: listId,
          status: 'active' as const,
          consent_at: NOW.toISOString(),
          consent_form: 'page',
          consent_wording: 'test',
          created_at: NOW.toISOString(),
        })),
      )
      .execute();
  }
  return listId;
}

export async function queuedEdition(
  db: Kysely<Database>,
  listId: number,
  subject = 'Tuesday briefing',
): Promise<number> {
  const id = await createEdition(
    db,
    { listId, subject, intro: 'Good morning.\n\nHere is the news.', articleSlugs: [], sectionIds: [] },
    NOW,
  );
  const site = new SiteState(db, 'http://127.0.0.1:3000', { css: '', js: '' });
  if (!(await startSending(db, await site.context(), id, NOW))) throw new Error('edition did not start');
  return id;
}

export function addresses(count: number, domain = 'example.org'): string[] {
  return Array.from({ length: count }, (_, i) => `reader${i}@${domain}`);
}

// Sending an edition through a real SMTP server, on both databases: every recipient once with the headers
// and parts big senders require, a permanent refusal suppressing the address at once, a server that is
// down (the edition waits, says why, and finishes when it is back), pause and resume, and two senders on
// one edition never sending a row twice.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { type NewsletterSmtp, startNewsletterSmtp } from '../../test/support/newsletter-smtp.js';
import { addresses, listWithSubscribers, queuedEdition } from '../../test/support/newsletters.js';
import { SiteState } from '../site/site-state.js';
import { localContentEvents } from '../storage/content-events.js';
import { pooledSmtpTransport } from './bulk-transport.js';
import { getEdition, pauseEdition, resumeEdition } from './editions.js';
import { sendProgress } from './send-queue.js';
import { newsletterSender, type Sender } from './sender.js';
import { suppress, suppressionOf } from './suppression.js';
import { subscriptionOfToken } from './unsubscribe.js';

const SECRET = 'sender-test-secret-sender-test-secret-01';
const PUBLIC_URL = 'http://127.0.0.1:3000';

describe.each(testDatabases)('sending an edition on $name', (database) => {
  let storage: TestStorage;
  let smtp: NewsletterSmtp;
  const senders: Sender[] = [];

  beforeAll(async () => {
    smtp = await startNewsletterSmtp();
  });
  afterAll(() => smtp.stop());
  beforeEach(async () => {
    storage = await database.open();
    smtp.received.length = 0;
    smtp.refuse.clear();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.stop()));
    await storage.cleanup();
  });

  async function sender(workerId: string, retryMs = 60_000, batchSize?: number): Promise<Sender> {
    const s = newsletterSender({
      db: storage.db,
      site: new SiteState(storage.db, PUBLIC_URL, { css: '', js: '' }),
      events: localContentEvents(),
      transport: await pooledSmtpTransport(smtp.url, 3),
      secret: SECRET,
      publicUrl: PUBLIC_URL,
      defaultFrom: 'Newsroom <news@example.org>',
      ratePerSecond: 1000,
      leaseMs: 60_000,
      retryMs,
      pollMs: 20,
      workerId,
      batchSize,
    });
    senders.push(s);
    return s;
  }

  async function drain(s: Sender, editionId: number) {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      if (!(await s.runOnce())) await new Promise((r) => setTimeout(r, 10));
      if ((await getEdition(storage.db, editionId)).status === 'sent') return;
    }
    throw new Error('the edition was not sent');
  }

  it('sends every subscriber one copy, with one-click unsubscribe headers, text and inlined HTML parts', async () => {
    const emails = addresses(12);
    const listId = await listWithSubscribers(storage.db, 'daily', emails);
    await suppress(storage.db, emails[3]!, 'complained', new Date());
    const editionId = await queuedEdition(storage.db, listId);
    await drain(await sender('a'), editionId);

    const counts = smtp.counts();
    expect(counts.size).toBe(11);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.has(emails[3]!)).toBe(false);

    const { mail } = smtp.received.find((r) => r.to === emails[0])!;
    expect(mail.subject).toBe('Tuesday briefing');
    expect(mail.text).toContain('Here is the news.');
    expect(mail.html).toContain('Good morning.');
    // Inlined: the styles sit on the elements themselves, and the dark-mode rules stay in a <style>.
    expect(mail.html).toMatch(/<td[^>]+style="[^"]*padding/);
    expect(mail.html).toContain('prefers-color-scheme: dark');
    expect(mail.html).toContain('role="presentation"');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const raw = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    expect(raw).toMatch(/<http:\/\/127\.0\.0\.1:3000\/newsletters\/unsubscribe\/[^>]+>/);
    const token = /\/newsletters\/unsubscribe\/([^>\s]+)>/.exec(raw)![1];
    const subscription = await storage.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
      .select('s.id')
      .where('r.email', '=', emails[0]!)
      .executeTakeFirstOrThrow();
    expect(subscriptionOfToken(SECRET, token)).toBe(subscription.id);
    expect(mail.text).toContain(`/newsletters/unsubscribe/${token}`);
    expect(mail.messageId).toMatch(
      new RegExp(`^<edition-${editionId}\\.\\d+\\.[0-9a-f]{16}@127\\.0\\.0\\.1>$`),
    );

    const progress = await sendProgress(storage.db, editionId, new Date());
    expect(progress).toMatchObject({ total: 11, sent: 11, failed: 0, left: 0 });
  });

  it('fails and suppresses at once an address the server refuses for good, and sends the rest', async () => {
    const emails = addresses(5);
    smtp.refuse.add(emails[2]!);
    const editionId = await queuedEdition(storage.db, await listWithSubscribers(storage.db, 'daily', emails));
    await drain(await sender('a'), editionId);
    expect(smtp.counts().size).toBe(4);
    expect(await suppressionOf(storage.db, emails[2]!)).toBe('bounced');
    const failed = await storage.db
      .selectFrom('newsletter_deliveries')
      .select(['email', 'error'])
      .where('state', '=', 'failed')
      .execute();
    expect(failed).toEqual([{ email: emails[2], error: 'refused (550)' }]);
  });

  it('waits while the SMTP server is down, tells the newsroom why, and finishes once it is back', async () => {
    const emails = addresses(6);
    const editionId = await queuedEdition(storage.db, await listWithSubscribers(storage.db, 'daily', emails));
    await smtp.stop();
    const s = await sender('a', 0);
    try {
      await s.runOnce();
      const waiting = await getEdition(storage.db, editionId);
      expect(waiting.status).toBe('sending');
      expect(waiting.lastError).toMatch(/could not be reached \(E[A-Z]+\)/);
      expect((await sendProgress(storage.db, editionId, new Date())).left).toBe(6);
    } finally {
      await smtp.restart();
    }
    await drain(s, editionId);
    expect([...smtp.counts().values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect((await getEdition(storage.db, editionId)).lastError).toBeNull();
  });

  it('sends nothing while paused and the rest after resuming', async () => {
    const emails = addresses(4);
    const editionId = await queuedEdition(storage.db, await listWithSubscribers(storage.db, 'daily', emails));
    await pauseEdition(storage.db, editionId);
    const s = await sender('a');
    await s.runOnce();
    expect(smtp.received).toHaveLength(0);
    await resumeEdition(storage.db, editionId);
    await drain(s, editionId);
    expect(smtp.counts().size).toBe(4);
  });

  it('never sends a row twice when two senders work on one edition at once', async () => {
    const emails = addresses(300);
    const editionId = await queuedEdition(storage.db, await listWithSubscribers(storage.db, 'daily', emails));
    const [a, b] = [await sender('a', 60_000, 10), await sender('b', 60_000, 10)];
    await Promise.all([drain(a, editionId), drain(b, editionId)]);
    const counts = smtp.counts();
    expect(counts.size).toBe(300);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    // Both took part: the claims shared the work rather than one sender taking it all.
    const by = await storage.db.selectFrom('newsletter_deliveries').select('claimed_by').distinct().execute();
    expect(by.map((r) => r.claimed_by).sort()).toEqual(['a', 'b']);
  });
});

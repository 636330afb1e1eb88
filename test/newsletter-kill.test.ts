// `kill -9` in the middle of sending an edition, on both databases: the sender runs as a process of its
// own, is killed without warning while messages are in flight, and a new one on the same database finishes
// the send. Counted at the SMTP server: nobody is left out, and the only recipients who may get a second
// copy are those whose message was in the SMTP transaction at the moment of the kill (at most one per
// connection), and that copy carries the same Message-ID as the first.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEdition } from '../src/newsletters/editions.js';
import { type TestStorage, testDatabases } from './support/databases.js';
import { type NewsletterSmtp, startNewsletterSmtp } from './support/newsletter-smtp.js';
import { addresses, listWithSubscribers, queuedEdition } from './support/newsletters.js';

const RECIPIENTS = 400;
const CONNECTIONS = 3;

function startSender(databaseUrl: string, smtpUrl: string, workerId: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'test/support/newsletter-sender-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      APP_SECRET: 'kill-test-secret-kill-test-secret-0123456',
      NEWSLETTER_RATE: '150',
      NEWSLETTER_LEASE_SECONDS: '2',
      WORKER_ID: workerId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(testDatabases)('kill -9 during a newsletter send on $name', (database) => {
  let storage: TestStorage;
  let smtp: NewsletterSmtp;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    storage = await database.open();
    smtp = await startNewsletterSmtp();
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await smtp.stop();
    await storage.cleanup();
  });

  it('resumes after the kill: everyone gets the edition, a second copy only for what was in flight', async () => {
    const emails = addresses(RECIPIENTS);
    const editionId = await queuedEdition(storage.db, await listWithSubscribers(storage.db, 'daily', emails));

    const first = startSender(storage.url!, smtp.url, 'first');
    children.push(first);
    let output = '';
    first.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await until(() => smtp.received.length >= 120, 30_000, `the first deliveries (${output})`);
    await new Promise<void>((resolve) => {
      first.once('exit', () => resolve());
      first.kill('SIGKILL');
    });
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(RECIPIENTS);
    // What the killed process left: rows handed to SMTP whose outcome it never recorded.
    const inFlight = await storage.db
      .selectFrom('newsletter_deliveries')
      .select('email')
      .where('state', '=', 'sending')
      .execute();
    expect(inFlight.length).toBeLessThanOrEqual(CONNECTIONS);

    const second = startSender(storage.url!, smtp.url, 'second');
    children.push(second);
    await until(
      async () => (await getEdition(storage.db, editionId)).status === 'sent',
      60_000,
      'the send to finish',
    );
    second.kill('SIGKILL');

    const counts = smtp.counts();
    // Nobody left out.
    expect(emails.filter((e) => !counts.has(e))).toEqual([]);
    // A second copy only where the kill left the outcome unknown, and it is the same message.
    const twice = [...counts].filter(([, n]) => n > 1).map(([email]) => email);
    expect(twice.every((e) => inFlight.some((r) => r.email === e))).toBe(true);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    for (const email of twice) {
      const ids = new Set(smtp.received.filter((r) => r.to === email).map((r) => r.mail.messageId));
      expect(ids.size).toBe(1);
    }
    expect(smtp.received.length).toBe(RECIPIENTS + twice.length);
    const states = await storage.db
      .selectFrom('newsletter_deliveries')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['sent', RECIPIENTS]]);
  }, 120_000);
});

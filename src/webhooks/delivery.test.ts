// Webhook delivery on both databases, against a real receiving server that checks every signature with the
// standardwebhooks package: the event written with the change, retries after failures on the back-off
// schedule (the clock is moved, nothing sleeps), an endpoint disabled after failing for days and enabled
// again, addresses refused before and after DNS, a test event, a manual redelivery, and two instances
// claiming from one queue, each delivery sent once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import {
  countingEvents,
  fieldsFor,
  minutesAfter,
  type Newsroom,
  newsroom,
  T0,
} from '../../test/support/editorial.js';
import {
  type Receiver,
  receiverDeps,
  startReceiver,
  subscribe,
} from '../../test/support/webhook-receiver.js';
import { createArticle } from '../editorial/drafts.js';
import { publishArticle, unpublishArticle } from '../editorial/workflow.js';
import { Invalid } from '../http/errors.js';
import { listOutbox } from '../mail/mailer.js';
import { openStorage } from '../storage/db.js';
import { deliverDue } from './deliver.js';
import { claimDueDeliveries, finishAttempt, pruneFinishedEvents } from './delivery-queries.js';
import {
  createEndpoint,
  enableEndpoint,
  listEndpoints,
  loadEndpoint,
  redeliver,
  rotateSecret,
  sendTestEvent,
} from './endpoints.js';
import { MAX_ATTEMPTS } from './retry-schedule.js';
import type { WebhookDeps } from './webhook-deps.js';

const SITE = 'https://news.example.org';
const OPTIONS = { timeoutMs: 3000, batch: 10 };

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe.each(testDatabases)('webhook delivery on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;
  let now: Date;
  let names: Record<string, string[]>;
  let deps: WebhookDeps;
  const editorial = () => ({ db: storage.db, events: countingEvents() });

  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
    now = T0;
    names = {};
    receiver.received.length = 0;
    receiver.answer = () => 200;
    receiver.secret = null;
    deps = receiverDeps(storage.db, { clock: () => now, resolveHost: async (host) => names[host] ?? [] });
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  async function endpointFor(url: string, events = ['article.published', 'article.unpublished']) {
    return subscribe(receiver, deps, room.admin, events, url);
  }

  async function publishOne(at = minutesAfter(T0, 1)) {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await publishArticle(editorial(), room.editor, article.id, at);
    // The queue runs on the same clock as the newsroom.
    if (now < at) now = at;
    return article;
  }

  const deliveries = () => storage.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();
  const attempts = () => storage.db.selectFrom('webhook_attempts').selectAll().orderBy('id').execute();

  it('sends a published article signed so that Webhook.verify accepts it, with its public facts only', async () => {
    const id = await endpointFor(receiver.url);
    const article = await publishOne();
    // Written with the publication, before anything was sent.
    expect(await deliveries()).toMatchObject([{ endpoint_id: id, status: 'pending', attempts: 0 }]);

    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.headers['webhook-id']).toMatch(/^msg_/);
    expect(got!.headers['webhook-signature']).toMatch(/^v1,/);
    expect(got!.verified).not.toBeNull();
    expect(got!.verified).toEqual({
      type: 'article.published',
      timestamp: minutesAfter(T0, 1).toISOString(),
      data: {
        id: article.id,
        slug: article.fields.slug,
        url: `${SITE}/articles/${article.fields.slug}`,
        headline: article.fields.headline,
        dek: article.fields.dek,
        publishedAt: minutesAfter(T0, 1).toISOString(),
        updatedAt: null,
        section: { id: room.sectionId, slug: 'world', name: 'World' },
        authors: [
          {
            id: room.authorId,
            slug: 'ana-reporter',
            name: 'Ana Reporter',
            url: `${SITE}/authors/ana-reporter`,
          },
        ],
      },
    });
    expect(await deliveries()).toMatchObject([{ status: 'delivered', attempts: 1, last_status: 200 }]);
    expect(await attempts()).toMatchObject([{ attempt: 1, status_code: 200, error: null }]);
    // Nothing is sent twice.
    expect(await deliverDue(deps, OPTIONS)).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('signs with the new secret once rotated, and with the old one beside it for a day only', async () => {
    const id = await endpointFor(receiver.url);
    const old = receiver.secret!;
    await rotateSecret(deps, room.admin, id);
    const fresh = (await loadEndpoint(deps, room.admin, id)).secret;
    expect(fresh).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(fresh).not.toBe(old);
    // Within the day: two signatures; a receiver with either secret accepts the message.
    await publishOne();
    receiver.secret = old;
    await deliverDue(deps, OPTIONS);
    expect(String(receiver.received[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(receiver.received[0]!.verified).not.toBeNull();
    receiver.secret = fresh;
    await redeliver(deps, room.admin, id, Number((await deliveries())[0]!.id));
    await deliverDue(deps, OPTIONS);
    expect(receiver.received[1]!.verified).not.toBeNull();
    // A day on, the old secret signs nothing.
    now = new Date(now.getTime() + 24 * 3600_000 + 1);
    receiver.secret = old;
    await redeliver(deps, room.admin, id, Number((await deliveries())[0]!.id));
    await deliverDue(deps, OPTIONS);
    expect(String(receiver.received[2]!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(receiver.received[2]!.verified).toBeNull();
  });

  it('queues nothing for an endpoint that did not choose the event, nor when no endpoint exists', async () => {
    await publishOne();
    expect(await deliveries()).toEqual([]);
    await endpointFor(receiver.url, ['article.unpublished']);
    const article = await publishOne(minutesAfter(T0, 2));
    expect(await deliveries()).toEqual([]);
    await unpublishArticle(editorial(), room.editor, article.id, minutesAfter(T0, 3));
    expect(await deliveries()).toHaveLength(1);
  });

  it('retries after 500s on the back-off schedule, with the same webhook-id, and records every attempt', async () => {
    await endpointFor(receiver.url);
    let calls = 0;
    receiver.answer = () => (++calls <= 2 ? 500 : 200);
    await publishOne();
    now = minutesAfter(T0, 1);

    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    let [delivery] = await deliveries();
    const firstRetry = new Date(delivery!.next_attempt_at!).getTime() - now.getTime();
    expect(firstRetry).toBeGreaterThanOrEqual(4000);
    expect(firstRetry).toBeLessThanOrEqual(6000);
    expect((await listEndpoints(deps, room.admin))[0]!.status).toBe('failing');

    // Not due yet: nothing is sent.
    now = new Date(now.getTime() + 3000);
    expect(await deliverDue(deps, OPTIONS)).toBe(0);

    now = new Date(delivery!.next_attempt_at!);
    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    [delivery] = await deliveries();
    const secondRetry = new Date(delivery!.next_attempt_at!).getTime() - now.getTime();
    expect(secondRetry).toBeGreaterThanOrEqual(4 * 60_000);
    expect(secondRetry).toBeLessThanOrEqual(6 * 60_000);

    now = new Date(delivery!.next_attempt_at!);
    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: 'delivered', attempts: 3, next_attempt_at: null }]);
    expect((await attempts()).map((a) => [a.attempt, a.status_code, a.error])).toEqual([
      [1, 500, 'answered 500'],
      [2, 500, 'answered 500'],
      [3, 200, null],
    ]);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
    expect(receiver.received.every((r) => r.verified !== null)).toBe(true);
    expect((await listEndpoints(deps, room.admin))[0]!.status).toBe('active');
  });

  it('disables an endpoint whose every attempt failed, mails the admins, and sends what waited once enabled', async () => {
    const id = await endpointFor(receiver.url);
    receiver.answer = () => 500;
    const first = await publishOne();
    now = minutesAfter(T0, 1);
    await deliverDue(deps, OPTIONS);
    // A second event a minute later, on the same schedule a minute behind: still waiting when it is disabled.
    now = minutesAfter(T0, 2);
    await unpublishArticle(editorial(), room.editor, first.id, now);

    // Without jitter the twelve attempts take 67.6 hours: the delivery gives up before three days pass.
    const steady = { ...OPTIONS, random: () => 0.5 };
    for (let pass = 0; pass < 40; pass++) {
      const pending = (await deliveries()).filter((d) => d.status === 'pending' && d.next_attempt_at);
      if ((await listEndpoints(deps, room.admin))[0]!.status === 'disabled') break;
      const next = Math.min(...pending.map((d) => new Date(d.next_attempt_at!).getTime()));
      now = new Date(Math.max(next, now.getTime()));
      await deliverDue(deps, steady);
    }
    const [endpoint] = await listEndpoints(deps, room.admin);
    expect(endpoint).toMatchObject({ status: 'disabled', enabled: false });
    expect(endpoint!.disabledReason).toBe(
      'All 12 attempts of a delivery failed, with no success in between.',
    );
    const [gaveUp, waiting] = await deliveries();
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(waiting).toMatchObject({ status: 'pending' });
    // About three days of trying.
    const span = new Date(gaveUp!.completed_at!).getTime() - minutesAfter(T0, 1).getTime();
    expect(span).toBeGreaterThan(67 * 3600_000);
    expect(span).toBeLessThan(68 * 3600_000);

    const mails = await listOutbox(storage.db);
    expect(
      mails.filter((m) => m.recipient === room.admin.email && /Webhook endpoint disabled/.test(m.subject)),
    ).toHaveLength(1);
    expect(mails.some((m) => m.recipient === room.editor.email)).toBe(false);

    // Nothing is sent to a disabled endpoint, however much is due.
    now = new Date(now.getTime() + 24 * 3600_000);
    const sent = receiver.received.length;
    expect(await deliverDue(deps, OPTIONS)).toBe(0);
    expect(receiver.received.length).toBe(sent);

    receiver.answer = () => 200;
    await enableEndpoint(deps, room.admin, id);
    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    expect((await deliveries())[1]).toMatchObject({ status: 'delivered' });
    expect((await listEndpoints(deps, room.admin))[0]!.status).toBe('active');
    // The one that gave up is sent again by hand.
    await redeliver(deps, room.admin, id, Number(gaveUp!.id));
    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: MAX_ATTEMPTS + 1 });
  });

  it('sends a test event and a delivery again by hand, with the same webhook-id', async () => {
    const id = await endpointFor(receiver.url);
    await sendTestEvent(deps, room.admin, id);
    await deliverDue(deps, OPTIONS);
    expect(receiver.received[0]!.verified).toMatchObject({ type: 'webhook.test', data: { endpointId: id } });
    const [delivery] = await deliveries();
    await redeliver(deps, room.admin, id, Number(delivery!.id));
    await deliverDue(deps, OPTIONS);
    expect(receiver.received.map((r) => r.id)).toEqual([receiver.received[0]!.id, receiver.received[0]!.id]);
    expect(await attempts()).toHaveLength(2);
    await expect(redeliver(deps, room.admin, id + 1, Number(delivery!.id))).rejects.toThrow();
    await expect(listEndpoints(deps, room.editor)).rejects.toThrow(/Only admins/);
  });

  describe('addresses', () => {
    const refusal = async (url: string) => {
      try {
        await createEndpoint(deps, room.admin, {
          url,
          description: '',
          events: ['article.published'],
          enabled: true,
        });
      } catch (error) {
        expect(error).toBeInstanceOf(Invalid);
        return (error as Invalid).fields.url;
      }
      return null;
    };

    it('refuses private, loopback and link-local addresses at save time, after resolving the name', async () => {
      deps.allowedHosts = [];
      names['intranet.example.org'] = ['10.20.30.40'];
      names['metadata.example.org'] = ['169.254.169.254'];
      names['mixed.example.org'] = ['93.184.216.34', 'fd00::5'];
      names['public.example.org'] = ['93.184.216.34'];
      expect(await refusal('https://intranet.example.org/hook')).toMatch(
        /leads to 10\.20\.30\.40, a private network/,
      );
      expect(await refusal('https://metadata.example.org/hook')).toMatch(/metadata/);
      expect(await refusal('https://mixed.example.org/hook')).toMatch(/fd00::5/);
      expect(await refusal(receiver.url)).toMatch(/127\.0\.0\.1 is a loopback/);
      expect(await refusal('http://[::1]:8080/hook')).toMatch(/::1 is a loopback/);
      expect(await refusal('http://100.64.1.1/hook')).toMatch(/carrier-grade/);
      expect(await refusal('http://0.0.0.0/hook')).toMatch(/unspecified/);
      expect(await refusal('https://localhost/hook')).toMatch(/local network/);
      expect(await refusal('https://nowhere.example.org/hook')).toMatch(/could not be found/);
      expect(await refusal('ftp://public.example.org/hook')).toMatch(/https:/);
      expect(await refusal('https://user:pw@public.example.org/hook')).toMatch(/password/);
      expect(await refusal('https://public.example.org/hook')).toBeNull();
      expect(await storage.db.selectFrom('webhook_endpoints').select('url').execute()).toEqual([
        { url: 'https://public.example.org/hook' },
      ]);
    });

    it('refuses at send time a name that has turned private, connecting to nothing', async () => {
      deps.allowedHosts = [];
      const port = new URL(receiver.url).port;
      names['rebind.example.org'] = ['93.184.216.34'];
      await endpointFor(`http://rebind.example.org:${port}/hooks`);
      await publishOne();
      // The name now leads to this machine, where the receiver listens.
      names['rebind.example.org'] = ['127.0.0.1'];
      await deliverDue(deps, OPTIONS);
      expect(receiver.received).toEqual([]);
      expect(await attempts()).toMatchObject([
        { status_code: null, error: expect.stringMatching(/^refused:/) },
      ]);
      expect(await deliveries()).toMatchObject([{ status: 'pending', attempts: 1 }]);
    });

    it('refuses at send time a literal address no longer allowed', async () => {
      await endpointFor(receiver.url);
      await publishOne();
      deps.allowedHosts = [];
      await deliverDue(deps, OPTIONS);
      expect(receiver.received).toEqual([]);
      expect(await attempts()).toMatchObject([
        { error: 'refused: 127.0.0.1 is a loopback address (this machine)' },
      ]);
    });
  });

  it('sends again a delivery whose instance died holding its claim, once the claim runs out', async () => {
    await endpointFor(receiver.url);
    await publishOne();
    // An instance claims it and dies before sending: nothing recorded, the claim held.
    const [claimed] = await claimDueDeliveries(storage.db, {
      now,
      leaseUntil: new Date(now.getTime() + 60_000),
      token: 'dead-instance',
      limit: 10,
    });
    expect(claimed).toBeDefined();
    expect(await deliverDue(deps, OPTIONS)).toBe(0);
    now = new Date(now.getTime() + 61_000);
    expect(await deliverDue(deps, OPTIONS)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    // The dead instance's late word changes nothing.
    expect(
      await finishAttempt(storage.db, claimed!.id, 'dead-instance', {
        status: 'failed',
        attempts: 1,
        next_attempt_at: null,
        last_status: null,
        last_error: 'late',
        completed_at: null,
      }),
    ).toBe(false);
    expect(await deliveries()).toMatchObject([{ status: 'delivered', attempts: 1 }]);
  });

  it('forgets finished events after a month, never one still waiting', async () => {
    await endpointFor(receiver.url);
    await publishOne();
    await deliverDue(deps, OPTIONS);
    receiver.answer = () => 500;
    await publishOne(minutesAfter(T0, 2));
    await deliverDue(deps, OPTIONS);
    const cutoff = minutesAfter(T0, 60 * 24 * 31);
    expect(await pruneFinishedEvents(storage.db, minutesAfter(T0, 1))).toBe(0);
    expect(await pruneFinishedEvents(storage.db, cutoff)).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: 'pending', attempts: 1 }]);
    expect(await attempts()).toHaveLength(1);
    expect(await storage.db.selectFrom('webhook_events').select('type').execute()).toHaveLength(1);
  });

  it('two instances claiming from one queue at once send every delivery exactly once', async () => {
    await endpointFor(receiver.url);
    receiver.answer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 200;
    };
    for (let i = 0; i < 12; i++) await publishOne(minutesAfter(T0, 1 + i));
    now = minutesAfter(T0, 30);
    const other = openStorage(storage.url!);
    try {
      const second: WebhookDeps = { ...deps, db: other.db };
      const small = { ...OPTIONS, batch: 3 };
      for (let round = 0; round < 10; round++) {
        const [a, b] = await Promise.all([deliverDue(deps, small), deliverDue(second, small)]);
        if (a + b === 0) break;
      }
    } finally {
      await other.close();
    }
    const counts = receiver.countsById();
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await attempts()).toHaveLength(12);
  });
});

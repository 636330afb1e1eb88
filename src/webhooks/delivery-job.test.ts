// The delivery job's pass on both databases: it asks for another pass at once while a batch was full, and
// forgets finished events past KEEP_DAYS at most once an hour. How often passes run is periodic-job's test.
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
import { publishArticle } from '../editorial/workflow.js';
import { webhookDeliveryPass } from './delivery-job.js';
import type { WebhookDeps } from './webhook-deps.js';

const DAY_MINUTES = 24 * 60;

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe.each(testDatabases)('the webhook delivery pass on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;
  let now: Date;
  let deps: WebhookDeps;

  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
    now = T0;
    receiver.received.length = 0;
    receiver.answer = () => 200;
    deps = receiverDeps(storage.db, { clock: () => now });
    await subscribe(receiver, deps, room.admin);
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  async function publishAt(at: Date) {
    const article = await createArticle(storage.db, room.editor, fieldsFor(room), 'manual', T0);
    await publishArticle({ db: storage.db, events: countingEvents() }, room.editor, article.id, at);
  }
  const events = async () => (await storage.db.selectFrom('webhook_events').select('id').execute()).length;

  it('asks for another pass while a batch was full, and not once it was not', async () => {
    for (let i = 1; i <= 3; i++) await publishAt(minutesAfter(T0, i));
    now = minutesAfter(T0, 10);
    const pass = webhookDeliveryPass(deps, { timeoutMs: 3000, batch: 2 });
    expect(await pass()).toBe(true);
    expect(receiver.received).toHaveLength(2);
    expect(await pass()).toBe(false);
    expect(receiver.received).toHaveLength(3);
  });

  it('forgets finished events past KEEP_DAYS on its first pass, and then at most once an hour', async () => {
    await publishAt(minutesAfter(T0, 1));
    const pass = webhookDeliveryPass(deps, { timeoutMs: 3000, batch: 10 });
    now = minutesAfter(T0, 31 * DAY_MINUTES);
    await pass();
    // Sent by this pass, and a month old: forgotten by the same pass.
    expect(await events()).toBe(0);

    await publishAt(minutesAfter(T0, 2));
    now = minutesAfter(T0, 31 * DAY_MINUTES + 10);
    await pass();
    expect(receiver.received).toHaveLength(2);
    expect(await events()).toBe(1);
    now = minutesAfter(T0, 31 * DAY_MINUTES + 61);
    await pass();
    expect(await events()).toBe(0);
  });
});

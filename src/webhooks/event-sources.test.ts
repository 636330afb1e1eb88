// Every event type fired by its real action through the whole app, on both databases: an endpoint added
// through the newsroom's form (admins only, CSRF-checked), articles published by hand and on schedule,
// updated, corrected and unpublished through the editorial functions, a comment approved in the moderation
// queue, a donation completed through the Stripe stand-in; each received and verified with Webhook.verify,
// carrying the public facts and never an email or an address.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sameOrigin, type TestApp } from '../../test/support/app.js';
import { commentFields, sendComment, setSettings } from '../../test/support/comments.js';
import { addArticle } from '../../test/support/content.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, newsroom } from '../../test/support/editorial.js';
import { addStaff, type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { DONOR, startDonationVia } from '../../test/support/revenue.js';
import { injectInto, type StripeStandin, startStripeStandin } from '../../test/support/stripe-standin.js';
import { type Receiver, startReceiver } from '../../test/support/webhook-receiver.js';
import { addCorrection } from '../editorial/corrections.js';
import { createArticle, saveArticle } from '../editorial/drafts.js';
import { loadArticle } from '../editorial/editable.js';
import { publishDueArticles } from '../editorial/scheduler.js';
import { publishArticle, scheduleArticle, unpublishArticle } from '../editorial/workflow.js';
import { deliverDue } from './deliver.js';
import { WEBHOOK_EVENT_TYPES } from './event-types.js';
import type { WebhookDeps } from './webhook-deps.js';

let receiver: Receiver;
let standin: StripeStandin;
beforeAll(async () => {
  receiver = await startReceiver();
  standin = await startStripeStandin();
});
afterAll(async () => {
  await receiver.close();
  await standin.close();
});

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe.each(testDatabases)('webhook events from their actions on $name', (database) => {
  let t: TestApp;
  let admin: Browserish;
  let editorBrowser: Browserish;

  beforeEach(async () => {
    t = await buildTestApp({ database, env: { ...standin.env, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    standin.deliverTo = injectInto(t.app);
    standin.world.now = () => new Date();
    admin = await signInAs(t.app, (await addStaff(t.storage.db, 'admin')).email);
    editorBrowser = await signInAs(t.app, (await addStaff(t.storage.db, 'editor')).email);
    receiver.received.length = 0;
    receiver.answer = () => 200;
    return () => t.close();
  });

  /** The endpoint form as a browser sends it: one `events` field per ticked box. */
  function addEndpoint(who: Browserish, url: string, events: readonly string[]) {
    return t.app.inject({
      method: 'POST',
      url: '/admin/webhooks',
      headers: { ...sameOrigin, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: [
        `_csrf=${encodeURIComponent(who.csrf)}`,
        `url=${encodeURIComponent(url)}`,
        'description=Partner+app',
        'enabled=1',
        ...events.map((e) => `events=${encodeURIComponent(e)}`),
      ].join('&'),
    });
  }

  function webhookDeps(clock = () => new Date()): WebhookDeps {
    return {
      db: t.storage.db,
      clock,
      resolveHost: async () => [],
      allowedHosts: t.deps.config.webhooks.allowedHosts,
      publicUrl: t.deps.config.publicUrl,
      mailer: t.deps.mailer,
    };
  }

  it('keeps the screens to admins and refuses a form without its token or with a private address', async () => {
    expect(
      (await t.app.inject({ url: '/admin/webhooks', headers: { cookie: editorBrowser.cookie } })).statusCode,
    ).toBe(403);
    expect((await addEndpoint(editorBrowser, receiver.url, ['article.published'])).statusCode).toBe(403);
    expect(
      (await addEndpoint({ ...admin, csrf: 'forged' }, receiver.url, ['article.published'])).statusCode,
    ).toBe(403);
    const refused = await addEndpoint(admin, 'http://10.0.0.8/hook', ['article.published']);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('10.0.0.8 is a private network address');
    const none = await addEndpoint(admin, receiver.url, []);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one event.');
    expect(await t.storage.db.selectFrom('webhook_endpoints').selectAll().execute()).toEqual([]);

    const added = await addEndpoint(admin, receiver.url, ['article.published']);
    expect(added.statusCode).toBe(303);
    const screen = await t.app.inject({
      url: String(added.headers.location),
      headers: { cookie: admin.cookie },
    });
    expect(screen.statusCode).toBe(200);
    expect(screen.headers['cache-control']).toBe('no-store');
    expect(screen.body).toMatch(/<code>whsec_[A-Za-z0-9+/]{32}<\/code>/);
    const list = await t.app.inject({ url: '/admin/webhooks', headers: { cookie: admin.cookie } });
    expect(list.body).toContain('Active');

    // The test button queues a message that is sent like any other, and shows in the log.
    const id = /\/admin\/webhooks\/(\d+)/.exec(String(added.headers.location))![1];
    receiver.secret = /<code>(whsec_[^<]+)<\/code>/.exec(screen.body)![1]!;
    expect((await post(t.app, `/admin/webhooks/${id}/test`, {}, admin)).statusCode).toBe(303);
    await deliverDue(webhookDeps());
    expect(receiver.received[0]!.verified).toMatchObject({ type: 'webhook.test' });
    const log = await t.app.inject({ url: `/admin/webhooks/${id}`, headers: { cookie: admin.cookie } });
    expect(log.body).toContain('<code>webhook.test</code>');
    expect(log.body).toMatch(/<td>200<\/td><td>\d+ ms<\/td>/);
  });

  it('sends each event type from the action that makes it, verified, without private data', async () => {
    const added = await addEndpoint(admin, receiver.url, WEBHOOK_EVENT_TYPES);
    expect(added.statusCode).toBe(303);
    const screen = await t.app.inject({
      url: String(added.headers.location),
      headers: { cookie: admin.cookie },
    });
    receiver.secret = /<code>(whsec_[^<]+)<\/code>/.exec(screen.body)![1]!;

    // The newsroom's articles, through the editorial functions the routes call.
    const room = await newsroom(t.storage.db);
    const editorial = { db: t.storage.db, events: t.deps.events };
    const draft = await createArticle(t.storage.db, room.editor, fieldsFor(room), 'manual', minutes(0));
    await publishArticle(editorial, room.editor, draft.id, minutes(0));
    const saved = await saveArticle(
      editorial,
      room.editor,
      draft.id,
      fieldsFor(room, { headline: 'Russia Withdraws From Kharkiv', slug: draft.fields.slug }),
      { baseVersion: (await loadArticle(t.storage.db, draft.id)).version, kind: 'manual', now: minutes(0) },
    );
    expect(saved.saved).toBe(true);
    await addCorrection(
      editorial,
      room.editor,
      draft.id,
      { kind: 'correction', text: 'An earlier version misnamed the ministry.' },
      minutes(0),
    );
    await unpublishArticle(editorial, room.editor, draft.id, minutes(0));
    const later = await createArticle(
      t.storage.db,
      room.editor,
      fieldsFor(room, { headline: 'A Scheduled Story' }),
      'manual',
      minutes(0),
    );
    await scheduleArticle(editorial, room.editor, later.id, minutes(1), minutes(0));
    expect((await publishDueArticles(editorial, minutes(2))).published).toHaveLength(1);

    // A reader's comment held for moderation, approved in the queue.
    const slug = `story-${randomUUID().slice(0, 8)}`;
    const articleId = await addArticle(t.storage.db, { slug, headline: 'Commented story' });
    await setSettings(t.storage.db, { mode: 'hold_all' });
    const email = `commenter-${randomUUID().slice(0, 6)}@example.org`;
    const posted = await sendComment(
      t.app,
      slug,
      commentFields(articleId, { email, name: 'Cleo Commenter' }),
      {
        json: true,
        ip: '198.51.100.77',
      },
    );
    const commentId = posted.json().id as number;
    const approved = await post(
      t.app,
      '/admin/comments/bulk',
      { one: `approve:${commentId}`, back: '/admin/comments' },
      admin,
    );
    expect(approved.statusCode).toBe(303);
    // And one shown at once, with no moderator in between.
    await setSettings(t.storage.db, { mode: 'approve_all' });
    const shown = await sendComment(
      t.app,
      slug,
      commentFields(articleId, {
        email,
        name: 'Cleo Commenter',
        comment: 'A second thought, shown at once.',
      }),
      { json: true, ip: '198.51.100.78' },
    );
    expect(shown.statusCode).toBe(201);
    const shownId = shown.json().id as number;
    // A comment held stays unheard of until approved.
    await setSettings(t.storage.db, { mode: 'hold_all' });
    const held = await sendComment(t.app, slug, commentFields(articleId, { email }), {
      json: true,
      ip: '198.51.100.79',
    });
    expect(held.statusCode).toBe(202);

    // A donation completed at the payment provider.
    const sessionId = await startDonationVia(t.app);
    const [completed] = standin.world.completeCheckout(sessionId);
    expect((await standin.deliver(completed!)).status).toBe(200);

    // An hour on: everything, the scheduled publication too, is due.
    while ((await deliverDue(webhookDeps(() => minutes(60)))) > 0) {}
    // Sent a batch at a time, concurrently: put back in the order the events were written.
    const order = (
      await t.storage.db.selectFrom('webhook_events').select('message_id').orderBy('id').execute()
    ).map((e) => e.message_id);
    const got = [...receiver.received]
      .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
      .map((r) => r.verified);
    expect(got.every((g) => g !== null)).toBe(true);
    expect(got.map((g) => g!.type)).toEqual([
      'article.published',
      'article.updated',
      'correction.added',
      'article.unpublished',
      'article.published',
      'comment.approved',
      'comment.approved',
      'donation.completed',
    ]);
    const [published, updated, correction, , scheduled, comment, shownComment, donation] = got;
    expect(published!.data).toMatchObject({
      id: draft.id,
      headline: draft.fields.headline,
      section: { name: 'World' },
    });
    expect(updated!.data).toMatchObject({ id: draft.id, headline: 'Russia Withdraws From Kharkiv' });
    expect(correction!.data).toMatchObject({
      kind: 'correction',
      placement: 'top',
      article: { id: draft.id },
    });
    expect(scheduled!.data).toMatchObject({ id: later.id, headline: 'A Scheduled Story' });
    expect(comment!.data).toMatchObject({
      id: commentId,
      authorName: 'Cleo Commenter',
      article: { id: articleId, slug, url: `${t.deps.config.publicUrl}/articles/${slug}` },
    });
    expect(shownComment!.data).toMatchObject({ id: shownId, text: 'A second thought, shown at once.' });
    expect(Object.keys(donation!.data).sort()).toEqual(['amount', 'currency', 'id']);
    // The site's language is plain "en", whose likeliest region is the US: the donation currency follows it.
    expect(donation!.data).toMatchObject({ amount: 2500, currency: 'USD' });
    const everything = receiver.received.map((r) => r.body).join('\n');
    for (const secret of [
      email,
      DONOR.email,
      DONOR.name,
      '198.51.100.77',
      '198.51.100.78',
      'ip_key',
      'email_key',
    ])
      expect(everything).not.toContain(secret);
    // One message each, never twice.
    expect([...receiver.countsById().values()].every((n) => n === 1)).toBe(true);
  });
});

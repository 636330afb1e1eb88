// The newsroom's newsletter screens through the app, on both databases: a list added, an edition written
// from chosen articles and a section, previewed as email and web page, tested to oneself, sent (its progress
// shown), a CSV import with broken rows reported by line, the export, and who may do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { addArticle, addSection } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, post, signInAs } from '../../../test/support/newsroom.js';
import { suppress } from '../suppression.js';

describe.each(testDatabases)('newsletter screens on $name', (database) => {
  let t: TestApp;
  let editor: Browserish;
  let listId: number;

  beforeAll(async () => {
    t = await buildTestApp({ database });
    const db = t.storage.db;
    await addStaff(db, 'editor', { email: 'editor@example.org' });
    await addStaff(db, 'contributor', { email: 'writer@example.org' });
    editor = await signInAs(t.app, 'editor@example.org');
    const section = await addSection(db, 'city', 'City');
    await addArticle(db, { slug: 'bridge-vote', headline: 'The bridge vote', sectionId: section });
    await addArticle(db, {
      slug: 'park-opens',
      headline: 'A park opens',
      sectionId: section,
      publishedAt: '2026-11-21T10:00:00.000Z',
    });
  });
  afterAll(() => t.close());

  it('adds a newsletter, and refuses a second one at the same address', async () => {
    const fields = {
      name: 'Daily Briefing',
      slug: 'daily',
      description: 'Mornings.',
      frequency: 'Daily',
      sender: '',
    };
    const added = await post(t.app, '/admin/newsletters/lists', fields, editor);
    expect(added.statusCode).toBe(303);
    const again = await post(t.app, '/admin/newsletters/lists', fields, editor);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Already taken.');
    listId = (await t.storage.db.selectFrom('newsletter_lists').select('id').executeTakeFirstOrThrow()).id;
    const page = await t.app.inject({ url: '/newsletters' });
    expect(page.body).toContain('Daily Briefing');
  });

  it('imports good rows, reports broken ones by line, and keeps unsubscribed addresses suppressed', async () => {
    const csv = [
      'Email Address,First Name,OPTIN_TIME,status',
      'ann@example.org,Ann,2024-03-01 09:30:00,subscribed',
      'not-an-address,Bob,2024-03-01 09:30:00,subscribed',
      '"carol@example.org","Carol, C.",2024-03-02 10:00:00,subscribed',
      'dan@example.org,Dan,yesterday,subscribed',
      'gone@example.org,Gone,2024-01-01 00:00:00,unsubscribed',
      ',,,',
    ].join('\r\n');
    const boundary = '----newsletterimport';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="_csrf"',
      '',
      editor.csrf,
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="members.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await t.app.inject({
      method: 'POST',
      url: `/admin/newsletters/lists/${listId}/import`,
      headers: {
        origin: 'http://127.0.0.1:3000',
        cookie: editor.cookie,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Imported 2; kept suppressed 1; 3 rows not imported.');
    expect(response.body).toContain('Line 3: not an email address');
    expect(response.body).toContain('Line 5: the consent date is not a date');
    expect(response.body).toContain('Line 7: no email address');
    const subs = await t.storage.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
      .select(['r.email', 's.consent_at', 's.status'])
      .orderBy('r.email')
      .execute();
    expect(subs).toEqual([
      { email: 'ann@example.org', consent_at: '2024-03-01T09:30:00.000Z', status: 'active' },
      { email: 'carol@example.org', consent_at: '2024-03-02T10:00:00.000Z', status: 'active' },
    ]);
    const gone = await t.storage.db.selectFrom('newsletter_suppressions').selectAll().execute();
    expect(gone.map((g) => [g.email, g.reason])).toEqual([['gone@example.org', 'imported']]);

    const exported = await t.app.inject({
      url: `/admin/newsletters/lists/${listId}/subscribers.csv`,
      headers: { cookie: editor.cookie },
    });
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.body.split('\r\n')[0]).toBe(
      'email,status,consent_date,consent_form,consent_wording,unsubscribed_at,suppressed',
    );
    expect(exported.body).toContain(
      'ann@example.org,active,2024-03-01T09:30:00.000Z,import,Imported from a CSV import,,',
    );
  });

  it('writes an edition, previews it as email and web page, tests it, sends it and shows the progress', async () => {
    // A draft may name a story not yet published; the preview says which one is missing.
    const draft = await post(
      t.app,
      '/admin/newsletters/editions/new',
      { listId: String(listId), subject: 'Monday', intro: 'Hello.', articles: 'no-such-story' },
      editor,
    );
    expect(draft.statusCode).toBe(303);
    const missing = await t.app.inject({
      url: `${draft.headers.location}/preview/email`,
      headers: { cookie: editor.cookie, accept: 'application/json' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.articles).toBe('Not published: no-such-story');
    const created = await post(
      t.app,
      '/admin/newsletters/editions/new',
      {
        listId: String(listId),
        subject: 'Monday briefing',
        intro: 'Good morning.',
        articles: 'bridge-vote\n',
      },
      editor,
    );
    expect(created.statusCode).toBe(303);
    const base = created.headers.location as string;
    expect(base).toMatch(/^\/admin\/newsletters\/editions\/\d+$/);

    const email = await t.app.inject({ url: `${base}/preview/email`, headers: { cookie: editor.cookie } });
    expect(email.statusCode).toBe(200);
    expect(email.body).toContain('The bridge vote');
    expect(email.body).toMatch(/style="[^"]+"/);
    expect(email.headers['content-security-policy']).toContain("default-src 'none'");
    const web = await t.app.inject({ url: `${base}/preview/web`, headers: { cookie: editor.cookie } });
    expect(web.body).toContain('The bridge vote');

    const test = await post(t.app, `${base}/test`, {}, editor);
    expect(test.statusCode).toBe(303);
    const mail = await t.storage.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', 'editor@example.org')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('[Test] Monday briefing');
    expect(mail.html_body).toContain('The bridge vote');

    await suppress(t.storage.db, 'carol@example.org', 'complained', new Date());
    const sent = await post(t.app, `${base}/send`, {}, editor);
    expect(sent.statusCode).toBe(303);
    const page = await t.app.inject({ url: base, headers: { cookie: editor.cookie } });
    expect(page.headers.refresh).toBe('5');
    expect(page.body).toMatch(/<dd data-left(="")?(="true")?>1<\/dd>/);
    const progress = await t.app.inject({ url: `${base}/progress`, headers: { cookie: editor.cookie } });
    expect(progress.json()).toMatchObject({ status: 'sending', total: 1, sent: 0, left: 1 });
    const again = await post(t.app, `${base}/send`, {}, editor);
    expect(again.statusCode).toBe(303);
    const paused = await post(t.app, `${base}/pause`, {}, editor);
    expect(paused.statusCode).toBe(303);
    expect(
      (await t.app.inject({ url: `${base}/progress`, headers: { cookie: editor.cookie } })).json().status,
    ).toBe('paused');
    // The archive shows the edition as soon as it is being sent.
    const archive = await t.app.inject({ url: '/newsletters/daily' });
    expect(archive.body).toContain('Monday briefing');
  });

  it('keeps contributors out', async () => {
    const writer = await signInAs(t.app, 'writer@example.org');
    const response = await t.app.inject({ url: '/admin/newsletters', headers: { cookie: writer.cookie } });
    expect(response.statusCode).toBe(403);
  });
});

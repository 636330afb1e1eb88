// Invitations and password resets on both databases, by a real SMTP server and through the outbox: one-time
// links that create an account or change a password, refused once used, replaced, withdrawn or expired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { freePort } from '../../../test/support/free-port.js';
import {
  addStaff,
  type Browserish,
  linkIn,
  pathOf,
  post,
  sessionCookie,
  signInAs,
  startSmtpServer,
} from '../../../test/support/newsroom.js';
import { smtpMailer } from '../../mail/mailer.js';

const NEW_PASSWORD = 'a brand new long passphrase';
const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabases)('invitations and password resets by SMTP on $name', (database) => {
  let site: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: Browserish;
  let now = new Date('2025-06-01T08:00:00Z');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    site = await buildTestApp({
      database,
      clock: () => now,
      mailer: smtpMailer({ url: smtp.url, from: 'Newsroom <newsroom@example.org>' }),
    });
    const { email } = await addStaff(site.storage.db, 'admin', { name: 'Ada Admin', now });
    admin = await signInAs(site.app, email);
  });
  afterAll(async () => {
    await site.close();
    await smtp.close();
  });

  it('invites an editor by email; the link creates the account, signs in, works once', async () => {
    const sent = await post(
      site.app,
      '/admin/staff/invite',
      { email: 'New.Editor@Example.org', role: 'editor' },
      admin,
    );
    expect(sent.statusCode).toBe(303);
    const [mail] = await smtp.waitForMail(1);
    expect(mail!.to).toEqual(['new.editor@example.org']);
    expect(mail!.text).toContain('Ada Admin invited you to join');
    expect(mail!.text).toContain('as an editor');
    // "the newsroom of …", not "the … newsroom": a site called "The Riverside Ledger" reads "the The" otherwise.
    expect(mail!.text).toContain('join the newsroom of Broadsheet as an editor');
    expect(mail!.raw).toContain('Subject: You are invited to the newsroom of Broadsheet');
    const link = linkIn(mail!.text, 'invitations');
    expect(link.startsWith('http://127.0.0.1:3000/admin/invitations/')).toBe(true);
    // Only the hash is kept.
    const token = link.split('/').pop()!;
    const stored = await site.storage.db.selectFrom('staff_invitations').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const staffPage = await site.app.inject({ url: '/admin/staff', headers: { cookie: admin.cookie } });
    expect(staffPage.body).toContain('Invitations not yet accepted');
    expect(staffPage.body).toContain('new.editor@example.org');

    const form = await site.app.inject({ url: pathOf(link) });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('new.editor@example.org');

    const weak = await post(site.app, pathOf(link), {
      name: 'Nia Editor',
      password: 'short',
      confirm: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Password must be at least 12 characters.');
    expect(weak.body).toContain('value="Nia Editor"');
    const same = await post(site.app, pathOf(link), {
      name: 'Nia Editor',
      password: 'new.editor@example.org',
      confirm: 'new.editor@example.org',
    });
    expect(same.body).toContain('Password must not be your email address.');
    const mismatch = await post(site.app, pathOf(link), {
      name: 'Nia Editor',
      password: NEW_PASSWORD,
      confirm: `${NEW_PASSWORD}!`,
    });
    expect(mismatch.body).toContain('The two passwords are not the same.');

    const accepted = await post(site.app, pathOf(link), {
      name: 'Nia Editor',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/admin');
    const home = await site.app.inject({ url: '/admin', headers: { cookie: sessionCookie(accepted) } });
    expect(home.body).toContain('Hello, Nia Editor');
    expect(home.body).toContain('Editor');

    const again = await site.app.inject({ url: pathOf(link) });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('This invitation link is not valid any more');
    const reuse = await post(site.app, pathOf(link), {
      name: 'Mallory',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(reuse.statusCode).toBe(404);
    expect(
      await site.storage.db.selectFrom('staff').select('name').where('name', '=', 'Mallory').execute(),
    ).toEqual([]);

    const signedIn = await signInAs(site.app, 'new.editor@example.org', NEW_PASSWORD);
    expect(signedIn.csrf).toBeTruthy();
  });

  it('refuses a bad email or role, or someone on the staff, keeping what was typed', async () => {
    const bad = await post(site.app, '/admin/staff/invite', { email: 'not-an-email', role: 'owner' }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Email must be an email address');
    expect(bad.body).toContain('Role must be one of contributor, editor, admin.');
    expect(bad.body).toContain('value="not-an-email"');
    const taken = await post(
      site.app,
      '/admin/staff/invite',
      { email: 'NEW.editor@example.org', role: 'editor' },
      admin,
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Someone on the staff already uses this email.');
  });

  it('an invitation replaced by a newer one, withdrawn, or expired no longer works', async () => {
    const before = smtp.mails.length;
    await post(site.app, '/admin/staff/invite', { email: 'twice@example.org', role: 'contributor' }, admin);
    await post(site.app, '/admin/staff/invite', { email: 'twice@example.org', role: 'contributor' }, admin);
    const mails = await smtp.waitForMail(before + 2);
    const first = pathOf(linkIn(mails[before]!.text, 'invitations'));
    const second = pathOf(linkIn(mails[before + 1]!.text, 'invitations'));
    expect((await site.app.inject({ url: first })).statusCode).toBe(404);
    expect((await site.app.inject({ url: second })).statusCode).toBe(200);

    const pending = await site.storage.db
      .selectFrom('staff_invitations')
      .select('id')
      .where('email', '=', 'twice@example.org')
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    await post(site.app, `/admin/staff/invitations/${pending.id}/withdraw`, {}, admin);
    expect((await site.app.inject({ url: second })).statusCode).toBe(404);

    await post(site.app, '/admin/staff/invite', { email: 'late@example.org', role: 'contributor' }, admin);
    const late = pathOf(linkIn((await smtp.waitForMail(before + 3))[before + 2]!.text, 'invitations'));
    now = new Date(now.getTime() + 8 * DAY);
    expect((await site.app.inject({ url: late })).statusCode).toBe(404);
    admin = await signInAs(
      site.app,
      (
        await site.storage.db
          .selectFrom('staff')
          .select('email')
          .where('role', '=', 'admin')
          .executeTakeFirstOrThrow()
      ).email,
    );
  });

  it('resets a password by email: same answer for all, one-time link, signs out everywhere', async () => {
    const { email } = await addStaff(site.storage.db, 'contributor', { email: 'forgetful@example.org', now });
    const other = await signInAs(site.app, email);
    const before = smtp.mails.length;

    const known = await post(site.app, '/admin/password-reset', { email: 'Forgetful@example.org' });
    const unknown = await post(site.app, '/admin/password-reset', { email: 'stranger@example.org' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(known.body)).toBe(strip(unknown.body));

    const mails = await smtp.waitForMail(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.length).toBe(before + 1);
    expect(mails[before]!.to).toEqual(['forgetful@example.org']);
    const link = pathOf(linkIn(mails[before]!.text, 'password-reset'));

    const weak = await post(site.app, link, { password: 'tiny', confirm: 'tiny' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Password must be at least 12 characters.');
    const done = await post(site.app, link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/sign-in');

    expect((await site.app.inject({ url: '/admin', headers: { cookie: other.cookie } })).statusCode).toBe(
      302,
    );
    expect((await post(site.app, link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).statusCode).toBe(
      404,
    );
    expect(
      (await post(site.app, '/admin/sign-in', { email, password: 'correct horse battery staple' }))
        .statusCode,
    ).toBe(400);
    await signInAs(site.app, email, NEW_PASSWORD);
  });

  it('a reset link expires after an hour', async () => {
    const before = smtp.mails.length;
    await post(site.app, '/admin/password-reset', { email: 'forgetful@example.org' });
    const link = pathOf(linkIn((await smtp.waitForMail(before + 1))[before]!.text, 'password-reset'));
    now = new Date(now.getTime() + 61 * 60 * 1000);
    const expired = await site.app.inject({ url: link });
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain('This password reset link is not valid any more');
  });
});

describe.each(testDatabases)('invitations and resets through the outbox on $name', (database) => {
  let site: TestApp;
  /** What the app logged (every level) and what reached the console meanwhile. */
  const logged: string[] = [];
  const printed: string[] = [];
  const originalWrite = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    site = await buildTestApp({
      database,
      env: { LOG_LEVEL: 'trace' },
      logStream: { write: (line) => void logged.push(line) },
    });
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return originalWrite(chunk, ...rest);
    }) as typeof process.stdout.write;
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    await site.close();
  });

  it('keeps the links in the outbox for admins only, never on the console or in the log', async () => {
    const { email } = await addStaff(site.storage.db, 'admin', { name: 'Olu Admin' });
    const admin = await signInAs(site.app, email);
    await post(site.app, '/admin/staff/invite', { email: 'writer@example.org', role: 'contributor' }, admin);

    const outbox = await site.app.inject({ url: '/admin/outbox', headers: { cookie: admin.cookie } });
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toContain('To writer@example.org');
    const link = linkIn(outbox.body, 'invitations');
    expect(outbox.body).toContain(`<a href="${link}" rel="noreferrer">${link}</a>`);

    const nav = await site.app.inject({ url: '/admin', headers: { cookie: admin.cookie } });
    expect(nav.body).toContain('href="/admin/outbox"');

    const accepted = await post(site.app, pathOf(link), {
      name: 'Wren Writer',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(accepted.statusCode).toBe(303);
    const home = await site.app.inject({ url: '/admin', headers: { cookie: sessionCookie(accepted) } });
    expect(home.body).toContain('Contributor');
    expect(home.body).not.toContain('href="/admin/outbox"');

    // The reset mail is sent after the answer; wait for it in the outbox.
    const reset = await post(site.app, '/admin/password-reset', { email: 'writer@example.org' });
    expect(reset.statusCode).toBe(200);
    let outboxAgain = '';
    for (let i = 0; i < 50 && !outboxAgain.includes('/admin/password-reset/'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      outboxAgain = (await site.app.inject({ url: '/admin/outbox', headers: { cookie: admin.cookie } })).body;
    }
    const resetLink = linkIn(outboxAgain, 'password-reset');
    // Newest first.
    expect(outboxAgain.indexOf(resetLink)).toBeLessThan(outboxAgain.indexOf(link));
    const changed = await post(site.app, pathOf(resetLink), {
      password: `${NEW_PASSWORD} again`,
      confirm: `${NEW_PASSWORD} again`,
    });
    expect(changed.statusCode).toBe(303);

    // The capture is live: a line the app logs arrives.
    site.app.log.warn('capture check');
    expect(logged.join('')).toContain('capture check');
    const output = `${logged.join('')}\n${printed.join('')}`;
    for (const secret of [link, resetLink, link.split('/').pop()!, resetLink.split('/').pop()!]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toContain('/admin/invitations/');
    expect(output).not.toContain('/admin/password-reset/');
    expect(output).not.toMatch(/writer@example\.org/i);
    expect(output).not.toContain(email);
  });
});

describe('a password reset whose mail cannot be sent', () => {
  it('logs that it failed and how, without the address or the link', async () => {
    const logged: string[] = [];
    const closedPort = await freePort();
    const site = await buildTestApp({
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line) => void logged.push(line) },
      mailer: smtpMailer({ url: `smtp://127.0.0.1:${closedPort}`, from: 'Newsroom <newsroom@example.org>' }),
    });
    try {
      const { email } = await addStaff(site.storage.db, 'editor', { email: 'unlucky.editor@example.org' });
      const asked = await post(site.app, '/admin/password-reset', { email });
      expect(asked.statusCode).toBe(200);
      for (let i = 0; i < 250 && !logged.join('').includes('password reset mail failed'); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const output = logged.join('');
      expect(output).toContain('password reset mail failed');
      expect(output).not.toMatch(/unlucky\.editor/i);
      expect(output).not.toContain('/admin/password-reset/');
    } finally {
      await site.close();
    }
  });
});

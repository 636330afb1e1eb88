// Helpers for newsroom tests: staff members made directly in the database, signing in through the real
// form, form posts that carry the session cookie, CSRF token and same-origin header, a real SMTP server, and
// several app instances sharing one database.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import type { StaffRole } from '../../src/admin/guardian.js';
import { createStaffMember } from '../../src/admin/staff/staff.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Mailer, outboxMailer, smtpMailer } from '../../src/mail/mailer.js';
import { LocalFileStore } from '../../src/media/file-store.js';
import { localContentEvents } from '../../src/storage/content-events.js';
import type { Database } from '../../src/storage/schema.js';
import { TEST_ORIGIN } from './app.js';
import type { TestDatabase, TestStorage } from './databases.js';

export const PASSWORD = 'correct horse battery staple';

export async function addStaff(
  db: Kysely<Database>,
  role: StaffRole,
  options: { email?: string; name?: string; password?: string; now?: Date } = {},
) {
  return createStaffMember(
    db,
    {
      email: options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      name: options.name ?? `Test ${role}`,
      role,
      password: options.password ?? PASSWORD,
    },
    options.now ?? new Date(),
  );
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'broadsheet_staff');
  if (!cookie?.value)
    throw new Error(`no session cookie set (status ${response.statusCode}): ${response.body.slice(0, 300)}`);
  return `broadsheet_staff=${cookie.value}`;
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

export interface Browserish {
  cookie: string;
  csrf: string;
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function post(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  who?: Partial<Browserish>,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      origin: TEST_ORIGIN,
      'content-type': 'application/x-www-form-urlencoded',
      ...(who?.cookie ? { cookie: who.cookie } : {}),
      ...headers,
    },
    payload: form(who?.csrf ? { _csrf: who.csrf, ...fields } : fields),
  });
}

/** Signs in through the form and reads the CSRF token from the landing page, as a browser would. */
export async function signInAs(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
): Promise<Browserish> {
  const response = await post(app, '/admin/sign-in', { email, password });
  if (response.statusCode !== 303)
    throw new Error(`sign-in failed: ${response.statusCode} ${response.body.slice(0, 400)}`);
  const cookie = sessionCookie(response);
  const home = await app.inject({ url: '/admin', headers: { cookie } });
  return { cookie, csrf: csrfFrom(home.body) };
}

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The body with quoted-printable soft breaks and escapes undone. */
  text: string;
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A real SMTP server on a free local port that keeps what it receives. */
export async function startSmtpServer(): Promise<{
  url: string;
  mails: ReceivedMail[];
  waitForMail(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitForMail(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The newsroom's SMTP mailer to a test server, which a test can make refuse every message as a server would
 * (550, unknown recipient) by setting `refusing`: for what must hold when mail fails.
 */
export function refusableSmtpMailer(url: string): { mailer: Mailer; refusing: boolean } {
  const smtpMail = smtpMailer({ url, from: 'newsroom@example.org' });
  const control = {
    refusing: false,
    mailer: {
      kind: 'smtp',
      async send(message) {
        if (control.refusing)
          throw Object.assign(new Error(`550 <${message.to}> unknown`), { responseCode: 550 });
        await smtpMail.send(message);
      },
    } as Mailer,
  };
  return control;
}

/** The first newsroom link of a kind in a text, e.g. linkIn(text, 'invitations'). */
export function linkIn(text: string, kind: 'invitations' | 'password-reset' | 'setup'): string {
  const match = new RegExp(`https?://[^\\s"<>]+/admin/${kind}/[A-Za-z0-9_-]{43}`).exec(text);
  if (!match) throw new Error(`no ${kind} link in: ${text.slice(0, 500)}`);
  return match[0];
}

/** The path part of an absolute link, for app.inject(). */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

/** Follows a redirect as a browser would: with the session and the one-time message cookie it set. */
export function follow(app: FastifyInstance, response: LightMyRequestResponse, who?: Partial<Browserish>) {
  const location = response.headers.location;
  if (typeof location !== 'string') throw new Error(`not a redirect: ${response.statusCode}`);
  const flash = response.cookies.find((c) => c.name === 'broadsheet_flash' && c.value);
  const cookies = [who?.cookie, flash ? `broadsheet_flash=${flash.value}` : undefined].filter(Boolean);
  return app.inject({ url: location, headers: cookies.length > 0 ? { cookie: cookies.join('; ') } : {} });
}

/**
 * `count` app instances on one fresh database, as machines behind one load balancer run them: each builds
 * the app itself (its own memory, its own counters' store object), and only the database is shared.
 */
export async function instancesOnOneDatabase(
  database: TestDatabase,
  count: number,
  options: { clock?: () => Date; env?: Record<string, string> } = {},
): Promise<{ storage: TestStorage; apps: FastifyInstance[]; close(): Promise<void> }> {
  const storage = await database.open();
  const mediaDir = await mkdtemp(join(tmpdir(), 'broadsheet-media-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    PUBLIC_URL: TEST_ORIGIN,
    ...options.env,
  });
  const apps: FastifyInstance[] = [];
  for (let i = 0; i < count; i++) {
    const built = await buildApp({
      config,
      storage,
      files: new LocalFileStore(mediaDir),
      events: localContentEvents(),
      mailer: outboxMailer(storage.db, { from: config.mailFrom }),
      secret: 'test-secret-test-secret-test-secret-0123',
      clock: options.clock,
    });
    apps.push(built.app);
  }
  return {
    storage,
    apps,
    async close() {
      for (const app of apps) await app.close();
      await storage.cleanup();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

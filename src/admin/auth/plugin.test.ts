// The admin shell's hooks in an app laid out like app.ts, on both databases: every newsroom route declares a
// permission, only newsroom routes pass the hooks, and each role, session and CSRF token is held to the rules.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { DomainError } from '../../http/errors.js';
import { createStaffMember, disableStaff } from '../staff/staff.js';
import { staffAuth } from './plugin.js';
import { createSession } from './sessions.js';
import { csrfTokenFor } from './tokens.js';

const SECRET = 'plugin-test-secret-plugin-test-secret-01';
const PASSWORD = 'correct horse battery';

type Db = Parameters<typeof staffAuth>[0]['db'];

/** An app laid out as app.ts lays it out: a reader route, and the newsroom in its own context. */
async function appOn(db: Db, clock: () => Date, newsroomRoutes: (newsroom: FastifyInstance) => void) {
  const app = Fastify();
  app.setErrorHandler((e: Error, _req, reply) =>
    reply
      .code(e instanceof DomainError ? e.status : 500)
      .send({ code: (e as DomainError).code, message: e.message }),
  );
  await app.register(cookie, { secret: SECRET });
  await app.register(formbody);
  app.post('/reader', async (req) => ({ staffKnown: 'staff' in req }));
  await app.register(async (newsroom) => {
    await newsroom.register(staffAuth({ db, secret: SECRET, clock, secureCookies: false }));
    newsroomRoutes(newsroom);
  });
  return app;
}

function routes(newsroom: FastifyInstance) {
  newsroom.get('/admin/open', { config: { permission: 'public' } }, async (req) => ({
    staff: req.staff?.id ?? null,
  }));
  newsroom.get('/admin/write', { config: { permission: 'contributor' } }, async (req) => ({
    staff: req.staff!.id,
  }));
  newsroom.get('/admin/only-admins', { config: { permission: 'admin' } }, async () => ({ ok: true }));
  newsroom.post('/admin/only-admins', { config: { permission: 'admin' } }, async () => ({ ok: true }));
  newsroom.post('/admin/publish', { config: { permission: 'editor' } }, async () => ({ published: true }));
}

describe.each(testDatabases)('staffAuth on $name', (database) => {
  let storage: Awaited<ReturnType<typeof database.open>>;
  let now = new Date('2025-03-01T10:00:00Z');
  const clock = () => now;
  let app: Awaited<ReturnType<typeof appOn>>;
  const people: Record<string, { id: number; cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    storage = await database.open();
    app = await appOn(storage.db, clock, routes);
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      const staff = await createStaffMember(
        storage.db,
        { email: `${role}@example.org`, name: role, role, password: PASSWORD },
        now,
      );
      const { token } = await createSession(storage.db, staff.id, now, 'test');
      people[role] = { id: staff.id, cookie: `broadsheet_staff=${token}`, csrf: csrfTokenFor(SECRET, token) };
    }
  });
  afterAll(async () => {
    await app.close();
    await storage.cleanup();
  });

  it('refuses to start when a newsroom route declares no permission or an unknown one, whatever its path', async () => {
    const forgotten = appOn(storage.db, clock, (newsroom) => {
      newsroom.get('/forgotten', async () => 'oops');
    });
    await expect(forgotten).rejects.toThrow('route GET /forgotten declares no permission');
    const unknown = appOn(storage.db, clock, (newsroom) => {
      newsroom.get('/admin/odd', { config: { permission: 'owner' as never } }, async () => 'oops');
    });
    await expect(unknown).rejects.toThrow('route GET /admin/odd declares an unknown permission "owner"');
  });

  it('guards only the newsroom: a route beside it and an unknown newsroom address pass its hooks by', async () => {
    const reader = await app.inject({
      method: 'POST',
      url: '/reader',
      headers: { cookie: 'broadsheet_staff=nonsense' },
      payload: {},
    });
    expect(reader.statusCode).toBe(200);
    expect(reader.json()).toEqual({ staffKnown: false });
    // Not sent to sign in: no route there, so no permission to ask for.
    expect((await app.inject({ url: '/admin/no-such-page' })).statusCode).toBe(404);
  });

  it('sends an anonymous browser to sign in; answers 401 to an anonymous post or JSON call', async () => {
    const page = await app.inject({ url: '/admin/write?tab=2' });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fwrite%3Ftab%3D2');
    const json = await app.inject({ url: '/admin/write', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(401);
    const post = await app.inject({ method: 'POST', url: '/admin/publish', payload: {} });
    expect(post.statusCode).toBe(401);
    expect((await app.inject({ url: '/admin/open' })).json()).toEqual({ staff: null });
  });

  it('gives a contributor 403 on an admin-only page and on an editor action called directly', async () => {
    const { cookie, csrf } = people.contributor!;
    expect((await app.inject({ url: '/admin/write', headers: { cookie } })).json()).toEqual({
      staff: people.contributor!.id,
    });
    const page = await app.inject({ url: '/admin/only-admins', headers: { cookie } });
    expect(page.statusCode).toBe(403);
    const publish = await app.inject({
      method: 'POST',
      url: '/admin/publish',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {},
    });
    expect(publish.statusCode).toBe(403);
    expect(publish.json().code).toBe('FORBIDDEN');
  });

  it('lets an editor publish but not use admin pages; an admin may do both', async () => {
    const editor = people.editor!;
    const post = (who: typeof editor, url: string) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(who.csrf)}`,
      });
    expect((await post(editor, '/admin/publish')).statusCode).toBe(200);
    expect((await post(editor, '/admin/only-admins')).statusCode).toBe(403);
    expect((await post(people.admin!, '/admin/only-admins')).statusCode).toBe(200);
    expect((await post(people.admin!, '/admin/publish')).statusCode).toBe(200);
  });

  it('refuses a post without the CSRF token or with a wrong one, in the form or header', async () => {
    const { cookie, csrf } = people.editor!;
    const form = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const none = await app.inject({ method: 'POST', url: '/admin/publish', headers: form, payload: 'x=1' });
    expect(none.statusCode).toBe(403);
    expect(none.json().message).toMatch(/expired or did not come from your newsroom session/);
    const wrongField = await app.inject({
      method: 'POST',
      url: '/admin/publish',
      headers: form,
      payload: `_csrf=${csrf.slice(0, -2)}xx`,
    });
    expect(wrongField.statusCode).toBe(403);
    // Another person's token does not fit this session.
    const othersToken = await app.inject({
      method: 'POST',
      url: '/admin/publish',
      headers: { cookie, 'x-csrf-token': people.admin!.csrf },
    });
    expect(othersToken.statusCode).toBe(403);
    const right = await app.inject({
      method: 'POST',
      url: '/admin/publish',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(right.json()).toEqual({ published: true });
  });

  it('refuses an unknown, expired or disabled session as if signed out', async () => {
    const unknown = await app.inject({
      url: '/admin/write',
      headers: { cookie: 'broadsheet_staff=nonsense' },
    });
    expect(unknown.statusCode).toBe(302);

    const staff = await createStaffMember(
      storage.db,
      { email: 'later@example.org', name: 'Later', role: 'editor', password: PASSWORD },
      now,
    );
    const { token } = await createSession(storage.db, staff.id, now, 'test');
    const cookie = `broadsheet_staff=${token}`;
    expect((await app.inject({ url: '/admin/write', headers: { cookie } })).statusCode).toBe(200);
    const saved = now;
    now = new Date(saved.getTime() + 15 * 24 * 60 * 60 * 1000);
    expect((await app.inject({ url: '/admin/write', headers: { cookie } })).statusCode).toBe(302);
    now = saved;

    const again = await createSession(storage.db, staff.id, now, 'test');
    const admin = {
      id: people.admin!.id,
      email: 'admin@example.org',
      name: 'admin',
      role: 'admin' as const,
      authorId: null,
    };
    await disableStaff(storage.db, admin, staff.id, now);
    expect(
      (await app.inject({ url: '/admin/write', headers: { cookie: `broadsheet_staff=${again.token}` } }))
        .statusCode,
    ).toBe(302);
  });

  it('keeps a session in use alive past its first idle limit, but never past 30 days', async () => {
    const start = now;
    const { token } = await createSession(storage.db, people.editor!.id, start, 'test');
    const cookie = `broadsheet_staff=${token}`;
    for (const day of [10, 20, 29]) {
      now = new Date(start.getTime() + day * 24 * 60 * 60 * 1000);
      expect((await app.inject({ url: '/admin/write', headers: { cookie } })).statusCode).toBe(200);
    }
    now = new Date(start.getTime() + 30 * 24 * 60 * 60 * 1000 + 1000);
    expect((await app.inject({ url: '/admin/write', headers: { cookie } })).statusCode).toBe(302);
    now = start;
  });
});

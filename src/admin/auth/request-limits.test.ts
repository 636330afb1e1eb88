// The newsroom's request limits on both databases, with two app instances on one database as two machines
// would run: reset requests, saves and workflow steps are counted once for all instances, per network or
// per person, and the counters never hold an address in the clear. The clock is fixed, as the windows are.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameOrigin } from '../../../test/support/app.js';
import { addAuthor, addSection } from '../../../test/support/content.js';
import { testDatabases } from '../../../test/support/databases.js';
import {
  addStaff,
  type Browserish,
  instancesOnOneDatabase,
  post,
  signInAs,
} from '../../../test/support/newsroom.js';

const MINUTE = 60_000;

describe.each(testDatabases)('request limits across instances on $name', (database) => {
  let now: Date;
  let site: Awaited<ReturnType<typeof instancesOnOneDatabase>>;

  beforeEach(async () => {
    // Mid-window, so the counts below never straddle a window's end.
    now = new Date('2026-05-01T09:00:10.000Z');
    site = await instancesOnOneDatabase(database, 2, { clock: () => now, env: { TRUST_PROXY: 'loopback' } });
  });
  afterEach(() => site.close());

  const askForReset = (instance: number, ip = '192.0.2.44') =>
    post(site.apps[instance]!, '/admin/password-reset', { email: 'nobody@example.org' }, undefined, {
      'x-forwarded-for': ip,
    });

  it('counts reset requests from one network once for every instance', async () => {
    const [a, b] = [0, 1];
    for (const instance of [a, a, a, b, b]) expect((await askForReset(instance)).statusCode).toBe(200);
    // Each instance alone has seen fewer than five; together they have seen five.
    const refused = await askForReset(a);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await askForReset(b)).statusCode).toBe(429);
    // Another network is not held back by it.
    expect((await askForReset(b, '198.51.100.9')).statusCode).toBe(200);

    const keys = (await site.storage.db.selectFrom('rate_limit_counters').select('key').execute()).map(
      (r) => r.key,
    );
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/192\.0\.2\.44|198\.51\.100\.9/);

    // The window ends for every instance at once.
    now = new Date(now.getTime() + 15 * MINUTE);
    expect((await askForReset(b)).statusCode).toBe(200);
  });

  describe('for signed-in staff', () => {
    let section: number;
    let author: number;
    let busy: Browserish;
    let other: Browserish;
    let article: number;

    const fields = () => ({
      headline: 'Council budget vote delayed',
      dek: '',
      slug: '',
      sectionId: String(section),
      workType: 'news',
      dateline: '',
      heroMediaId: '',
      tags: '',
      bodyFormat: 'text',
      bodyText: 'The council met on Tuesday.',
      body: '',
      authorIds: String(author),
      baseVersion: '1',
    });

    const autosave = (instance: number, who: Browserish, id: number) =>
      site.apps[instance]!.inject({
        method: 'POST',
        url: `/admin/articles/${id}`,
        headers: {
          ...sameOrigin,
          cookie: who.cookie,
          accept: 'application/json',
          'x-csrf-token': who.csrf,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ ...fields(), autosave: '1' }).toString(),
      });

    async function create(who: Browserish): Promise<number> {
      const response = await post(site.apps[0]!, '/admin/articles', fields(), who);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
      return Number(/(\d+)$/.exec(response.headers.location as string)![1]);
    }

    beforeEach(async () => {
      const db = site.storage.db;
      section = await addSection(db, 'local', 'Local');
      author = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
      const busyStaff = await addStaff(db, 'editor', { name: 'The runaway tab', now });
      const otherStaff = await addStaff(db, 'editor', { name: 'A colleague', now });
      // Sessions live in the database: signed in on one instance, the same cookie works on the other.
      busy = await signInAs(site.apps[0]!, busyStaff.email);
      other = await signInAs(site.apps[1]!, otherStaff.email);
      article = await create(busy);
    });

    it('counts one person’s saves once for every instance, each route on its own, nobody else’s', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 122; i++) statuses.push((await autosave(i % 2, busy, article)).statusCode);
      // 120 a minute pass, half on each instance; then both refuse.
      expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(120)).toEqual([429, 429]);
      const refused = await autosave(1, busy, article);
      expect(refused.json().error.code).toBe('TOO_MANY_REQUESTS');
      // Creating an article is another route, and a colleague is another person.
      expect((await post(site.apps[1]!, '/admin/articles', fields(), busy)).statusCode).toBe(303);
      const theirs = await create(other);
      expect((await autosave(1, other, theirs)).statusCode).toBe(200);
      // A minute later the runaway tab may save again.
      now = new Date(now.getTime() + MINUTE);
      expect((await autosave(0, busy, article)).statusCode).toBe(200);
    });

    it('counts one person’s workflow steps once for every instance', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        const response = await post(site.apps[i % 2]!, `/admin/articles/${article}/submit`, fields(), busy);
        statuses.push(response.statusCode);
      }
      // The first submits it; submitting again is refused (400) but still counts; past 30 the answer is 429.
      expect(statuses[0]).toBe(303);
      expect(statuses.slice(1, 30).every((s) => s === 400)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
      const theirs = await create(other);
      expect(
        (await post(site.apps[0]!, `/admin/articles/${theirs}/submit`, fields(), other)).statusCode,
      ).toBe(303);
    });
  });
});

// Three compiled instances behind Debian's nginx, configured from docs/deploy/nginx/broadsheet.conf itself, on
// one PostgreSQL schema, with Redis and media in a bucket (s3rver): what docs/deploy/several-instances.md says
// holds, checked over real TLS. nginx spreads requests over the instances and routes around one killed with
// SIGKILL; a comment, an upload and an edit made through different instances show through every one (Redis
// invalidation, the shared bucket); each reader is counted by the address nginx saw; the cache keeps public
// pages and never the newsroom's.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember } from '../src/admin/staff/staff.js';
import type { Database } from '../src/storage/schema.js';
import { type AppInstance, startAppInstance } from './support/app-instances.js';
import { setSettings } from './support/comments.js';
import { ensureCompiledServer } from './support/compiled-server.js';
import { addArticle, addAuthor, addSection } from './support/content.js';
import { type TestStorage, testDatabases } from './support/databases.js';
import {
  articleFormFields,
  baseVersionOf,
  commentFormToken,
  postAsStaff,
  postComment as postReaderComment,
  type Sender,
  type Staff,
  signInOver,
} from './support/forms-over-http.js';
import { freePort } from './support/free-port.js';
import { type Answer, type RequestOptions, send } from './support/https-client.js';
import { type Nginx, startNginx } from './support/nginx.js';
import { eventually } from './support/outage.js';
import { type S3StandIn, startS3StandIn } from './support/s3-stand-in.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = randomBytes(16).toString('hex');
const PASSWORD = 'correct horse battery staple';
const STORY = 'bridge-vote-tonight';
/** As docs/deploy/several-instances.md advises: how long nginx keeps a failed instance out. */
const FAIL_TIMEOUT_SECONDS = 3;

describe.skipIf(!postgres)('three instances behind nginx (PostgreSQL, Redis, media in a bucket)', () => {
  let storage: TestStorage;
  let s3: S3StandIn;
  let nginx: Nginx;
  let instances: AppInstance[] = [];
  let ports: number[] = [];
  let env: Record<string, string> = {};
  let ids: { section: number; author: number; story: number; editorEmail: string };

  /** Through nginx, as a reader at `from` (an address of 127/8) would ask. */
  const viaNginx = (path: string, options: RequestOptions = {}) =>
    send(`${nginx.publicUrl}${path}`, { ca: nginx.certificate, ...options });
  /** To one instance directly, as nginx does (nginx's address is the proxy the app trusts). */
  const direct = (instance: AppInstance, path: string, options: RequestOptions = {}) =>
    send(`${instance.url}${path}`, {
      ...options,
      headers: { 'x-forwarded-proto': 'https', ...options.headers },
    });

  beforeAll(async () => {
    await ensureCompiledServer();
    storage = await postgres!.open();
    s3 = await startS3StandIn();
    const db: Kysely<Database> = storage.db;
    const section = await addSection(db, 'city', 'City');
    const author = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
    const story = await addArticle(db, { slug: STORY, headline: 'Council votes on the bridge tonight' });
    const editor = await createStaffMember(
      db,
      { email: 'editor@example.org', name: 'Eli Editor', role: 'editor', password: PASSWORD },
      new Date(),
    );
    ids = { section, author, story, editorEmail: editor.email };
    await setSettings(db, { mode: 'approve_all', minSecondsBeforePosting: 0 });

    ports = [await freePort(), await freePort(), await freePort()];
    nginx = await startNginx(
      ports.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=${FAIL_TIMEOUT_SECONDS}s;`),
    );
    env = {
      PUBLIC_URL: nginx.publicUrl,
      DATABASE_URL: storage.url!,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL,
      SITE_ID: `nginx-test-${randomBytes(4).toString('hex')}`,
      ...s3.env('media'),
      TRUST_PROXY: '127.0.0.1',
      APP_SECRET: 'nginx-test-secret-nginx-test-secret-0123456',
      METRICS_TOKEN,
      // The proxy may keep a page for three seconds: long enough to see a HIT, short enough to see changes.
      CDN_MAX_AGE_SECONDS: '3',
      // Polls a minute apart: a change that reaches another instance within the test came through Redis.
      INVALIDATION_POLL_MS: '60000',
    };
    instances = await Promise.all(['a', 'b', 'c'].map((name, n) => startAppInstance(name, env, ports[n])));
  }, 240_000);

  afterAll(async () => {
    for (const instance of instances) await instance.kill();
    await nginx?.stop();
    await s3?.close();
    await storage?.cleanup();
  });

  it('redirects plain http to the https address, sends one HSTS header, and denies /metrics from outside', async () => {
    const plain = await send(`${nginx.httpUrl}/articles/${STORY}?x=1`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`${nginx.publicUrl}/articles/${STORY}?x=1`);

    const page = await viaNginx(`/articles/${STORY}`);
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    const metrics = await viaNginx('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(403);
    // Each instance still answers its own scraper on its own address.
    for (const instance of instances) {
      const own = await direct(instance, '/metrics', {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(own.status).toBe(200);
      expect(own.text).toContain('# TYPE');
    }
  });

  it('spreads requests over every instance, and answers /readyz through nginx', async () => {
    const before = (await nginx.accessLog()).length;
    for (let n = 0; n < 30; n++) expect((await viaNginx('/readyz')).status).toBe(200);
    // nginx writes a request's line just after its answer.
    const lines = await eventually(async () => {
      const written = (await nginx.accessLog()).slice(before).split('\n').filter(Boolean);
      expect(written).toHaveLength(30);
      return written;
    }, 2000);
    for (const instance of instances) {
      const served = lines.filter((line) => line.includes(`upstream=127.0.0.1:${instance.port} `));
      expect(served.length, instance.name).toBeGreaterThanOrEqual(8);
    }
    const ready = await viaNginx('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'ready' });
  });

  it('caches public pages as the app allows, never the newsroom nor a signed-in view, and does not gzip images', async () => {
    const path = `/articles/${STORY}?cache-check=1`;
    const first = await viaNginx(path);
    const second = await viaNginx(path);
    expect(first.headers['x-cache-status']).toBe('MISS');
    expect(second.headers['x-cache-status']).toBe('HIT');
    expect(second.text).toBe(first.text);

    for (let n = 0; n < 2; n++) {
      const signIn = await viaNginx('/admin/sign-in');
      expect(signIn.status).toBe(200);
      expect(signIn.headers['x-cache-status']).toBeUndefined();
    }
    const staff = await viaNginx(path, { headers: { cookie: 'broadsheet_staff=anything' } });
    expect(staff.headers['x-cache-status']).toBe('BYPASS');
  });

  it('counts each reader by the address nginx saw: six comments a minute each, whatever they write in X-Forwarded-For', async () => {
    const token = await formToken(viaNginx);
    const reader = '127.0.0.11';
    const statuses: number[] = [];
    for (let n = 0; n < 7; n++) {
      const answer = await postComment(viaNginx, token, `first-${n}`, {
        from: reader,
        headers: { 'x-forwarded-for': `198.51.100.${n + 1}` },
      });
      statuses.push(answer.status);
    }
    // The seventh is refused though each came "from" another invented address and through any instance.
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
    const another = await postComment(viaNginx, token, 'second-0', { from: '127.0.0.12' });
    expect(another.status).toBe(201);

    // A body past the readers' limit never reaches an instance.
    const huge = await viaNginx(`/articles/${STORY}/comments`, {
      method: 'POST',
      from: '127.0.0.13',
      headers: { origin: nginx.publicUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: `comment=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(huge.status).toBe(413);
    // The newsroom's uploads may be larger: the same body reaches an instance (which wants a session).
    const upload = await viaNginx('/admin/media', {
      method: 'POST',
      from: '127.0.0.13',
      headers: { origin: nginx.publicUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: `file=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(upload.status).not.toBe(413);
    await eventually(async () => {
      expect(await nginx.accessLog()).toMatch(
        /"POST \/admin\/media HTTP\/1.1" \d+ .*upstream=127\.0\.0\.1:\d+ upstream_status=/,
      );
    }, 2000);
  });

  it('shows through every instance an image uploaded through one, an article published and edited through others, and a comment', async () => {
    const [a, b, c] = instances as [AppInstance, AppInstance, AppInstance];
    const editor = await signIn(a);

    const upload = await uploadImage(a, editor);
    expect(upload.status, upload.text.slice(0, 300)).toBe(303);
    const media = await storage.db
      .selectFrom('media')
      .select(['id', 'variants'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const webp = (JSON.parse(media.variants) as { key: string; format: string }[]).find(
      (v) => v.format === 'webp',
    )!;
    const fromA = await direct(a, `/media/${webp.key}`);
    const fromB = await direct(b, `/media/${webp.key}`);
    expect(fromA.status).toBe(200);
    expect(fromB.status).toBe(200);
    expect(fromB.body.equals(fromA.body)).toBe(true);
    const proxied = await viaNginx(`/media/${webp.key}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(proxied.status).toBe(200);
    expect(proxied.headers['content-encoding']).toBeUndefined();
    expect(proxied.body.equals(fromA.body)).toBe(true);

    // Written and published through B.
    const fields = articleFields(media.id, 'Ferry timetable changes from Monday');
    const created = await adminPost(b, editor, '/admin/articles', fields);
    expect(created.status, created.text.slice(0, 300)).toBe(303);
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(String(created.headers.location))![1]);
    const publish = await adminPost(b, editor, `/admin/articles/${id}/publish`, {
      ...fields,
      baseVersion: await baseVersion(b, editor, id),
    });
    expect(publish.status, publish.text.slice(0, 300)).toBe(303);
    const slug = 'ferry-timetable-changes-from-monday';
    for (const instance of instances) {
      const page = await direct(instance, `/articles/${slug}`);
      expect(page.status, instance.name).toBe(200);
      expect(page.text).toContain(webp.key);
    }
    expect((await viaNginx(`/articles/${slug}`)).text).toContain('Ferry timetable changes from Monday');

    // A comment through A, an edit through C: every instance's cached page is dropped and shows both.
    const comment = await postComment(at(a), await formToken(at(a)), 'ferry', {}, slug);
    expect(comment.status).toBe(201);
    const edit = await adminPost(c, editor, `/admin/articles/${id}`, {
      ...articleFields(media.id, 'Ferry timetable changes from Tuesday'),
      slug,
      baseVersion: await baseVersion(c, editor, id),
    });
    expect(edit.status, edit.text.slice(0, 300)).toBe(303);
    await eventually(async () => {
      for (const instance of instances) {
        const page = await direct(instance, `/articles/${slug}`);
        expect(page.text, instance.name).toContain('Ferry timetable changes from Tuesday');
        expect(page.text, instance.name).toContain('Comment ferry: the timetable');
      }
      const proxiedPage = await viaNginx(`/articles/${slug}`);
      expect(proxiedPage.text).toContain('Ferry timetable changes from Tuesday');
      expect(proxiedPage.text).toContain('Comment ferry: the timetable');
    }, 10_000);
  });

  it('routes around an instance killed with SIGKILL: every GET and every comment is still answered', async () => {
    const killed = instances[2]!;
    await killed.kill();
    expect(killed.child.signalCode).toBe('SIGKILL');
    const token = await formToken(viaNginx);
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++) {
      // Each its own address in the cache, so every one goes to an instance.
      statuses.push((await viaNginx(`/articles/${STORY}?after-kill=${n}`)).status);
      statuses.push((await viaNginx('/readyz')).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    // A refused connection sent nothing, so nginx tries the next instance with a comment too; none is lost.
    for (let n = 0; n < 6; n++) {
      const answer = await postComment(viaNginx, token, `after-kill-${n}`, { from: `127.0.1.${n + 1}` });
      expect(answer.status).toBe(201);
    }
    const stored = await storage.db
      .selectFrom('comments')
      .select('body')
      .where('body', 'like', 'Comment after-kill-%')
      .execute();
    expect(stored).toHaveLength(6);
  });

  it('a rolling restart (each instance stopped with SIGTERM and started again in turn) answers every GET meanwhile, with a third instance down throughout', async () => {
    const names = ['a', 'b'];
    const statuses: (number | string)[] = [];
    let rolling = true;
    const lane = async () => {
      while (rolling) {
        const path = `/articles/${STORY}?rolling=${statuses.length}`;
        statuses.push(
          await viaNginx(path).then(
            (a) => a.status,
            (error: Error) => error.message,
          ),
        );
      }
    };
    // Two readers at a time: enough to have requests in flight at every moment, little enough to leave the
    // restarting instance a core on a small machine.
    const load = Promise.all([lane(), lane()]);
    // As docs/deploy/upgrades.md says: one instance at a time, the next one stopped only once nginx sends
    // requests to the one started again (it keeps a failed instance out for fail_timeout; stopping the next
    // sooner could leave none it believes alive). The instance killed before stays down: while one restarts,
    // a single instance serves every reader.
    for (const n of [0, 1]) {
      await instances[n]!.stop();
      expect(instances[n]!.child.exitCode).toBe(0);
      instances[n] = await startAppInstance(names[n]!, env, ports[n]);
      await servedAgain(ports[n]!);
    }
    rolling = false;
    await load;
    expect(statuses.length).toBeGreaterThan(20);
    expect(
      statuses.filter((s) => s !== 200),
      await nginx.errorLog(),
    ).toEqual([]);

    // Both serve again, by turns.
    const before = (await nginx.accessLog()).length;
    for (let n = 0; n < 6; n++) expect((await viaNginx('/healthz')).status).toBe(200);
    await eventually(async () => {
      const lines = (await nginx.accessLog()).slice(before);
      for (const port of ports.slice(0, 2)) expect(lines).toContain(`upstream=127.0.0.1:${port} `);
    }, 2000);
  }, 90_000);

  // — helpers —

  /** Until a request through nginx was answered by the instance at `port` alone. */
  async function servedAgain(port: number): Promise<void> {
    const before = (await nginx.accessLog()).length;
    await eventually(
      async () => {
        await viaNginx('/healthz');
        const lines = (await nginx.accessLog()).slice(before);
        expect(lines).toContain(`upstream=127.0.0.1:${port} upstream_status=200 `);
      },
      3 * FAIL_TIMEOUT_SECONDS * 1000,
    );
  }

  async function formToken(via: Sender, slug = STORY): Promise<string> {
    const token = await commentFormToken(via, slug);
    expect(token).toBeDefined();
    return token!;
  }

  function postComment(
    via: Sender,
    token: string,
    label: string,
    options: RequestOptions = {},
    slug = STORY,
  ) {
    const text = `Comment ${label}: the timetable and the bridge both need a second look.`;
    return postReaderComment(via, nginx.publicUrl, slug, { token, text, label }, options);
  }

  const at =
    (instance: AppInstance): Sender =>
    (path, options) =>
      direct(instance, path, options);

  const signIn = (instance: AppInstance) =>
    signInOver(at(instance), nginx.publicUrl, ids.editorEmail, PASSWORD);

  const adminPost = (instance: AppInstance, who: Staff, path: string, fields: Record<string, string>) =>
    postAsStaff(at(instance), nginx.publicUrl, who, path, fields);

  async function baseVersion(instance: AppInstance, who: Staff, id: number): Promise<string> {
    const version = await baseVersionOf(at(instance), who, id);
    expect(version).toBeDefined();
    return version!;
  }

  const articleFields = (heroMediaId: number, headline: string) =>
    articleFormFields({ headline, heroMediaId, sectionId: ids.section, authorId: ids.author });

  async function uploadImage(instance: AppInstance, who: Staff): Promise<Answer> {
    const image = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#336699' } })
      .jpeg({ quality: 85 })
      .toBuffer();
    const form = new FormData();
    const details = {
      _csrf: who.csrf,
      altText: 'The ferry at the harbour wall',
      caption: 'The morning ferry',
      creditPerson: 'Ana Silva',
      creditOrganization: 'Harbour Times',
      rights: 'own',
      licenseUrl: '',
      licenseExpiresAt: '',
      copyrightNotice: '© 2026 Ana Silva',
    };
    for (const [name, value] of Object.entries(details)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'ferry.jpg');
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
    return direct(instance, '/admin/media', {
      method: 'POST',
      headers: {
        origin: nginx.publicUrl,
        cookie: who.cookie,
        'content-type': request.headers.get('content-type')!,
      },
      body: Buffer.from(await request.arrayBuffer()),
    });
  }
});

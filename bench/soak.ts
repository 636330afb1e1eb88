// The soak: three compiled instances behind nginx (configured from docs/deploy/nginx/broadsheet.conf) on one
// PostgreSQL database with Redis, wrk reading pages through nginx while editors publish and edit, readers
// comment and donate (the Stripe stand-in), and one instance killed with SIGKILL half-way. At the end: every
// comment, donation and edit that got a success answer is in the database, every reader error is counted, and
// every surviving instance serves the latest version of each edited article.
//
//   npm run bench:soak                      (SOAK_SECONDS=180 by default)
//   SOAK_SECONDS=60 SOAK_CONNECTIONS=16 npm run bench:soak
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStaffMember } from '../src/admin/staff/staff.js';
import { defaultCommentSettings, saveCommentSettings } from '../src/comments/settings.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { type AppInstance, startAppInstance } from '../test/support/app-instances.js';
import { addArticle, addAuthor, addSection } from '../test/support/content.js';
import { freePort } from '../test/support/free-port.js';
import { send } from '../test/support/https-client.js';
import { startNginx } from '../test/support/nginx.js';
import { startStripeStandin } from '../test/support/stripe-standin.js';
import { createBenchDatabase } from './postgres.js';
import { int, ms, print, progress } from './report.js';
import {
  type Accepted,
  commentLane,
  donationLane,
  editorLane,
  newTally,
  signIn,
  type Tally,
  webhooksThrough,
} from './soak-driver.js';
import { runWrk, WRK } from './wrk.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
const READER_ARTICLES = 300;
/** How long nginx may keep a page: short, so that the check at the end can see nginx catch up. */
const CDN_MAX_AGE_SECONDS = 5;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery staple';
const root = join(import.meta.dirname, '..');

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

const built = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `(await import(${JSON.stringify(pathToFileURL(join(root, 'scripts', 'ensure-built.mjs')).href)})).ensureBuilt()`,
  ],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);

print(`Broadsheet soak, ${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}`);
print(
  `${availableParallelism()} cores shared by nginx (1 worker), three instances, PostgreSQL, Redis, two wrk (1 thread, ` +
    `${CONNECTIONS / 2} connections each) and the driver; ${SECONDS} s; load average at start ${loadavg()[0]!.toFixed(1)}.`,
);

const database = await createBenchDatabase();
const storage = openStorage(database.url, { poolSize: 4 });
const work = mkdtempSync(join(tmpdir(), 'broadsheet-soak-'));
const instances: AppInstance[] = [];
let stopNginx = async () => {};
let closeStandin = async () => {};
try {
  progress('migrating and writing the reader articles');
  await migrateToLatest(storage.db);
  const sectionId = await addSection(storage.db, 'city', 'City');
  const authorId = await addAuthor(storage.db, 'ana-reporter', 'Ana Reporter');
  const readerSlugs: string[] = [];
  for (let n = 0; n < READER_ARTICLES; n++) {
    const slug = `story-${n}`;
    await addArticle(storage.db, { slug, sectionId, authorIds: [authorId], headline: `Story number ${n}` });
    readerSlugs.push(slug);
  }
  const editors = ['north', 'south'];
  for (const label of editors) {
    await createStaffMember(
      storage.db,
      { email: `${label}@example.org`, name: `Editor ${label}`, role: 'editor', password: PASSWORD },
      new Date(),
    );
  }
  await saveCommentSettings(
    storage.db,
    { ...defaultCommentSettings, mode: 'approve_all', minSecondsBeforePosting: 0 },
    new Date(),
  );

  const standin = await startStripeStandin();
  closeStandin = () => standin.close();
  const ports = [await freePort(), await freePort(), await freePort()];
  const nginx = await startNginx(ports.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`));
  stopNginx = () => nginx.stop();
  const env = {
    PUBLIC_URL: nginx.publicUrl,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '6',
    REDIS_URL,
    SITE_ID: `soak-${randomBytes(4).toString('hex')}`,
    TRUST_PROXY: '127.0.0.1',
    APP_SECRET: 'soak-secret-soak-secret-soak-secret-0123456',
    CDN_MAX_AGE_SECONDS: String(CDN_MAX_AGE_SECONDS),
    ...standin.env,
  };
  progress('starting three instances behind nginx');
  for (const [n, name] of ['a', 'b', 'c'].entries())
    instances.push(await startAppInstance(name, env, ports[n]));
  const site = { publicUrl: nginx.publicUrl, certificate: nginx.certificate };

  const tally: Tally = newTally();
  const accepted: Accepted = { comments: [], donations: [], headlines: new Map(), published: 0, edits: 0 };
  standin.deliverTo = webhooksThrough(site, tally);
  const staff = await Promise.all(editors.map((label) => signIn(site, `${label}@example.org`, PASSWORD)));

  const paths = join(work, 'paths.txt');
  writeFileSync(
    paths,
    ['/', '/sections/city', '/feed.xml', ...readerSlugs.map((slug) => `/articles/${slug}`)].join('\n'),
  );
  progress(`loading for ${SECONDS} s; instance c is killed at ${Math.round(SECONDS / 2)} s`);
  const started = Date.now();
  const until = () => Date.now() - started > SECONDS * 1000;
  // Half the readers as nginx's cache answers them, half past it (a staff cookie, which nginx neither answers
  // from its cache nor stores for; the app ignores one that signs nobody in), so that the instances carry load.
  const reading = Promise.all([
    runWrk(
      { url: nginx.publicUrl, script: { name: 'random-paths.lua', args: [paths] } },
      { threads: 1, connections: CONNECTIONS / 2, seconds: SECONDS },
    ),
    runWrk(
      {
        url: nginx.publicUrl,
        script: { name: 'random-paths.lua', args: [paths] },
        headers: ['Cookie: broadsheet_staff=not-a-session'],
      },
      { threads: 1, connections: CONNECTIONS / 2, seconds: SECONDS },
    ),
  ]);
  const killing = new Promise<number>((resolve) =>
    setTimeout(
      async () => {
        await instances[2]!.kill();
        resolve(Date.now() - started);
      },
      (SECONDS * 1000) / 2,
    ),
  );
  const writing = Promise.all([
    ...editors.map((label, n) =>
      editorLane(site, staff[n]!, { sectionId, authorId, articles: 5, label }, until, tally, accepted),
    ),
    commentLane(site, readerSlugs.slice(0, 40), until, tally, accepted),
    commentLane(site, readerSlugs.slice(40, 80), until, tally, accepted),
    donationLane(site, standin, until, tally, accepted),
  ]);
  const [[cachedReads, pastCache], killedAt] = await Promise.all([reading, killing, writing]).then(
    ([w, k]) => [w, k] as const,
  );
  const survivors = instances.slice(0, 2);

  // Longer than INVALIDATION_POLL_MS: what Redis did not carry, the shared record has by then.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  progress('checking the database and every surviving instance');
  const comments = await storage.db.selectFrom('comments').select(['id', 'body']).execute();
  const storedComments = new Map(comments.map((c) => [c.id, c.body]));
  const lostComments = accepted.comments.filter((c) => storedComments.get(c.id) !== c.body).length;
  const donations = await storage.db
    .selectFrom('donations')
    .select('stripe_checkout_session_id')
    .where('stripe_checkout_session_id', 'is not', null)
    .execute();
  const storedSessions = new Set(donations.map((d) => d.stripe_checkout_session_id));
  const lostDonations = accepted.donations.filter((s) => !storedSessions.has(s)).length;
  const articles = await storage.db.selectFrom('articles').select(['id', 'headline', 'slug']).execute();
  const byId = new Map(articles.map((a) => [a.id, a]));
  const lostEdits = [...accepted.headlines].filter(
    ([id, headline]) => byId.get(id)?.headline !== headline,
  ).length;

  // Every surviving instance, asked directly, shows each edited article's last saved headline.
  let stale = 0;
  let checked = 0;
  for (const [id, headline] of accepted.headlines) {
    for (const instance of survivors) {
      checked++;
      const page = await send(`${instance.url}/articles/${byId.get(id)!.slug}`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      if (page.status !== 200 || !page.text.includes(headline)) stale++;
    }
  }

  // Through nginx, once its copies are past CDN_MAX_AGE_SECONDS: a stale copy is answered once while nginx
  // fetches the new one, so an article is asked again (a few times) while nginx says STALE or UPDATING.
  await new Promise((resolve) => setTimeout(resolve, (CDN_MAX_AGE_SECONDS + 1) * 1000));
  let staleThroughNginx = 0;
  for (const [id, headline] of accepted.headlines) {
    const path = `/articles/${byId.get(id)!.slug}`;
    let page = await send(`${nginx.publicUrl}${path}`, { ca: nginx.certificate });
    for (let again = 0; again < 5 && /STALE|UPDATING/.test(String(page.headers['x-cache-status'])); again++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      page = await send(`${nginx.publicUrl}${path}`, { ca: nginx.certificate });
    }
    if (page.status !== 200 || !page.text.includes(headline)) staleThroughNginx++;
  }

  // What nginx's access log says of every request: which instance answered, and what the cache did.
  const byUpstream = new Map<string, number>();
  const byCache = new Map<string, number>();
  for (const line of (await nginx.accessLog()).split('\n')) {
    const upstream = / upstream=(\S+(?:, \S+)*) upstream_status=/.exec(line)?.[1];
    const cache = / cache=(\S*)$/.exec(line)?.[1];
    if (upstream === undefined) continue;
    const instance =
      upstream === '-' ? 'none (cache)' : upstream.includes(',') ? 'retried on another' : upstream;
    bump(byUpstream, instance);
    bump(byCache, cache === '-' || !cache ? 'not cacheable' : cache);
  }
  const portNames = new Map(instances.map((i) => [`127.0.0.1:${i.port}`, i.name]));

  const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const list = (map: Map<string, number>) =>
    map.size === 0 ? 'none' : [...map].map(([what, count]) => `${what} × ${count}`).join(', ');
  print();
  for (const [label, wrk] of [
    ['from nginx’s cache', cachedReads],
    ['past nginx’s cache', pastCache],
  ] as const) {
    print(
      `Readers ${label} (${WRK} through nginx, ${CONNECTIONS / 2} connections): ${int(wrk.requests)} requests, ` +
        `${int(wrk.requestsPerSecond)}/s, p50 ${ms(wrk.p50Ms)} ms, p99 ${ms(wrk.p99Ms)} ms; ` +
        `answers neither 2xx nor 3xx: ${int(wrk.failed)}; socket errors: ${int(wrk.socketErrors)}`,
    );
  }
  print(
    `  nginx: ${[...byUpstream].map(([at, n]) => `${portNames.get(at) ?? at} ${int(n)}`).join(', ')}; ` +
      `cache ${list(byCache)}`,
  );
  print(`Instance c killed with SIGKILL at ${(killedAt / 1000).toFixed(1)} s.`);
  print(`Writers (driver through nginx): ${int(sum(tally.attempts))} requests (${list(tally.attempts)})`);
  print(`  answers 4xx/5xx: ${int(sum(tally.failures))} (${list(tally.failures)})`);
  print(`  socket errors: ${int(sum(tally.socketErrors))} (${list(tally.socketErrors)})`);
  print(
    `Accepted: ${int(accepted.comments.length)} comments, ${int(accepted.donations.length)} donations, ${int(accepted.published)} articles published, ${int(accepted.edits)} edits`,
  );
  print(
    `Lost (accepted, not in the database): comments ${lostComments}, donations ${lostDonations}, edits ${lostEdits}`,
  );
  print(
    `Stored beyond the accepted: comments ${comments.length - accepted.comments.length}, donations ${donations.length - accepted.donations.length}`,
  );
  print(
    `Caches after: ${stale} stale of ${checked} article pages asked of the two surviving instances (${accepted.headlines.size} articles each); through nginx after ${CDN_MAX_AGE_SECONDS} s: ${staleThroughNginx} stale of ${accepted.headlines.size}`,
  );
  process.exitCode = lostComments + lostDonations + lostEdits + stale + staleThroughNginx > 0 ? 1 : 0;
} finally {
  for (const instance of instances) await instance.kill().catch(() => {});
  await stopNginx().catch(() => {});
  await closeStandin().catch(() => {});
  await storage.close();
  await database.drop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

// Comments in `npm run bench`: the article page with 1,000 approved comments beside the same article without
// comments (cached and uncached, in the same run), the cold render the comments fragment cache saves, and
// posting comments with moderation rules on (requests/s through the real server, each request from its
// own address and email, as a crowd would post). run.ts calls benchComments(); this file is also the
// load generator for compressed pages and for posting, run as its own process:
// tsx bench/comments.ts --load <br|post> <url> <seconds> <connections> [secret articleId]
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { loadCommentPage } from '../src/comments/comments.js';
import { emailKey, ipKey } from '../src/comments/identity.js';
import { renderThreads } from '../src/comments/pages/comments-section.js';
import { bodyHash } from '../src/comments/post-comment.js';
import { defaultCommentSettings, saveCommentSettings } from '../src/comments/settings.js';
import { signArticleFormToken } from '../src/comments/tokens.js';
import { openStorage } from '../src/storage/db.js';
import { freePort } from '../test/support/free-port.js';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface CommentBenchOptions {
  /** The SQLite file the servers of run.ts use, populated. */
  dbFile: string;
  /** The environment run.ts starts its servers with (database, media, app secret). */
  env: Record<string, string>;
  secret: string;
  /** The page-cached server and the uncached one run.ts started. */
  cachedBase: string;
  uncachedBase: string;
  /** Slug of the article whose copies are measured (the reference article). */
  referenceSlug: string;
  seconds: number;
  connections: number;
  startServer: (env: Record<string, string>, port: number) => ChildProcess;
  waitFor: (url: string, child: ChildProcess) => Promise<void>;
  load: (url: string) => LoadResult;
  children: ChildProcess[];
}

const COMMENTS = 1000;
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

// Words and addresses a newsroom might block or hold: the rules every posted comment is checked against.
const BLOCK_LIST = [
  ...Array.from({ length: 150 }, (_, i) => `blockedword${i}`),
  ...Array.from({ length: 50 }, (_, i) => `spam-domain-${i}.example`),
];
const HOLD_LIST = Array.from({ length: 100 }, (_, i) => `holdphrase${i}`);

const SENTENCES = [
  'The council should publish the full budget before the vote.',
  'I live on this street and the flooding has been worse every year.',
  'Thank you for covering this; nobody else did.',
  'What did the mayor say about the second phase?',
  'The numbers in the third paragraph do not match the report I read.',
];

/** 1,000 approved comments as real discussions: threads of a comment and replies three levels deep. */
async function addDiscussion(
  db: ReturnType<typeof openStorage>['db'],
  secret: string,
  articleId: number,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let made = 0;
    for (let thread = 0; made < COMMENTS; thread++) {
      let parent = null as { id: number; rootId: number | null; depth: number } | null;
      // Threads of 1 to 4 comments: a top-level comment and a chain of replies, three levels at most.
      const length = 1 + (thread % 4);
      for (let i = 0; i < length && made < COMMENTS; i++, made++) {
        const email = `reader${made}@example.org`;
        const body = `${SENTENCES[made % SENTENCES.length]} (${made})\n\n${SENTENCES[(made + 2) % SENTENCES.length]}`;
        const at = new Date(now.getTime() - (COMMENTS - made) * 60_000).toISOString();
        const depth: number = parent ? parent.depth + 1 : 0;
        const row = await trx
          .insertInto('comments')
          .values({
            article_id: articleId,
            parent_id: parent?.id ?? null,
            root_id: parent ? (parent.rootId ?? parent.id) : null,
            depth,
            status: 'approved',
            body,
            author_name: `Reader ${made}`,
            author_email: email,
            email_key: emailKey(secret, email),
            author_url: made % 7 === 0 ? `https://reader${made}.example` : '',
            staff_id: null,
            notify_replies: 0,
            ip_key: ipKey(secret, `198.18.${made >> 8}.${made & 255}`),
            body_hash: bodyHash(body),
            moderation_reason: null,
            spam_score: 0,
            created_at: at,
            approved_at: at,
            edited_at: null,
            status_changed_at: at,
            digest_sent_at: null,
            reply_notified_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        parent = { id: row.id, rootId: parent ? (parent.rootId ?? parent.id) : null, depth };
      }
    }
  });
}

/** Runs this file as the load generator, in its own process like bench/load.ts. */
function childLoad(
  mode: 'br' | 'post',
  url: string,
  seconds: number,
  connections: number,
  secret = '',
  articleId = 0,
): LoadResult {
  const out = execFileSync(
    tsx,
    [
      'bench/comments.ts',
      '--load',
      mode,
      url,
      String(seconds),
      String(connections),
      secret,
      String(articleId),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
}

export async function benchComments(o: CommentBenchOptions): Promise<Array<[string, LoadResult]>> {
  const storage = openStorage(`sqlite:${o.dbFile}`);
  const now = new Date();
  // Two copies of the reference article (same body, same size): one gets the discussion, one stays quiet;
  // a third takes the posted comments, so posting does not touch the pages measured.
  const copies = await storage.db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where('slug', 'like', `${o.referenceSlug}-%`)
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(3)
    .execute();
  if (copies.length < 3) throw new Error('the benchmark needs three copies of the reference article');
  const [discussed, quiet, posted] = copies as [(typeof copies)[0], (typeof copies)[0], (typeof copies)[0]];
  await addDiscussion(storage.db, o.secret, discussed.id, now);

  // The cold render the fragment cache saves on every render of the page: load 1,000 comments, render them.
  const settings = defaultCommentSettings;
  const rounds = 20;
  const started = performance.now();
  let html = '';
  for (let i = 0; i < rounds; i++) {
    const page = await loadCommentPage(storage.db, discussed.id, {
      page: 1,
      order: settings.order,
      perPage: settings.perPage,
    });
    html = renderThreads({
      slug: discussed.slug,
      page,
      defaultOrder: settings.order,
      open: true,
      language: 'en',
      timeZone: 'UTC',
    });
  }
  const coldMs = (performance.now() - started) / rounds;

  const rows: Array<[string, LoadResult]> = [];
  const run = (name: string, measure: () => LoadResult) => {
    const r = measure();
    rows.push([name, r]);
    console.log(
      `${name.padEnd(44)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99Ms).padStart(4)} ms   non-2xx ${r.non2xx}`,
    );
    return r;
  };
  // Each page's bytes, also served by a bare node:http server: the yardstick for what one cached page costs.
  const pages = { with: `/articles/${discussed.slug}`, without: `/articles/${quiet.slug}` };
  const bare: Record<keyof typeof pages, string> = { with: '', without: '' };
  const bytes: Record<keyof typeof pages, number> = { with: 0, without: 0 };
  for (const key of ['with', 'without'] as const) {
    const body = await fetchBytes(`${o.cachedBase}${pages[key]}`);
    const file = join(dirname(o.dbFile), `comments-${key}.html`);
    await writeFile(file, body);
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', file, String(port)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    o.children.push(server);
    bare[key] = `http://127.0.0.1:${port}/`;
    bytes[key] = body.length;
    await o.waitFor(bare[key], server);
  }
  console.log(
    `\ncomments: one article with ${COMMENTS.toLocaleString('en')} approved comments (${bytes.with} bytes, the first ` +
      `${settings.perPage} threads), the same article without comments (${bytes.without} bytes)\n`,
  );
  const bareWith = run('bare node:http, bytes of the page with comments', () => o.load(bare.with));
  const cachedWith = run('article + 1,000 comments, cached', () => o.load(`${o.cachedBase}${pages.with}`));
  const bareWithout = run('bare node:http, bytes of the page without', () => o.load(bare.without));
  const cachedWithout = run('same article, no comments, cached', () =>
    o.load(`${o.cachedBase}${pages.without}`),
  );
  // As browsers and CDNs ask for it: compressed, from the copies the page cache keeps beside each page.
  const brWith = run('article + 1,000 comments, cached, br', () =>
    childLoad('br', `${o.cachedBase}${pages.with}`, o.seconds, o.connections),
  );
  const brWithout = run('same article, no comments, cached, br', () =>
    childLoad('br', `${o.cachedBase}${pages.without}`, o.seconds, o.connections),
  );
  const uncachedWith = run('article + 1,000 comments, uncached page', () =>
    o.load(`${o.uncachedBase}${pages.with}`),
  );
  const uncachedWithout = run('same article, no comments, uncached page', () =>
    o.load(`${o.uncachedBase}${pages.without}`),
  );

  // Posting: a server that trusts X-Forwarded-For, so each request counts as its own reader's address.
  await saveCommentSettings(
    storage.db,
    {
      ...defaultCommentSettings,
      mode: 'first_time',
      blockList: BLOCK_LIST,
      holdList: HOLD_LIST,
      linkLimit: 2,
      minSecondsBeforePosting: 3,
    },
    now,
  );
  await storage.close();
  const posterBase = `http://127.0.0.1:${await freePort()}`;
  const poster = o.startServer({ ...o.env, TRUST_PROXY: 'true' }, Number(new URL(posterBase).port));
  o.children.push(poster);
  await o.waitFor(`${posterBase}/articles/${posted.slug}`, poster);
  const posting = run('posting comments, moderation rules on', () =>
    childLoad(
      'post',
      `${posterBase}/articles/${posted.slug}/comments`,
      o.seconds,
      o.connections,
      o.secret,
      posted.id,
    ),
  );

  const share = (a: LoadResult, b: LoadResult) => a.requestsPerSecond / b.requestsPerSecond;
  const percent = (x: number) => `${(x * 100).toFixed(0)}%`;
  // A cached page costs the server a lookup and a write, whatever is on it; only its bytes differ. So the
  // page with comments is measured against a bare server sending its own bytes, as the page without is.
  const withShare = share(cachedWith, bareWith);
  const withoutShare = share(cachedWithout, bareWithout);
  console.log(
    `\ncached article / bare server with the same bytes: with 1,000 comments ${percent(withShare)}, without ` +
      `${percent(withoutShare)} (target: the comments cost the cached page nothing, ≥ 90% of the share without) ` +
      `${withShare >= 0.9 * withoutShare ? 'met' : 'NOT met'}`,
  );
  console.log(
    `cached article with comments / without: ${percent(share(cachedWith, cachedWithout))} uncompressed, ` +
      `${percent(share(brWith, brWithout))} compressed (br) as browsers ask: the ${bytes.with - bytes.without} bytes of comments`,
  );
  console.log(
    `uncached article with comments / without: ${percent(share(uncachedWith, uncachedWithout))} ` +
      `(the page is rendered anew; the comments fragment comes from its own cache)`,
  );
  console.log(
    `comments fragment, cold: ${coldMs.toFixed(1)} ms to load and render the first page of ${COMMENTS.toLocaleString('en')} ` +
      `comments (${html.length} bytes), saved by the fragment cache until a comment is approved`,
  );
  console.log(
    `posting: ${posting.requestsPerSecond.toFixed(0)} comments/s through validation, rate limits (database), ` +
      `${BLOCK_LIST.length} blocked and ${HOLD_LIST.length} held entries, spam score and storage`,
  );
  return rows;
}

// The load generator. "br": GET asking for compression, as browsers do. "post": every request a new reader
// (address, email, text) with a form shown a minute ago, asking for JSON as the form island does.
async function runLoad(args: string[]): Promise<void> {
  const [mode, url, seconds, connections, secret, articleId] = args as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // The token the form island fetches when the form comes into view, a minute before posting.
  const token = signArticleFormToken(secret, {
    articleId: Number(articleId),
    source: 'fresh',
    shownAt: new Date(Date.now() - 60_000),
  });
  let n = 0;
  const post = (request: autocannon.Request) => {
    n++;
    const body = new URLSearchParams({
      comment: `${SENTENCES[n % SENTENCES.length]} Reader ${n} adds a thought of their own.${n % 10 === 0 ? ' Source: https://example.org/report' : ''}`,
      name: `Bench Reader ${n}`,
      email: `bench${n}@example.org`,
      url: '',
      t: token,
      comment_title: '',
    }).toString();
    return {
      ...request,
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        origin: new URL(url).origin,
        'x-forwarded-for': `100.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`,
      },
    };
  };
  const result = await autocannon({
    url,
    duration: Number(seconds),
    connections: Number(connections),
    ...(mode === 'post'
      ? { requests: [{ method: 'POST' as const, setupRequest: post }] }
      : { headers: { 'accept-encoding': 'gzip, deflate, br' } }),
  });
  process.stdout.write(
    `${JSON.stringify({
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    })}\n`,
  );
}

if (process.argv[2] === '--load') await runLoad(process.argv.slice(3));

/**
 * The page's bytes. A pooled keep-alive socket left from an earlier run can be closed by the server just as
 * it is reused, which fetch reports as "other side closed"; a second try gets a new connection.
 */
async function fetchBytes(url: string): Promise<Buffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

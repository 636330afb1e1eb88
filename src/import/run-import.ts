// One import run, in two passes over the source file so that memory stays flat however large it is.
// Pass 1 reads the whole file, keeping only people, terms, media and each post's permalink (never a body):
// a malformed file fails here, before anything is written. Then people, sections, tags and media are
// written, and every post's slug here decided (plan-posts.ts). Pass 2 reads the file again and writes each
// post or page with its comments and old addresses in one transaction with its import_items row, so a run
// stopped at any point continues where it stopped when started again, and a second run of the same file
// finds everything and changes nothing. At the end the sticky story is pinned and everything is announced.

import { articlePath, authorPath, tagPath } from '../articles/model.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import { pagePath } from '../pages/page-refs.js';
import { indexStaleArticles } from '../search/search-index.js';
import { sectionPath } from '../site/sections.js';
import type { StickyArticles } from './article-import.js';
import type { ImportContext, ImportDeps, PlannedPost } from './import-context.js';
import type { ImportOptions, ImportReport, ProgressListener } from './import-contract.js';
import { KeptIds } from './kept-ids.js';
import { Ledger } from './ledger.js';
import { importMedia, mediaFromAddress } from './media-import.js';
import { mediaUrlKey, oldPathKey, siteHostOf } from './old-addresses.js';
import { importPeople } from './people.js';
import { pinSticky } from './pin-sticky.js';
import { planPosts, type ScannedPost } from './plan-posts.js';
import { archiveAddress, attachmentAddresses, writeRedirects } from './redirects.js';
import { ReportBuilder } from './report.js';
import { importTerms } from './sections-and-tags.js';
import {
  SourceFileError,
  type SourceMedia,
  type SourcePerson,
  type SourcePost,
  type SourceRedirect,
  type SourceSite,
  type SourceTerm,
} from './source-model.js';
import { BATCH, inTransaction, writePosts } from './write-posts.js';

export type { ImportDeps } from './import-context.js';

const PROGRESS_EVERY = 100;

interface FirstPass {
  site: SourceSite | null;
  people: SourcePerson[];
  terms: SourceTerm[];
  media: SourceMedia[];
  posts: ScannedPost[];
  redirects: SourceRedirect[];
}

/**
 * A copy of what pass 1 keeps, made of strings of its own. A reader's strings may be slices of the text it
 * parsed (V8 slices rather than copies), so keeping a post's title would keep its whole item, body and all,
 * alive until the run ends: memory would grow with the file (1.8 GB for 170,000 posts), not stay flat.
 */
function kept<T>(value: T): T {
  return structuredClone(value);
}

async function readFirstPass(
  deps: ImportDeps,
  options: ImportOptions,
  report: ReportBuilder,
  onProgress?: ProgressListener,
): Promise<FirstPass> {
  const read = deps.readers[options.system];
  if (!read) throw new SourceFileError(`no reader for ${options.system} exports`);
  const pass: FirstPass = { site: null, people: [], terms: [], media: [], posts: [], redirects: [] };
  const images = new Map<string, SourceMedia>();
  let done = 0;
  for await (const record of read(options.file)) {
    switch (record.kind) {
      case 'site':
        pass.site = kept(record);
        break;
      case 'person':
        pass.people.push(kept(record));
        break;
      case 'term':
        pass.terms.push(kept(record));
        break;
      case 'media':
        pass.media.push(kept(record));
        break;
      case 'redirect':
        pass.redirects.push(kept(record));
        break;
      case 'problem':
        report.warn({ kind: 'file', title: record.title, oldUrl: record.url, message: record.message });
        break;
      case 'post': {
        pass.posts.push(
          kept({
            type: record.type,
            sourceId: record.sourceId,
            slug: record.slug,
            title: record.title,
            url: record.url,
          }),
        );
        // Images the post names that are no attachment (Ghost's, or pasted from elsewhere on the old site).
        const named = (image: SourceMedia) => images.set(image.url, kept(image));
        if (record.featuredImageUrl) {
          named(
            mediaFromAddress(record.featuredImageUrl, record.featuredImageAlt, record.featuredImageCaption),
          );
        }
        const social = record.seo.socialImageUrl;
        if (social && !images.has(social)) named(mediaFromAddress(social, record.title));
        for (const ref of deps.bodies.imageReferences(record.body)) {
          if (!ref.sourceId && !images.has(ref.url)) named(mediaFromAddress(ref.url));
        }
        break;
      }
    }
    if (++done % PROGRESS_EVERY === 0) {
      onProgress?.({ phase: 'reading', done, counts: report.snapshot() });
      deps.betweenBatches?.();
    }
  }
  const site = pass.site;
  const host = site ? siteHostOf(site.baseUrl) : '';
  const attachments = new Set(pass.media.map((m) => mediaUrlKey(m.url, site?.baseUrl ?? '')));
  for (const image of images.values()) {
    const key = mediaUrlKey(image.url, site?.baseUrl ?? '');
    const onOldSite = site !== null && oldPathKey(image.url, site.baseUrl, host) !== null;
    if (key && onOldSite && !attachments.has(key)) {
      attachments.add(key);
      pass.media.push(image);
    }
  }
  return pass;
}

export async function runImport(
  deps: ImportDeps,
  options: ImportOptions,
  onProgress?: ProgressListener,
): Promise<ImportReport> {
  const report = new ReportBuilder(options.system, options.dryRun);
  const pass = await readFirstPass(deps, options, report, onProgress);
  if (!pass.site) throw new SourceFileError('the file names no site: is it an export?');
  const site = pass.site.baseUrl.replace(/\/+$/, '');
  report.sourceSite = site;
  const empty = pass.posts.length === 0 && pass.media.length === 0;
  let dryIds = 0;
  const ctx: ImportContext = {
    deps,
    db: deps.db,
    options,
    ledger: await Ledger.load(deps.db, site),
    report,
    site,
    siteHost: siteHostOf(site),
    now: deps.clock().toISOString(),
    write: !options.dryRun,
    people: new Map(),
    sections: new Map(),
    tags: new Map(),
    mediaById: new Map(),
    mediaByUrl: new Map(),
    postsByPath: new Map(),
    plannedSlugs: new Map(),
    keptIds: new KeptIds(options.system, report, !options.dryRun),
    nextDryId: () => --dryIds,
  };
  deps.log?.info(
    `import: ${pass.posts.length} posts and pages, ${pass.media.length} images, ${pass.people.length} people`,
  );

  await inTransaction(ctx, async (trx) => {
    await importPeople(ctx, trx, pass.people);
    await importTerms(ctx, trx, pass.terms);
    for (const person of pass.people) {
      const ref = ctx.people.get(person.sourceId)!;
      await writeRedirects(ctx, trx, [archiveAddress(ctx, 'author', person.slug)], {
        kind: 'author',
        id: ref.id,
        address: authorPath(ref.slug),
      });
    }
    for (const term of pass.terms) {
      const isSection = term.taxonomy === 'category';
      const ref = isSection ? ctx.sections.get(term.slug) : ctx.tags.get(term.slug);
      if (!ref) continue;
      const paths = [archiveAddress(ctx, isSection ? 'category' : 'tag', term.slug)];
      if (isSection && term.parentSlug)
        paths.push(archiveAddress(ctx, 'category', `${term.parentSlug}/${term.slug}`));
      await writeRedirects(ctx, trx, paths, {
        kind: isSection ? 'section' : 'tag',
        id: ref.id,
        address: isSection ? sectionPath(ref.slug) : tagPath(ref.slug),
      });
    }
  });
  await importMedia(ctx, pass.media);
  const mediaAddress = new Map([...ctx.mediaByUrl.values()].map((m) => [m.id, m.url]));
  await inTransaction(ctx, async (trx) => {
    for (const media of pass.media) {
      const id = ctx.mediaById.get(media.sourceId);
      if (id === undefined) continue;
      const address = mediaAddress.get(id) ?? '';
      await writeRedirects(ctx, trx, attachmentAddresses(ctx, media.sourceId, media.pageUrl), {
        kind: 'media',
        id,
        address,
      });
    }
  });
  await planPosts(ctx, pass.posts);
  // Known from pass 1: a fresh id given in one batch can then never be the id a later batch's post keeps.
  for (const type of ['article', 'page'] as const) {
    const ids = pass.posts.filter((p) => p.type === type).map((p) => p.sourceId);
    await ctx.keptIds.reserve(ctx.db, type === 'article' ? 'articles' : 'pages', ids);
  }
  const total = pass.posts.length;
  pass.people = [];
  pass.terms = [];
  pass.media = [];
  pass.posts = [];

  const sticky: StickyArticles = [];
  let done = 0;
  onProgress?.({ phase: 'writing', done, total, counts: report.snapshot() });
  let batch: SourcePost[] = [];
  for await (const record of deps.readers[options.system]!(options.file)) {
    if (record.kind !== 'post') continue;
    batch.push(record);
    if (batch.length < (deps.batchSize ?? BATCH)) continue;
    await writePosts(ctx, batch, sticky);
    done += batch.length;
    batch = [];
    onProgress?.({ phase: 'writing', done, total, counts: report.snapshot() });
    deps.betweenBatches?.();
  }
  await writePosts(ctx, batch, sticky);
  done += batch.length;
  onProgress?.({ phase: 'writing', done, total, counts: report.snapshot() });
  await importSourceRedirects(ctx, pass.redirects);
  await pinSticky(ctx, sticky);
  // The search index's own catch-up, a hundred articles a statement: a run stopped before this point leaves
  // them to the catch-up job, which finds every article newer than its entry (server/background-jobs.ts).
  if (ctx.write) await indexStaleArticles(deps.db);
  if (ctx.write) await deps.events.changed([EVERYTHING]);
  const final = report.finish(empty);
  onProgress?.({ phase: 'done', done, total, counts: final.counts });
  return final;
}

/** Ghost's redirects.json: kept when it leads to a post or page of the export. */
async function importSourceRedirects(ctx: ImportContext, redirects: SourceRedirect[]): Promise<void> {
  if (redirects.length === 0) return;
  const targets = redirects.map((r) => {
    const toKey = oldPathKey(r.to, ctx.site, ctx.siteHost);
    return toKey === null ? undefined : ctx.postsByPath.get(toKey);
  });
  for (const type of ['article', 'page'] as const) {
    await ctx.ledger.lookUp(
      type,
      targets.flatMap((t) => (t?.type === type ? [t.sourceId] : [])),
    );
  }
  try {
    await writeSourceRedirects(ctx, redirects, targets);
  } finally {
    ctx.ledger.release();
  }
}

async function writeSourceRedirects(
  ctx: ImportContext,
  redirects: SourceRedirect[],
  targets: Array<PlannedPost | undefined>,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    for (const [i, r] of redirects.entries()) {
      const from = oldPathKey(r.from, ctx.site, ctx.siteHost);
      const post = targets[i];
      const id = post ? ctx.ledger.get(post.type, post.sourceId)?.localId : undefined;
      if (from === null || !post || id === undefined) {
        ctx.report.count('redirects', 'failed');
        ctx.report.warn({
          kind: 'redirects',
          title: r.from,
          message: `leads to ${r.to}, which is no post or page of this export`,
        });
        continue;
      }
      await writeRedirects(ctx, trx, [from], {
        kind: post.type,
        id,
        address: post.type === 'article' ? articlePath(post.slug) : pagePath(post.slug),
      });
    }
  });
}

// A post → an article: its status with its original dates, the excerpt as dek, the bylines in order, the
// primary category as section, tags, the featured image as hero, the SEO fields, and the body converted with
// links into the old site rewritten. It is written as the editor writes one (the editorial domain's own
// column mapping, bylines, tags, revision; the media library's usage), in one transaction
// with its comments, its old addresses and its import_items row. No webhook is queued: this is history. The
// search index is written for the whole run at its end (run-import.ts).
import type { Kysely } from 'kysely';
import { articlePath } from '../articles/model.js';
import { mediaIdsOf } from '../articles/render/document.js';
import { columnsOf } from '../editorial/article-relations.js';
import type { ArticleFields } from '../editorial/fields.js';
import { insertArticle } from '../editorial/queries/articles.js';
import { addAuthors, addTags, replaceAuthors, replaceTags } from '../editorial/queries/bylines-and-tags.js';
import { insertRevision } from '../editorial/queries/revisions.js';
import { setArticleMedia } from '../media/admin/usage.js';
import type { ArticleStatus, Database } from '../storage/schema.js';
import { plainLine } from './body-conversion.js';
import { importComments } from './comment-import.js';
import type { ImportContext } from './import-context.js';
import { recordHash } from './ledger.js';
import { mediaIdFor, newAddressFor } from './old-addresses.js';
import { plannedSlug } from './plan-posts.js';
import { postAddresses, writeRedirects } from './redirects.js';
import { tagFor } from './sections-and-tags.js';
import type { SourcePost } from './source-model.js';

/** Articles marked sticky on the old site, pinned on the home page at the end of the run. */
export type StickyArticles = number[];

function httpUrl(url: string | undefined): string {
  return url && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : '';
}

async function fieldsOf(ctx: ImportContext, trx: Kysely<Database>, post: SourcePost, slug: string) {
  const warnings: string[] = [];
  const converted = ctx.deps.bodies.convert(post.body, {
    image: (ref) => mediaIdFor(ctx, ref),
    link: (url) => newAddressFor(ctx, url),
  });
  warnings.push(...converted.warnings);
  const authorIds: number[] = [];
  for (const id of post.authorIds) {
    const author = ctx.people.get(id);
    if (!author) warnings.push(`its author “${id}” is not among the export's authors`);
    else if (!authorIds.includes(author.id)) authorIds.push(author.id);
  }
  const category = post.primaryCategory ?? post.categories[0];
  const section = category ? ctx.sections.get(category) : undefined;
  if (category && !section) warnings.push(`its category “${category}” is not among the export's categories`);
  const tags: string[] = [];
  const tagIds: number[] = [];
  for (const name of post.tags) {
    const tag = await tagFor(ctx, trx, name);
    if (tag && !tagIds.includes(tag.id)) {
      tags.push(tag.name);
      tagIds.push(tag.id);
    }
  }
  let heroMediaId: number | null = null;
  if (post.featuredMediaId || post.featuredImageUrl) {
    heroMediaId = mediaIdFor(ctx, { sourceId: post.featuredMediaId, url: post.featuredImageUrl }) ?? null;
    if (heroMediaId === null) warnings.push('its featured image was not brought in, so it has no hero');
  }
  // A canonical naming the post's own old address is no syndication: the story's home is now here.
  const canonical = httpUrl(post.seo.canonical);
  const fields: ArticleFields = {
    headline: post.title.trim() || slug,
    seoHeadline: post.seo.title?.includes('%%') ? '' : (post.seo.title ?? '').trim(),
    socialHeadline: (post.seo.socialTitle ?? '').trim(),
    socialDescription: (post.seo.socialDescription ?? '').trim(),
    socialImageId: post.seo.socialImageUrl
      ? (mediaIdFor(ctx, { url: post.seo.socialImageUrl }) ?? null)
      : null,
    metaDescription: (post.seo.description ?? '').trim(),
    canonicalUrl:
      canonical && canonical.replace(/\/+$/, '') !== post.url.replace(/\/+$/, '') ? canonical : '',
    noindex: post.seo.noindex === true,
    dek: plainLine(ctx.deps.bodies, post.excerpt),
    slug,
    sectionId: section?.id ?? null,
    tags,
    authorIds,
    workType: 'news',
    dateline: '',
    heroMediaId,
    body: converted.document,
  };
  return { fields, tagIds, warnings };
}

function statusColumns(post: SourcePost, now: string) {
  const status: ArticleStatus = post.status;
  const date = post.publishedAt ?? null;
  return {
    status,
    published_at:
      status === 'published' ? (date ?? post.createdAt ?? now) : status === 'unpublished' ? date : null,
    scheduled_at: status === 'scheduled' ? (date ?? now) : null,
    updated_at: null,
  };
}

/** Writes one post as an article (new or changed) with its comments and addresses, in the caller's transaction. */
export async function importArticle(
  ctx: ImportContext,
  trx: Kysely<Database>,
  post: SourcePost,
  sticky: StickyArticles,
): Promise<void> {
  const hash = recordHash(post);
  const entry = ctx.ledger.get('article', post.sourceId);
  if (entry && entry.hash === hash) {
    ctx.report.count('articles', 'skipped');
    ctx.report.count('comments', 'skipped', post.comments.length);
    if (post.sticky) sticky.push(entry.localId);
    return;
  }
  const slug = plannedSlug(ctx, post);
  const warn = (message: string) =>
    ctx.report.warn({ kind: 'articles', title: post.title || slug, oldUrl: post.url, message });

  {
    const at = ctx.now;
    let id: number;
    let version = 1;
    if (entry) {
      id = entry.localId;
      const current = ctx.write
        ? await trx.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirst()
        : { version: entry.localVersion ?? 1 };
      if (!current) {
        warn('was imported before but has since been deleted here, so it is not brought back');
        ctx.report.count('articles', 'skipped');
        return;
      }
      if (current.version !== entry.localVersion) {
        // Someone edited it here since it was imported: their edit wins; the newer export's comments still come.
        warn('changed on the old site, but was edited here since it was imported: it is kept as edited here');
        ctx.report.count('articles', 'skipped');
        await importComments(ctx, trx, post, id);
        return;
      }
      version = current.version + 1;
    }
    const { fields, tagIds, warnings } = await fieldsOf(ctx, trx, post, slug);
    for (const message of warnings) warn(message);
    const columns = {
      ...columnsOf(fields),
      ...statusColumns(post, at),
      modified_at: post.modifiedAt ?? post.publishedAt ?? at,
      saved_by: ctx.options.staffId ?? null,
      saved_at: at,
    };
    if (!ctx.write) {
      // A dry run reports the ids it could not keep as the run would.
      if (!entry) ctx.keptIds.keep('articles', post.sourceId);
      id = entry ? entry.localId : ctx.nextDryId();
    } else if (entry) {
      id = entry.localId;
      await trx
        .updateTable('articles')
        .set({ ...columns, version })
        .where('id', '=', id)
        .execute();
    } else {
      id = await insertArticle(trx, {
        id: ctx.keptIds.keep('articles', post.sourceId),
        ...columns,
        created_at: post.createdAt ?? post.publishedAt ?? at,
        created_by: ctx.options.staffId ?? null,
      });
    }
    if (ctx.write) {
      const images = { hero: fields.heroMediaId, body: mediaIdsOf(fields.body) };
      if (entry) {
        await replaceAuthors(trx, id, fields.authorIds);
        await replaceTags(trx, id, tagIds);
        await setArticleMedia(trx, id, images);
      } else {
        // A new row has nothing to replace: three deletes a post saved.
        await addAuthors(trx, id, fields.authorIds);
        await addTags(trx, id, tagIds);
        if (images.hero !== null || images.body.length > 0) await setArticleMedia(trx, id, images);
      }
      // The editor's history starts with the imported text, so a later edit can be compared and undone.
      await insertRevision(trx, {
        article_id: id,
        version,
        fields: JSON.stringify(fields),
        kind: 'manual',
        created_by: ctx.options.staffId ?? null,
        created_at: at,
        via: `import from ${ctx.options.system}`,
      });
    }
    await importComments(ctx, trx, post, id);
    await writeRedirects(ctx, trx, postAddresses(ctx, post), {
      kind: 'article',
      id,
      address: articlePath(slug),
    });
    const ledgerEntry = { localKind: 'article', localId: id, hash, localVersion: version };
    if (ctx.write) await ctx.ledger.write(trx, 'article', post.sourceId, ledgerEntry, at);
    else ctx.ledger.remember('article', post.sourceId, ledgerEntry);
    ctx.report.count('articles', entry ? 'updated' : 'imported');
    if (post.sticky) sticky.push(id);
  }
}

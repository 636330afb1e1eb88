// Writing posts in batches: one transaction holds up to BATCH posts, each with its comments, old addresses
// and import_items row, so a commit is paid once per batch rather than per post. An item is still never half
// written: a batch commits whole or not at all, and one that fails is rolled back and written again one post
// per transaction, so that only the post at fault fails (and is reported) and the others are kept.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { importArticle, type StickyArticles } from './article-import.js';
import type { ImportContext } from './import-context.js';
import { importPage } from './page-import.js';
import type { SourcePost } from './source-model.js';

export const BATCH = 200;

/** Runs `work` in one transaction; the ledger keeps what it wrote only if it commits. */
export async function inTransaction<T>(
  ctx: ImportContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (ctx.write) await ctx.ledger.flush(trx, ctx.now);
      return result;
    });
    ctx.ledger.settle(true);
    return result;
  } catch (error) {
    ctx.ledger.settle(false);
    throw error;
  }
}

function writePost(ctx: ImportContext, trx: Kysely<Database>, post: SourcePost, sticky: StickyArticles) {
  return post.type === 'page' ? importPage(ctx, trx, post) : importArticle(ctx, trx, post, sticky);
}

/** What a rolled-back transaction must take back from the run's memory: counts, new tags, sticky stories. */
function checkpoint(ctx: ImportContext, sticky: StickyArticles) {
  const report = ctx.report.mark();
  const tags = new Set(ctx.tags.keys());
  const stickyLength = sticky.length;
  return () => {
    ctx.report.restore(report);
    for (const key of ctx.tags.keys()) if (!tags.has(key)) ctx.tags.delete(key);
    sticky.length = stickyLength;
  };
}

export async function writePosts(
  ctx: ImportContext,
  posts: SourcePost[],
  sticky: StickyArticles,
): Promise<void> {
  try {
    await lookUpBatch(ctx, posts);
    await writeBatch(ctx, posts, sticky);
  } finally {
    ctx.ledger.release();
  }
}

/**
 * What import_items knows of the batch's posts, pages and comments, and which of their WordPress ids are free
 * here (kept-ids.ts): a query or two per kind, not one per item.
 */
async function lookUpBatch(ctx: ImportContext, posts: SourcePost[]): Promise<void> {
  const ids = (type: SourcePost['type']) => posts.filter((p) => p.type === type).map((p) => p.sourceId);
  const commentIds = posts.flatMap((p) => p.comments.map((c) => c.sourceId));
  await ctx.ledger.lookUp('article', ids('article'));
  await ctx.ledger.lookUp('page', ids('page'));
  await ctx.ledger.lookUp('comment', commentIds);
  const isNew = (kind: 'article' | 'page' | 'comment') => (id: string) => !ctx.ledger.get(kind, id);
  await ctx.keptIds.check(ctx.db, 'articles', ids('article').filter(isNew('article')));
  await ctx.keptIds.check(ctx.db, 'pages', ids('page').filter(isNew('page')));
  await ctx.keptIds.check(ctx.db, 'comments', commentIds.filter(isNew('comment')));
}

async function writeBatch(ctx: ImportContext, posts: SourcePost[], sticky: StickyArticles): Promise<void> {
  const undoBatch = checkpoint(ctx, sticky);
  try {
    await inTransaction(ctx, async (trx) => {
      for (const post of posts) await writePost(ctx, trx, post, sticky);
    });
    return;
  } catch {
    undoBatch();
  }
  for (const post of posts) {
    const undo = checkpoint(ctx, sticky);
    try {
      await inTransaction(ctx, (trx) => writePost(ctx, trx, post, sticky));
    } catch (error) {
      undo();
      const kind = post.type === 'page' ? 'pages' : 'articles';
      ctx.report.count(kind, 'failed');
      ctx.report.warn({
        kind,
        title: post.title || post.slug,
        oldUrl: post.url,
        message: `could not be written: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}

// A post's comments, threaded: each reply under its parent (a reply deeper than the thread allows goes under
// the deepest ancestor that may have replies), with its status, name, website and date. The email is kept
// lower-case beside its keyed hash and the network as its keyed hash, both made as the comment form makes
// them (comments/identity.ts), and never shown. Nobody is emailed about imported history: digests and reply
// notices are marked as sent.
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import { MAX_DEPTH } from '../comments/comments.js';
import { emailKey, ipKey, normaliseEmail } from '../comments/identity.js';
import { bodyHash } from '../comments/post-comment.js';
import { insertRowReturningId } from '../storage/row-insert.js';
import type { Database } from '../storage/schema.js';
import type { ImportContext } from './import-context.js';
import { recordHash } from './ledger.js';
import type { SourceComment, SourcePost } from './source-model.js';

interface Placed {
  id: number;
  depth: number;
  rootId: number | null;
  parentId: number | null;
}

/** Parents before their replies, whatever order the file gave; a reply to a missing parent stands alone. */
function threadOrder(comments: SourceComment[]): SourceComment[] {
  const ids = new Set(comments.map((c) => c.sourceId));
  const ordered: SourceComment[] = [];
  const placed = new Set<string>();
  let waiting = comments;
  while (waiting.length > 0) {
    const next: SourceComment[] = [];
    for (const c of waiting) {
      if (!c.parentId || !ids.has(c.parentId) || placed.has(c.parentId) || c.parentId === c.sourceId) {
        ordered.push(c);
        placed.add(c.sourceId);
      } else next.push(c);
    }
    // A loop of replies (a broken file): the rest stand alone rather than never being placed.
    if (next.length === waiting.length) {
      for (const c of next) ordered.push({ ...c, parentId: undefined });
      break;
    }
    waiting = next;
  }
  return ordered;
}

/**
 * The keyed hashes of a run's commenters, each made once: the same few hundred people write most of a site's
 * comments, and an HMAC apiece was a tenth of an import's time. Bounded, so a site of strangers costs no more.
 */
const keysOfRun = new WeakMap<ImportContext, Map<string, string>>();
const KEYS_KEPT = 20_000;

function keyOnce(ctx: ImportContext, name: string, make: () => string): string {
  let keys = keysOfRun.get(ctx);
  if (!keys) {
    keys = new Map();
    keysOfRun.set(ctx, keys);
  }
  let key = keys.get(name);
  if (key === undefined) {
    key = make();
    if (keys.size >= KEYS_KEPT) keys.clear();
    keys.set(name, key);
  }
  return key;
}

function safeWebsite(url: string): string {
  const trimmed = url.trim();
  return /^https?:\/\/[^\s]+$/i.test(trimmed) && trimmed.length <= 500 ? trimmed : '';
}

export async function importComments(
  ctx: ImportContext,
  trx: Kysely<Database>,
  post: SourcePost,
  articleId: number,
): Promise<void> {
  if (post.comments.length === 0) return;
  const { secret, bodies } = ctx.deps;
  const placed = new Map<string, Placed>();
  const known = post.comments.some((c) => ctx.ledger.get('comment', c.sourceId));
  if (known && ctx.write) {
    const rows = await trx
      .selectFrom('comments')
      .select(['id', 'depth', 'root_id', 'parent_id'])
      .where('article_id', '=', articleId)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of post.comments) {
      const row = byId.get(ctx.ledger.get('comment', c.sourceId)?.localId ?? -1);
      if (row)
        placed.set(c.sourceId, {
          id: row.id,
          depth: row.depth,
          rootId: row.root_id,
          parentId: row.parent_id,
        });
    }
  }
  for (const comment of threadOrder(post.comments)) {
    const hash = recordHash(comment);
    const entry = ctx.ledger.get('comment', comment.sourceId);
    const body = bodies.commentText(comment.body).slice(0, 20_000);
    if (entry && entry.hash === hash) {
      ctx.report.count('comments', 'skipped');
      continue;
    }
    if (!body) {
      ctx.report.count('comments', 'failed');
      ctx.report.warn({
        kind: 'comments',
        title: `Comment by ${comment.authorName || 'someone'} on “${post.title}”`,
        oldUrl: post.url,
        message: 'has no text left once cleaned, so it was left out',
      });
      continue;
    }
    const email = normaliseEmail(comment.authorEmail);
    const at = comment.createdAt || ctx.now;
    const words = {
      status: comment.status,
      body,
      body_hash: bodyHash(body),
      author_name: comment.authorName.trim().slice(0, 100) || 'Anonymous',
      author_url: safeWebsite(comment.authorUrl),
      approved_at: comment.status === 'approved' ? at : null,
      status_changed_at: at,
    };
    if (entry) {
      if (ctx.write) await trx.updateTable('comments').set(words).where('id', '=', entry.localId).execute();
      await record(ctx, trx, comment.sourceId, entry.localId, hash);
      ctx.report.count('comments', 'updated');
      continue;
    }
    // Replies go three levels deep here: a deeper one joins its nearest ancestor that may take replies.
    let parent = comment.parentId ? placed.get(comment.parentId) : undefined;
    while (parent && parent.depth >= MAX_DEPTH) {
      const up: Placed | undefined = [...placed.values()].find((p) => p.id === parent!.parentId);
      parent = up;
    }
    let id: number;
    if (ctx.write) {
      const ip = comment.authorIp.trim();
      const emailName = email || `${ctx.site}#${comment.sourceId}`;
      id = await insertRowReturningId(trx, 'comments', {
        id: ctx.keptIds.keep('comments', comment.sourceId),
        ...words,
        article_id: articleId,
        parent_id: parent?.id ?? null,
        root_id: parent ? (parent.rootId ?? parent.id) : null,
        depth: parent ? parent.depth + 1 : 0,
        author_email: email,
        email_key: keyOnce(ctx, `email:${emailName}`, () => emailKey(secret, emailName)),
        staff_id: null,
        notify_replies: 0,
        ip_key: isIP(ip) ? keyOnce(ctx, `ip:${ip}`, () => ipKey(secret, ip)) : null,
        moderation_reason: null,
        spam_score: 0,
        created_at: at,
        edited_at: null,
        digest_sent_at: ctx.now,
        reply_notified_at: ctx.now,
      });
    } else {
      ctx.keptIds.keep('comments', comment.sourceId);
      id = ctx.nextDryId();
    }
    placed.set(comment.sourceId, {
      id,
      depth: parent ? parent.depth + 1 : 0,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      parentId: parent?.id ?? null,
    });
    await record(ctx, trx, comment.sourceId, id, hash);
    ctx.report.count('comments', 'imported');
  }
}

async function record(ctx: ImportContext, trx: Kysely<Database>, sourceId: string, id: number, hash: string) {
  const entry = { localKind: 'comment', localId: id, hash, localVersion: null };
  if (ctx.write) await ctx.ledger.write(trx, 'comment', sourceId, entry, ctx.now);
  else ctx.ledger.remember('comment', sourceId, entry);
}

// Queries behind a commenter's data rights: everything stored under one email key, and its erasure.
import type { CommentRow, Db } from './queries.js';

export function selectAllOf(db: Db, emailKey: string): Promise<CommentRow[]> {
  return db.selectFrom('comments').selectAll().where('email_key', '=', emailKey).orderBy('id').execute();
}

export function selectBanOf(db: Db, emailKey: string) {
  return db.selectFrom('comment_bans').selectAll().where('email_key', '=', emailKey).executeTakeFirst();
}

/**
 * Deletes everything under one email key. Comments with replies by others become empty 'erased' rows,
 * so that the replies keep their place; the rest are deleted outright.
 */
export async function eraseAllOf(
  db: Db,
  emailKey: string,
): Promise<{ comments: number; articleIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    const mine = await trx
      .selectFrom('comments')
      .select(['id', 'article_id', 'status', 'root_id'])
      .where('email_key', '=', emailKey)
      .execute();
    if (mine.length > 0) {
      const ids = mine.map((r) => r.id);
      const roots = [...new Set(mine.map((r) => r.root_id ?? r.id))];
      const threads = await trx
        .selectFrom('comments')
        .select(['id', 'parent_id', 'email_key'])
        .where((eb) => eb.or([eb('id', 'in', roots), eb('root_id', 'in', roots)]))
        .execute();
      const parentOf = new Map(threads.map((r) => [r.id, r.parent_id]));
      const isMine = new Set(ids);
      // Every comment of theirs above someone else's reply stays, however deep the reply.
      const keep = new Set<number>();
      for (const other of threads.filter((r) => r.email_key !== emailKey)) {
        for (let up = parentOf.get(other.id) ?? null; up !== null; up = parentOf.get(up) ?? null) {
          if (isMine.has(up)) keep.add(up);
        }
      }
      if (keep.size > 0) {
        await trx
          .updateTable('comments')
          .set({
            status: 'erased',
            body: '',
            author_name: '',
            author_email: '',
            email_key: '',
            author_url: '',
            ip_key: null,
            notify_replies: 0,
            body_hash: '',
            moderation_reason: null,
          })
          .where('id', 'in', [...keep])
          .execute();
      }
      const remove = ids.filter((id) => !keep.has(id));
      if (remove.length > 0) await trx.deleteFrom('comments').where('id', 'in', remove).execute();
    }
    await trx.deleteFrom('comment_bans').where('email_key', '=', emailKey).execute();
    return {
      comments: mine.length,
      articleIds: [...new Set(mine.filter((r) => r.status === 'approved').map((r) => r.article_id))],
    };
  });
}

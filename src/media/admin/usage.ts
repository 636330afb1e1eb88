// Where library images are used: the article_media table, kept in step with every article save by the
// editor, and the questions the workflow and the library ask of it (alt text before publishing, who uses what).
import type { Kysely } from 'kysely';
import { mediaIdsOf, readStoredBody } from '../../articles/render/document.js';
import type { ArticleStatus, Database } from '../../storage/schema.js';

export interface ArticleImages {
  hero: number | null;
  body: number[];
}

export type MediaRole = 'hero' | 'body' | 'social';

export interface ArticleUse {
  articleId: number;
  headline: string;
  status: ArticleStatus;
  createdBy: number | null;
  /** Hero, body, social card, or several. */
  roles: MediaRole[];
}

export interface MediaUses {
  articles: ArticleUse[];
  /** Authors whose profile photo it is. */
  authors: Array<{ authorId: number; name: string }>;
}

const ROLE_ORDER: MediaRole[] = ['hero', 'body', 'social'];

const NO_USES: MediaUses = { articles: [], authors: [] };

/**
 * Records which images an article uses, replacing what was recorded before. Ids that are not in the
 * library are skipped (the editor reports those itself). Pass a transaction to commit it with the save.
 */
export async function setArticleMedia(
  db: Kysely<Database>,
  articleId: number,
  images: ArticleImages,
): Promise<void> {
  const wanted = [
    ...(images.hero !== null ? [{ media_id: images.hero, role: 'hero' as const }] : []),
    ...[...new Set(images.body)].map((id) => ({ media_id: id, role: 'body' as const })),
  ];
  const write = async (trx: Kysely<Database>) => {
    await trx.deleteFrom('article_media').where('article_id', '=', articleId).execute();
    if (wanted.length === 0) return;
    const known = new Set(
      (
        await trx
          .selectFrom('media')
          .select('id')
          .where(
            'id',
            'in',
            wanted.map((w) => w.media_id),
          )
          .execute()
      ).map((r) => r.id),
    );
    const rows = wanted.filter((w) => known.has(w.media_id)).map((w) => ({ ...w, article_id: articleId }));
    if (rows.length > 0) await trx.insertInto('article_media').values(rows).execute();
  };
  // Delete and insert must land together, or a concurrent reader could see an article using nothing.
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/**
 * Records the images of articles written without the editor (an import, the demo seed), read from their
 * stored hero and body. Articles whose body does not parse are left as they are.
 */
export async function recordArticleMediaFromContent(
  db: Kysely<Database>,
  articleIds: number[],
): Promise<void> {
  if (articleIds.length === 0) return;
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'hero_media_id', 'body'])
    .where('id', 'in', articleIds)
    .execute();
  for (const row of rows) {
    let body: number[];
    try {
      body = mediaIdsOf(readStoredBody(row.body));
    } catch {
      continue;
    }
    await setArticleMedia(db, row.id, { hero: row.hero_media_id, body });
  }
}

/**
 * For each image, the articles (newest first) and author profiles that use it. A hero is read from the
 * article itself as well as from article_media: articles written without the editor (the demo seed, an
 * import, the content API) carry a hero that article_media may never have recorded. The social card's
 * image is read from the article only (article_media's roles are the hero and the body).
 */
export async function usesOfMedia(db: Kysely<Database>, mediaIds: number[]): Promise<Map<number, MediaUses>> {
  const ids = [...new Set(mediaIds)];
  const uses = new Map<number, MediaUses>();
  if (ids.length === 0) return uses;
  const [recordedRows, heroRows, socialRows, authorRows] = await Promise.all([
    db
      .selectFrom('article_media')
      .innerJoin('articles', 'articles.id', 'article_media.article_id')
      .select([
        'article_media.media_id',
        'article_media.role',
        'articles.id',
        'articles.headline',
        'articles.status',
        'articles.created_by',
        'articles.modified_at',
      ])
      .where('article_media.media_id', 'in', ids)
      .execute(),
    db
      .selectFrom('articles')
      .select([
        'articles.hero_media_id as media_id',
        'articles.id',
        'articles.headline',
        'articles.status',
        'articles.created_by',
        'articles.modified_at',
      ])
      .where('articles.hero_media_id', 'in', ids)
      .execute(),
    db
      .selectFrom('articles')
      .select([
        'articles.social_image_id as media_id',
        'articles.id',
        'articles.headline',
        'articles.status',
        'articles.created_by',
        'articles.modified_at',
      ])
      .where('articles.social_image_id', 'in', ids)
      .execute(),
    db
      .selectFrom('authors')
      .select(['id', 'name', 'photo_media_id'])
      .where('photo_media_id', 'in', ids)
      .orderBy('name')
      .execute(),
  ]);
  const entry = (id: number) => {
    let found = uses.get(id);
    if (!found) {
      found = { articles: [], authors: [] };
      uses.set(id, found);
    }
    return found;
  };
  const articleRows = [
    ...recordedRows,
    ...heroRows.map((row) => ({ ...row, media_id: row.media_id!, role: 'hero' as MediaRole })),
    ...socialRows.map((row) => ({ ...row, media_id: row.media_id!, role: 'social' as MediaRole })),
  ].sort((a, b) => (a.modified_at === b.modified_at ? b.id - a.id : a.modified_at < b.modified_at ? 1 : -1));
  for (const row of articleRows) {
    const list = entry(row.media_id).articles;
    const known = list.find((a) => a.articleId === row.id);
    if (known) {
      if (!known.roles.includes(row.role)) known.roles.push(row.role);
    } else {
      list.push({
        articleId: row.id,
        headline: row.headline,
        status: row.status,
        createdBy: row.created_by,
        roles: [row.role],
      });
    }
  }
  for (const row of authorRows) entry(row.photo_media_id!).authors.push({ authorId: row.id, name: row.name });
  // Hero first: it is the more prominent use; the social card last.
  for (const found of uses.values())
    for (const a of found.articles) a.roles.sort((x, y) => ROLE_ORDER.indexOf(x) - ROLE_ORDER.indexOf(y));
  return uses;
}

export async function usesOfOneMedia(db: Kysely<Database>, mediaId: number): Promise<MediaUses> {
  return (await usesOfMedia(db, [mediaId])).get(mediaId) ?? NO_USES;
}

// The import's second pass, inside one transaction: every line written as the row it was exported from,
// under its own id (so bodies, fronts and redirects that name ids stay true). Staff accounts are not
// recreated, so whoever created or saved a row is left empty; commenters' keyed hashes are made again with
// this installation's secret by the comments domain's own functions.
import type { Kysely } from 'kysely';
import { MAX_STORED_DEPTH, mediaIdsOf, parseBodyDocument } from '../articles/render/document.js';
import { emailKey } from '../comments/identity.js';
import { bodyHash } from '../comments/post-comment.js';
import { setArticleMedia } from '../media/admin/usage.js';
import type { StoredImage } from '../media/library.js';
import { indexArticle } from '../search/search-index.js';
import type { Database } from '../storage/schema.js';
import { readLines } from './open-export.js';

type Db = Kysely<Database>;
/** Ids of images the old site had lost the files of (the manifest's missingMedia). */
type Lost = ReadonlySet<number>;

const kept = (id: number | null, lost: Lost) => (id !== null && lost.has(id) ? null : id);

/** The body without the image blocks of lost images (images are top-level blocks only). */
function withoutLost<T extends { content: unknown[] }>(body: T, lost: Lost): T {
  if (lost.size === 0) return body;
  const content = body.content.filter((b) => {
    const node = b as { type?: string; attrs?: { mediaId?: number } };
    return !(node.type === 'image' && lost.has(node.attrs?.mediaId ?? 0));
  });
  return { ...body, content };
}

/** The media rows, each pointing at the files stored for it (variants rendered again on this installation). */
export async function insertMedia(trx: Db, folder: string, stored: Map<number, StoredImage>): Promise<void> {
  for await (const { value: m } of readLines(folder, 'media.jsonl')) {
    const files = stored.get(m.id)!;
    await trx
      .insertInto('media')
      .values({
        ...files.row,
        id: m.id,
        mime_type: m.mimeType,
        width: m.width,
        height: m.height,
        bytes: m.bytes,
        alt_text: m.altText,
        caption: m.caption,
        credit_person: m.creditPerson,
        credit_organization: m.creditOrganization,
        rights: m.rights,
        license_url: m.licenseUrl,
        license_expires_at: m.licenseExpiresAt,
        copyright_notice: m.copyrightNotice,
        created_at: m.createdAt,
        updated_at: m.updatedAt,
        uploaded_by: null,
      })
      .execute();
  }
}

export async function insertPeopleAndTerms(trx: Db, folder: string, lost: Lost): Promise<void> {
  for await (const { value: p } of readLines(folder, 'people.jsonl')) {
    // A newsroom account signs in with a password this archive does not carry: an admin invites them again.
    if (p.id === null) continue;
    await trx
      .insertInto('authors')
      .values({
        id: p.id,
        slug: p.slug ?? `person-${p.id}`,
        name: p.name,
        bio: p.bio,
        job_title: p.jobTitle,
        expertise: p.expertise,
        photo_media_id: kept(p.photoMediaId, lost),
        created_at: p.createdAt ?? new Date().toISOString(),
      })
      .execute();
  }
  for await (const { value: s } of readLines(folder, 'sections.jsonl'))
    await trx.insertInto('sections').values(s).execute();
  for await (const { value: t } of readLines(folder, 'tags.jsonl'))
    await trx.insertInto('tags').values(t).execute();
}

export async function insertArticles(trx: Db, folder: string, lost: Lost): Promise<void> {
  for await (const { value: line } of readLines(folder, 'articles.jsonl')) {
    const a = { ...line, body: withoutLost(line.body, lost), heroMediaId: kept(line.heroMediaId, lost) };
    await trx
      .insertInto('articles')
      .values({
        id: a.id,
        slug: a.slug,
        headline: a.headline,
        seo_headline: a.seo.seoHeadline,
        social_headline: a.seo.socialHeadline,
        meta_description: a.seo.metaDescription,
        canonical_url: a.seo.canonicalUrl,
        noindex: a.seo.noindex ? 1 : 0,
        dek: a.dek,
        body: JSON.stringify(a.body),
        status: a.status,
        work_type: a.workType,
        section_id: a.sectionId,
        hero_media_id: a.heroMediaId,
        dateline: a.dateline,
        published_at: a.publishedAt,
        updated_at: a.updatedAt,
        scheduled_at: a.scheduledAt,
        created_at: a.createdAt,
        modified_at: a.modifiedAt,
        version: a.version,
        created_by: null,
        saved_by: null,
        saved_at: null,
      })
      .execute();
    if (a.authorIds.length > 0)
      await trx
        .insertInto('article_authors')
        .values(a.authorIds.map((author_id, position) => ({ article_id: a.id, author_id, position })))
        .execute();
    if (a.tagIds.length > 0)
      await trx
        .insertInto('article_tags')
        .values(a.tagIds.map((tag_id) => ({ article_id: a.id, tag_id })))
        .execute();
    for (const r of a.revisions)
      await trx
        .insertInto('article_revisions')
        .values({
          article_id: a.id,
          version: r.version,
          kind: r.kind,
          fields: JSON.stringify(r.fields),
          via: r.via,
          created_by: null,
          created_at: r.createdAt,
        })
        .execute();
    for (const c of a.corrections)
      await trx
        .insertInto('corrections')
        .values({
          article_id: a.id,
          kind: c.kind,
          text: c.text,
          placement: c.placement,
          published_at: c.publishedAt,
          withdrawn_at: c.withdrawnAt,
          created_by: null,
          withdrawn_by: null,
        })
        .execute();
    if (a.commentsClosedAt)
      await trx
        .insertInto('comment_threads')
        .values({ article_id: a.id, closed: 1, changed_by: null, updated_at: a.commentsClosedAt })
        .execute();
    const body = parseBodyDocument(a.body, MAX_STORED_DEPTH);
    await setArticleMedia(trx, a.id, { hero: a.heroMediaId, body: mediaIdsOf(body) });
    await indexArticle(trx, a.id);
  }
}

export async function insertPages(trx: Db, folder: string, lost: Lost): Promise<void> {
  for await (const { value: line } of readLines(folder, 'pages.jsonl')) {
    const p = { ...line, body: withoutLost(line.body, lost) };
    await trx
      .insertInto('pages')
      .values({
        id: p.id,
        slug: p.slug,
        title: p.title,
        description: p.description,
        body: JSON.stringify(p.body),
        status: p.status,
        version: p.version,
        published_at: p.publishedAt,
        created_by: null,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      })
      .execute();
    for (const r of p.revisions)
      await trx
        .insertInto('page_revisions')
        .values({
          page_id: p.id,
          version: r.version,
          fields: JSON.stringify(r.fields),
          created_by: null,
          created_at: r.createdAt,
        })
        .execute();
  }
}

export async function insertComments(trx: Db, folder: string, secret: string): Promise<void> {
  for await (const { value: c } of readLines(folder, 'comments.jsonl')) {
    await trx
      .insertInto('comments')
      .values({
        id: c.id,
        article_id: c.articleId,
        parent_id: c.parentId,
        root_id: c.rootId,
        depth: c.depth,
        status: c.status,
        body: c.body,
        author_name: c.authorName,
        author_email: c.authorEmail,
        // An erased comment keeps no key, as the comments domain leaves it.
        email_key: c.authorEmail === '' ? '' : emailKey(secret, c.authorEmail),
        author_url: c.authorUrl,
        staff_id: null,
        notify_replies: c.notifyReplies ? 1 : 0,
        ip_key: null,
        body_hash: c.body === '' ? '' : bodyHash(c.body),
        moderation_reason: c.moderationReason,
        spam_score: c.spamScore,
        created_at: c.createdAt,
        approved_at: c.approvedAt,
        edited_at: c.editedAt,
        status_changed_at: c.statusChangedAt,
        digest_sent_at: null,
        reply_notified_at: null,
      })
      .execute();
  }
}

/** `lost`: images whose file the old site had lost; an old address of one has nothing to lead to. */
export async function insertRedirectsAndFronts(trx: Db, folder: string, lost: Set<number>): Promise<void> {
  for await (const { value: r } of readLines(folder, 'redirects.jsonl')) {
    if (r.kind === 'slug')
      await trx
        .insertInto('slug_redirects')
        .values({ old_slug: r.oldSlug, article_id: r.articleId, created_at: r.createdAt })
        .execute();
    else if (!(r.targetKind === 'media' && lost.has(r.targetId)))
      await trx
        .insertInto('legacy_redirects')
        .values({
          old_path: r.oldPath,
          target_kind: r.targetKind,
          target_id: r.targetId,
          source_site: r.sourceSite,
          created_at: r.createdAt,
        })
        .execute();
  }
  for await (const { value: f } of readLines(folder, 'fronts.jsonl'))
    await trx
      .insertInto('curated_fronts')
      .values({
        front: f.front,
        state: f.state,
        layout: JSON.stringify(f.layout),
        pin_until: f.pinUntil,
        updated_at: f.updatedAt,
        updated_by: null,
      })
      .execute();
}

/**
 * The import ledger, so a later export of the same old site updates what came instead of bringing it again.
 * A row for an image whose file the old site had lost is left out with the image.
 */
export async function insertImportItems(trx: Db, folder: string, lost: Lost): Promise<void> {
  for await (const { value: item } of readLines(folder, 'imports.jsonl')) {
    if (item.localKind === 'media' && lost.has(item.localId)) continue;
    await trx
      .insertInto('import_items')
      .values({
        source_site: item.sourceSite,
        source_kind: item.sourceKind,
        source_id: item.sourceId,
        local_kind: item.localKind,
        local_id: item.localId,
        source_hash: item.sourceHash,
        local_version: item.localVersion,
        created_at: item.createdAt,
        updated_at: item.updatedAt,
      })
      .execute();
  }
}

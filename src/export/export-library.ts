// Everything an article refers to, as export lines: sections, tags, people (author profiles and newsroom
// accounts, never a password hash, session or token), media with the original file copied out of the
// FileStore one at a time, comments, old-slug redirects and the curated fronts.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { type FileStore, isSafeKey } from '../media/file-store.js';
import type { Database } from '../storage/schema.js';
import { jsonValue } from './export-articles.js';
import type { CommentLine, FrontLine, LegacyRedirectLine, MediaLine, PersonLine } from './format.js';
import { keyset, type LineWriter } from './line-writer.js';

const BATCH = 500;

export async function writeSections(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const rows = await db.selectFrom('sections').selectAll().orderBy('id').execute();
  for (const s of rows)
    await out.write({
      id: s.id,
      slug: s.slug,
      name: s.name,
      description: s.description,
      position: s.position,
    });
}

export async function writeTags(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const batches = keyset(
    0,
    (after) => db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (r) => r.id,
  );
  for await (const rows of batches)
    for (const t of rows) await out.write({ id: t.id, slug: t.slug, name: t.name });
}

type StaffRow = { email: string; name: string; role: string; disabled_at: string | null; created_at: string };
const staffOf = (s: StaffRow): NonNullable<PersonLine['staff']> => ({
  email: s.email,
  role: s.role,
  disabled: s.disabled_at !== null,
  createdAt: s.created_at,
});

/** Author profiles (with their account, if one signs in as them), then accounts with no profile. */
export async function writePeople(db: Kysely<Database>, out: LineWriter): Promise<void> {
  // Only these columns: the password hash is never read.
  const staffColumns = ['id', 'email', 'name', 'role', 'disabled_at', 'created_at', 'author_id'] as const;
  const authors = keyset(
    0,
    (after) =>
      db.selectFrom('authors').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (r) => r.id,
  );
  for await (const rows of authors) {
    const ids = rows.map((r) => r.id);
    const staff = await db.selectFrom('staff').select(staffColumns).where('author_id', 'in', ids).execute();
    const byAuthor = new Map(staff.map((s) => [s.author_id, s]));
    for (const a of rows) {
      const account = byAuthor.get(a.id);
      const line: PersonLine = {
        id: a.id,
        slug: a.slug,
        name: a.name,
        bio: a.bio,
        jobTitle: a.job_title,
        expertise: a.expertise,
        photoMediaId: a.photo_media_id,
        createdAt: a.created_at,
        staff: account ? staffOf(account) : null,
      };
      await out.write(line);
    }
  }
  const accounts = keyset(
    0,
    (after) =>
      db
        .selectFrom('staff')
        .select(staffColumns)
        .where('author_id', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute(),
    (r) => r.id,
  );
  for await (const rows of accounts) {
    for (const s of rows) {
      const line: PersonLine = {
        id: null,
        slug: null,
        name: s.name,
        bio: '',
        jobTitle: '',
        expertise: '',
        photoMediaId: null,
        createdAt: null,
        staff: staffOf(s),
      };
      await out.write(line);
    }
  }
}

/** The media rows, each with its original file written to `<folder>/media/<id>/<name>`. */
export async function writeMedia(
  db: Kysely<Database>,
  store: FileStore,
  folder: string,
  out: LineWriter,
  missing: Array<{ id: number; key: string }>,
): Promise<void> {
  const batches = keyset(
    0,
    (after) => db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(100).execute(),
    (r) => r.id,
  );
  for await (const rows of batches) {
    for (const m of rows) {
      // One file in memory at a time: the FileStore hands whole files.
      const data = isSafeKey(m.storage_key) ? await store.get(m.storage_key) : null;
      // A damaged site must still be able to leave: the image is named in the manifest instead.
      if (!data) {
        missing.push({ id: m.id, key: m.storage_key });
        continue;
      }
      const fileName = m.storage_key.split('/').pop()!;
      const file = `media/${m.id}/${fileName}`;
      await mkdir(join(folder, 'media', String(m.id)), { recursive: true });
      await writeFile(join(folder, file), data, { mode: 0o600 });
      const line: MediaLine = {
        id: m.id,
        file,
        fileName,
        mimeType: m.mime_type,
        width: m.width,
        height: m.height,
        bytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        altText: m.alt_text,
        caption: m.caption,
        creditPerson: m.credit_person,
        creditOrganization: m.credit_organization,
        rights: m.rights,
        licenseUrl: m.license_url,
        licenseExpiresAt: m.license_expires_at,
        copyrightNotice: m.copyright_notice,
        createdAt: m.created_at,
        updatedAt: m.updated_at,
      };
      await out.write(line);
    }
  }
}

/** Every comment in id order, so a reply always comes after the comment it answers. No keyed hash leaves. */
export async function writeComments(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const batches = keyset(
    0,
    (after) =>
      db
        .selectFrom('comments')
        .select([
          'id',
          'article_id',
          'parent_id',
          'root_id',
          'depth',
          'status',
          'body',
          'author_name',
          'author_email',
          'author_url',
          'notify_replies',
          'moderation_reason',
          'spam_score',
          'created_at',
          'approved_at',
          'edited_at',
          'status_changed_at',
        ])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute(),
    (r) => r.id,
  );
  for await (const rows of batches) {
    for (const c of rows) {
      const line: CommentLine = {
        id: c.id,
        articleId: c.article_id,
        parentId: c.parent_id,
        rootId: c.root_id,
        depth: c.depth,
        status: c.status,
        body: c.body,
        authorName: c.author_name,
        authorEmail: c.author_email,
        authorUrl: c.author_url,
        notifyReplies: Number(c.notify_replies) === 1,
        moderationReason: c.moderation_reason,
        spamScore: Number(c.spam_score),
        createdAt: c.created_at,
        approvedAt: c.approved_at,
        editedAt: c.edited_at,
        statusChangedAt: c.status_changed_at,
      };
      await out.write(line);
    }
  }
}

export async function writeRedirects(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const batches = keyset(
    '',
    (after) =>
      db
        .selectFrom('slug_redirects')
        .selectAll()
        .where('old_slug', '>', after)
        .orderBy('old_slug')
        .limit(BATCH)
        .execute(),
    (r) => r.old_slug,
  );
  for await (const rows of batches)
    for (const r of rows)
      await out.write({
        kind: 'slug',
        oldSlug: r.old_slug,
        articleId: r.article_id,
        createdAt: r.created_at,
      });
  // The addresses a WordPress or Ghost import kept: a site that moved in and moves on keeps them answering.
  const legacy = keyset(
    '',
    (after) =>
      db
        .selectFrom('legacy_redirects')
        .selectAll()
        .where('old_path', '>', after)
        .orderBy('old_path')
        .limit(BATCH)
        .execute(),
    (r) => r.old_path,
  );
  for await (const rows of legacy)
    for (const r of rows) {
      const line: LegacyRedirectLine = {
        kind: 'legacy',
        oldPath: r.old_path,
        targetKind: r.target_kind,
        targetId: Number(r.target_id),
        sourceSite: r.source_site,
        createdAt: r.created_at,
      };
      await out.write(line);
    }
}

export async function writeFronts(db: Kysely<Database>, out: LineWriter): Promise<void> {
  const rows = await db.selectFrom('curated_fronts').selectAll().orderBy('front').orderBy('state').execute();
  for (const f of rows) {
    const line: FrontLine = {
      front: f.front,
      state: f.state,
      layout: jsonValue(f.layout),
      pinUntil: f.pin_until,
      updatedAt: f.updated_at,
    };
    await out.write(line);
  }
}

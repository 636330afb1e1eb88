// Author profiles: the public bylines (name, job title, bio, expertise, photo) that articles list, with the
// staff account that writes as each, as editors and admins see them. Changes are in profile-changes.ts.
import type { Kysely } from 'kysely';
import { canManageAuthors, type StaffMember } from '../../admin/guardian.js';
import { Forbidden, NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import * as q from './queries.js';

export interface AuthorProfile {
  id: number;
  slug: string;
  name: string;
  jobTitle: string;
  bio: string;
  expertise: string;
  photoMediaId: number | null;
  /** The staff account that writes as this profile, if any. */
  staffId: number | null;
  /** Articles with this byline that readers have seen: the profile's address is then fixed. */
  published: number;
}

export interface AuthorListItem {
  id: number;
  slug: string;
  name: string;
  jobTitle: string;
  articles: number;
  published: number;
  staffName: string | null;
}

export function requireManager(actor: StaffMember): void {
  if (!canManageAuthors(actor)) throw new Forbidden('Only editors and admins may change author profiles.');
}

export async function listAuthorProfiles(
  db: Kysely<Database>,
  actor: StaffMember,
): Promise<AuthorListItem[]> {
  requireManager(actor);
  const [rows, staff] = await Promise.all([q.selectAuthorList(db), q.selectStaffBylines(db)]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    jobTitle: r.job_title,
    articles: Number(r.articles),
    published: Number(r.published ?? 0),
    staffName: staff.find((s) => s.author_id === r.id)?.name ?? null,
  }));
}

export async function loadAuthorProfile(
  db: Kysely<Database>,
  actor: StaffMember,
  id: number,
): Promise<AuthorProfile> {
  requireManager(actor);
  const [row, list, staff] = await Promise.all([
    q.selectAuthor(db, id),
    q.selectAuthorList(db),
    q.selectStaffBylines(db),
  ]);
  if (!row) throw new NotFound('There is no such author profile.');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    jobTitle: row.job_title,
    bio: row.bio,
    expertise: row.expertise,
    photoMediaId: row.photo_media_id,
    staffId: staff.find((s) => s.author_id === row.id)?.id ?? null,
    published: Number(list.find((r) => r.id === id)?.published ?? 0),
  };
}

/** The newsroom accounts a profile can be linked to, with the byline each writes as now. */
export async function staffBylines(db: Kysely<Database>) {
  return (await q.selectStaffBylines(db)).map((s) => ({
    id: s.id,
    name: s.name,
    authorId: s.author_id,
    disabled: s.disabled_at !== null,
  }));
}

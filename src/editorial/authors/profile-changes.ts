// Creating and changing author profiles, and linking a staff account to one so that their new articles carry
// that byline from the start: each save checked whole, every problem named beside its field.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../../admin/guardian.js';
import { authorListTag, authorProfileTag } from '../../articles/cache-tags.js';
import { Invalid } from '../../http/errors.js';
import { parseOrInvalid } from '../../http/validation.js';
import { findMediaByIds } from '../../media/media.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { slugify } from '../slug.js';
import { type AuthorForm, authorFormSchema, blankAuthorForm, type ParsedAuthorForm } from './author-form.js';
import { type AuthorProfile, loadAuthorProfile, requireManager } from './profiles.js';
import * as q from './queries.js';

export interface AuthorProfileDeps {
  db: Kysely<Database>;
  /** Bylines are on cached reader pages; a changed profile must reach them. */
  events: ContentEvents;
}

const REFUSED = 'The profile was not saved. Please correct the marked fields; what you typed is kept.';

async function parse(
  db: Kysely<Database>,
  form: AuthorForm,
  current: AuthorProfile | null,
): Promise<ParsedAuthorForm> {
  const parsed = parseOrInvalid(authorFormSchema, form, REFUSED);
  const problems: Record<string, string> = {};
  const fields = { ...parsed, slug: parsed.slug || current?.slug || slugify(parsed.name) };
  if (!fields.slug) problems.slug = 'Choose an address: the name has no letters or digits to make one from.';
  const [taken, photo, staff] = await Promise.all([
    fields.slug ? q.selectAuthorBySlug(db, fields.slug) : undefined,
    findMediaByIds(db, fields.photoMediaId ? [fields.photoMediaId] : []),
    fields.staffId ? q.selectStaffMember(db, fields.staffId) : undefined,
  ]);
  if (taken && taken.id !== current?.id)
    problems.slug = `“${taken.name}” already has this address. Choose another.`;
  else if (current && current.published > 0 && fields.slug !== current.slug) {
    problems.slug = 'Readers already follow this author page, so its address stays as it is.';
  }
  if (fields.photoMediaId && photo.size === 0) problems.photoMediaId = 'That image is not in the library.';
  if (fields.staffId && !staff) problems.staffId = 'That newsroom account no longer exists.';
  if (Object.keys(problems).length > 0) throw new Invalid(REFUSED, problems);
  return fields;
}

function columns(fields: ParsedAuthorForm) {
  return {
    name: fields.name,
    slug: fields.slug,
    job_title: fields.jobTitle,
    bio: fields.bio,
    expertise: fields.expertise,
    photo_media_id: fields.photoMediaId,
  };
}

export async function createAuthorProfile(
  deps: AuthorProfileDeps,
  actor: StaffMember,
  form: AuthorForm,
  now: Date,
): Promise<number> {
  requireManager(actor);
  const fields = await parse(deps.db, form, null);
  return deps.db.transaction().execute(async (trx) => {
    const id = await q.insertAuthor(trx, { ...columns(fields), created_at: now.toISOString() });
    if (fields.staffId) await q.linkStaffToAuthor(trx, id, fields.staffId);
    return id;
  });
}

export async function updateAuthorProfile(
  deps: AuthorProfileDeps,
  actor: StaffMember,
  id: number,
  form: AuthorForm,
): Promise<void> {
  const current = await loadAuthorProfile(deps.db, actor, id);
  const fields = await parse(deps.db, form, current);
  await deps.db.transaction().execute(async (trx) => {
    await q.updateAuthor(trx, id, columns(fields));
    await q.linkStaffToAuthor(trx, id, fields.staffId);
  });
  // Bylines, author pages and their feeds are cached pages.
  await deps.events.changed([authorProfileTag(id), authorListTag(id)]);
}

/** A profile for the signed-in person, named as they are, which they then write as. */
export async function createOwnProfile(
  deps: AuthorProfileDeps,
  actor: StaffMember,
  now: Date,
): Promise<number> {
  requireManager(actor);
  if (actor.authorId !== null) throw new Invalid('You already write as an author profile.');
  let slug = slugify(actor.name) || 'author';
  for (let n = 2; await q.selectAuthorBySlug(deps.db, slug); n++)
    slug = `${slugify(actor.name) || 'author'}-${n}`;
  return createAuthorProfile(
    deps,
    actor,
    { ...blankAuthorForm(), name: actor.name, slug, staffId: String(actor.id) },
    now,
  );
}

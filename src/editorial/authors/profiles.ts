// Author profiles: the public bylines (name, job title, bio, expertise, photo) that articles list, and the
// link that lets a staff member write as one, so their new articles carry their byline from the start.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canManageAuthors, type StaffMember } from '../../admin/guardian.js';
import { authorListTag, authorProfileTag } from '../../articles/cache-tags.js';
import { Forbidden, Invalid, NotFound } from '../../http/errors.js';
import { findMediaByIds } from '../../media/media.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { slugify } from '../slug.js';
import * as q from './queries.js';

export interface AuthorProfileDeps {
  db: Kysely<Database>;
  /** Bylines are on cached reader pages; a changed profile must reach them. */
  events: ContentEvents;
}

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

/** The form as typed, strings only, so a refused save shows it again unchanged. */
export interface AuthorForm {
  name: string;
  slug: string;
  jobTitle: string;
  bio: string;
  expertise: string;
  photoMediaId: string;
  staffId: string;
}

const FIELDS: Array<keyof AuthorForm> = [
  'name',
  'slug',
  'jobTitle',
  'bio',
  'expertise',
  'photoMediaId',
  'staffId',
];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function readAuthorForm(input: unknown): AuthorForm {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const form = {} as AuthorForm;
  for (const name of FIELDS) form[name] = typeof body[name] === 'string' ? (body[name] as string) : '';
  return form;
}

export function blankAuthorForm(): AuthorForm {
  return { name: '', slug: '', jobTitle: '', bio: '', expertise: '', photoMediaId: '', staffId: '' };
}

export function formOfProfile(profile: AuthorProfile): AuthorForm {
  return {
    name: profile.name,
    slug: profile.slug,
    jobTitle: profile.jobTitle,
    bio: profile.bio,
    expertise: profile.expertise,
    photoMediaId: profile.photoMediaId ? String(profile.photoMediaId) : '',
    staffId: profile.staffId ? String(profile.staffId) : '',
  };
}

const text = (label: string, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length <= max, `${label} must be at most ${max} characters.`);
const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || /^[1-9][0-9]{0,9}$/.test(s), message)
    .transform((s) => (s === '' ? null : Number(s)));

const schema = z.object({
  name: text('Name', 120).refine((s) => s.length > 0, 'Name is required: it is the byline readers see.'),
  slug: text('Address', 80).refine(
    (s) => s === '' || SLUG.test(s),
    'The address may use only a–z, 0–9 and single hyphens, such as ana-reporter.',
  ),
  jobTitle: text('Job title', 120),
  bio: text('Bio', 2000),
  expertise: text('Expertise', 300),
  photoMediaId: optionalId('Choose the photo from the library.'),
  staffId: optionalId('Choose a newsroom account from the list.'),
});

type ParsedForm = z.infer<typeof schema>;

function requireManager(actor: StaffMember): void {
  if (!canManageAuthors(actor)) throw new Forbidden('Only editors and admins may change author profiles.');
}

const REFUSED = 'The profile was not saved. Please correct the marked fields; what you typed is kept.';

async function parse(
  db: Kysely<Database>,
  form: AuthorForm,
  current: AuthorProfile | null,
): Promise<ParsedForm> {
  const parsed = schema.safeParse(form);
  const problems: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems[String(issue.path[0])] ??= issue.message;
    throw new Invalid(REFUSED, problems);
  }
  const fields = { ...parsed.data, slug: parsed.data.slug || current?.slug || slugify(parsed.data.name) };
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

function columns(fields: ParsedForm) {
  return {
    name: fields.name,
    slug: fields.slug,
    job_title: fields.jobTitle,
    bio: fields.bio,
    expertise: fields.expertise,
    photo_media_id: fields.photoMediaId,
  };
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

// Helpers for the editorial workflow's tests: a newsroom with a section, authors, an image and one staff
// member per role, a counter of content-change events, and article fields built from a few words.
import type { Kysely } from 'kysely';
import type { StaffMember } from '../../src/admin/guardian.js';
import { createStaffMember } from '../../src/admin/staff/staff.js';
import type { ArticleFields } from '../../src/editorial/fields.js';
import type { ContentEvents } from '../../src/storage/content-events.js';
import type { Database } from '../../src/storage/schema.js';
import { addAuthor, addMedia, addSection, bodyOf } from './content.js';

export const T0 = new Date('2026-05-01T09:00:00.000Z');

export interface CountingEvents extends ContentEvents {
  /** The tags of each change announced, in order. */
  changes: string[][];
}

export function countingEvents(): CountingEvents {
  const changes: string[][] = [];
  return {
    changes,
    async changed(tags) {
      changes.push([...tags]);
    },
    onChange() {},
    async close() {},
  };
}

let counter = 0;

// Made directly (not via support/newsroom.ts) so domain tests need nothing of the HTTP app.
async function addStaff(db: Kysely<Database>, role: StaffMember['role'], options: { name: string }) {
  counter += 1;
  const email = `${role}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  return createStaffMember(
    db,
    { email, name: options.name, role, password: 'correct horse battery staple' },
    T0,
  );
}

export async function newsroom(db: Kysely<Database>) {
  const sectionId = await addSection(db, 'world', 'World');
  const authorId = await addAuthor(db, 'ana-reporter', 'Ana Reporter');
  const secondAuthorId = await addAuthor(db, 'ben-writer', 'Ben Writer');
  const mediaId = await addMedia(db, 'kharkiv');
  // The contributor writes as Ana Reporter, the byline fieldsFor() puts on articles, the other contributor as
  // Ben Writer: a contributor may byline only themselves (editorial/byline-rule.ts).
  const contributor: StaffMember = {
    ...(await addStaff(db, 'contributor', { name: 'Cora Contributor' })),
    authorId,
  };
  await db.updateTable('staff').set({ author_id: authorId }).where('id', '=', contributor.id).execute();
  const otherContributor: StaffMember = {
    ...(await addStaff(db, 'contributor', { name: 'Olga Other' })),
    authorId: secondAuthorId,
  };
  await db
    .updateTable('staff')
    .set({ author_id: secondAuthorId })
    .where('id', '=', otherContributor.id)
    .execute();
  const editor: StaffMember = await addStaff(db, 'editor', { name: 'Eli Editor' });
  const admin: StaffMember = await addStaff(db, 'admin', { name: 'Amara Admin' });
  return { sectionId, authorId, secondAuthorId, mediaId, contributor, otherContributor, editor, admin };
}

export type Newsroom = Awaited<ReturnType<typeof newsroom>>;

/** Fields complete enough to publish, with overrides. */
export function fieldsFor(room: Newsroom, overrides: Partial<ArticleFields> = {}): ArticleFields {
  return {
    headline: 'Russia Withdrawing From Kharkiv After Heavy Losses',
    seoHeadline: '',
    socialHeadline: '',
    metaDescription: '',
    canonicalUrl: '',
    noindex: false,
    socialDescription: '',
    socialImageId: null,
    dek: 'The UK Ministry of Defence says Russian units are leaving the region.',
    slug: '',
    sectionId: room.sectionId,
    tags: ['Ukraine'],
    authorIds: [room.authorId],
    workType: 'news',
    dateline: 'KHARKIV, Ukraine',
    heroMediaId: room.mediaId,
    body: bodyOf(
      'According to the UK Ministry of Defense, the Russian Federation has been withdrawing troops.',
    ),
    ...overrides,
  };
}

export const minutesAfter = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

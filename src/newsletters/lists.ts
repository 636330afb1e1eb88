// The newsletters a newsroom offers (a daily briefing, breaking news, a weekly digest): what readers choose
// from on every sign-up form, and what an edition is sent to.
import type { Kysely } from 'kysely';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';

export interface NewsletterList {
  id: number;
  slug: string;
  name: string;
  description: string;
  sender: string | null;
  frequency: string;
}

/** Sign-up forms show the lists, so a change to them drops every page carrying a form. */
export const NEWSLETTER_LISTS_TAG = 'newsletter-lists';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function allLists(db: Kysely<Database>): Promise<NewsletterList[]> {
  return db
    .selectFrom('newsletter_lists')
    .select(['id', 'slug', 'name', 'description', 'sender', 'frequency'])
    .orderBy('id')
    .execute();
}

export async function listBySlug(db: Kysely<Database>, slug: string): Promise<NewsletterList> {
  const list = SLUG.test(slug)
    ? await db
        .selectFrom('newsletter_lists')
        .select(['id', 'slug', 'name', 'description', 'sender', 'frequency'])
        .where('slug', '=', slug)
        .executeTakeFirst()
    : undefined;
  if (!list) throw new NotFound('We have no newsletter by that name.');
  return list;
}

export async function listById(db: Kysely<Database>, id: number): Promise<NewsletterList> {
  const list = await db
    .selectFrom('newsletter_lists')
    .select(['id', 'slug', 'name', 'description', 'sender', 'frequency'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!list) throw new NotFound('We have no such newsletter.');
  return list;
}

export interface ListInput {
  slug: string;
  name: string;
  description: string;
  sender: string;
  frequency: string;
}

export async function createList(db: Kysely<Database>, input: ListInput, now: Date): Promise<number> {
  const fields: Record<string, string> = {};
  const slug = input.slug.trim();
  if (!SLUG.test(slug) || slug.length > 60) fields.slug = 'Lower-case letters, digits and dashes.';
  if (!input.name.trim() || input.name.length > 120) fields.name = 'Give the newsletter a name.';
  if (input.description.length > 500) fields.description = 'At most 500 characters.';
  if (!input.frequency.trim() || input.frequency.length > 60) fields.frequency = 'Say how often it comes.';
  if (input.sender.length > 200 || /[\r\n]/.test(input.sender))
    fields.sender = 'One line, e.g. Name <address>.';
  if (Object.keys(fields).length > 0) throw new Invalid('Please check the newsletter.', fields);
  const taken = await db
    .selectFrom('newsletter_lists')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (taken) throw new Conflict('Another newsletter has that address.', { slug: 'Already taken.' });
  const row = await db
    .insertInto('newsletter_lists')
    .values({
      slug,
      name: input.name.trim(),
      description: input.description.trim(),
      sender: input.sender.trim() || null,
      frequency: input.frequency.trim(),
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// The site's sections as the newsroom manages them: add, rename (name, address, description) and reorder.
// The reader site reads the same table in position order; sections are not deleted because articles use them.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Conflict, NotFound } from '../../http/errors.js';
import { parseOrInvalid } from '../../http/validation.js';
import type { Database } from '../../storage/schema.js';

export interface SectionInput {
  name: string;
  slug: string;
  description: string;
}

export interface ManagedSection extends SectionInput {
  id: number;
  position: number;
}

const sectionSchema = z.object({
  name: z.string().trim().min(1, 'Name is required.').max(80, 'Name must be at most 80 characters.'),
  slug: z
    .string()
    .trim()
    .max(80, 'Address must be at most 80 characters.')
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      'Address may use only a–z, 0–9 and single hyphens, such as local-news.',
    ),
  description: z.string().trim().max(300, 'Description must be at most 300 characters.'),
});

/** A slug made from a name: "Arts & Culture" → "arts-culture". */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function validate(input: SectionInput): SectionInput {
  const slug = input.slug.trim() || slugFromName(input.name);
  return parseOrInvalid(sectionSchema, { ...input, slug }, 'The section was not saved.');
}

export async function listManagedSections(db: Kysely<Database>): Promise<ManagedSection[]> {
  return db
    .selectFrom('sections')
    .select(['id', 'name', 'slug', 'description', 'position'])
    .orderBy('position')
    .orderBy('name')
    .execute();
}

async function slugTaken(db: Kysely<Database>, slug: string, exceptId: number | null): Promise<boolean> {
  let query = db.selectFrom('sections').select('id').where('slug', '=', slug);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

const TAKEN = { slug: 'Another section already uses this address.' };

export async function addSection(db: Kysely<Database>, input: SectionInput): Promise<void> {
  const section = validate(input);
  if (await slugTaken(db, section.slug, null)) throw new Conflict('The section was not added.', TAKEN);
  const last = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  await db
    .insertInto('sections')
    .values({ ...section, position: Number(last?.max ?? -1) + 1 })
    .execute();
}

export async function updateSection(db: Kysely<Database>, id: number, input: SectionInput): Promise<void> {
  const section = validate(input);
  if (await slugTaken(db, section.slug, id)) throw new Conflict('The section was not saved.', TAKEN);
  const result = await db.updateTable('sections').set(section).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound('There is no such section.');
}

/** Moves a section one place up or down; positions are renumbered 0…n-1 on the way. */
export async function moveSection(db: Kysely<Database>, id: number, direction: 'up' | 'down'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ids = (await listManagedSections(trx)).map((s) => s.id);
    const from = ids.indexOf(id);
    if (from === -1) throw new NotFound('There is no such section.');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    for (const [position, sectionId] of ids.entries()) {
      await trx.updateTable('sections').set({ position }).where('id', '=', sectionId).execute();
    }
  });
}

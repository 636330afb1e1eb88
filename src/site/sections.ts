// The sections that organise the site: its navigation, and what every article is filed under. Read by
// every page through the site context; edited in the newsroom's settings.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

export interface SectionRef {
  id: number;
  slug: string;
  name: string;
  description: string;
}

export function sectionPath(slug: string): string {
  return `/sections/${slug}`;
}

export async function listSections(db: Kysely<Database>): Promise<SectionRef[]> {
  const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
  return rows.map(({ id, slug, name, description }) => ({ id, slug, name, description }));
}

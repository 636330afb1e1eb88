// What the list's filters and the edit form offer to choose from: sections, authors and the tags in use.
import type { Kysely } from 'kysely';
import { listSections } from '../site/sections.js';
import type { Database } from '../storage/schema.js';
import { selectAuthorChoices, selectTagChoices } from './queries/bylines-and-tags.js';

export async function editorChoices(db: Kysely<Database>) {
  const [sections, authors, tags] = await Promise.all([
    listSections(db),
    selectAuthorChoices(db),
    selectTagChoices(db),
  ]);
  return {
    sections: sections.map((s) => ({ id: s.id, name: s.name })),
    authors: authors.map((a) => ({ id: a.id, name: a.name })),
    tags: tags.map((t) => t.name),
  };
}

export type EditorChoices = Awaited<ReturnType<typeof editorChoices>>;

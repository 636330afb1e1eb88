// Names for the ids an article's fields hold (section, authors, images), so a comparison reads
// "Politics → World", not "3 → 5".
import type { Kysely } from 'kysely';
import type { BodyDocument } from '../articles/render/document.js';
import { findMediaByIds } from '../media/media.js';
import { listSections } from '../site/sections.js';
import type { Database } from '../storage/schema.js';
import type { ArticleFields } from './fields.js';
import { selectAuthorChoices } from './queries/bylines-and-tags.js';

export interface FieldNames {
  sections: Map<number, string>;
  authors: Map<number, string>;
  media: Map<number, string>;
}

export async function fieldNames(db: Kysely<Database>, all: ArticleFields[]): Promise<FieldNames> {
  const [sections, authors, media] = await Promise.all([
    listSections(db),
    selectAuthorChoices(db),
    findMediaByIds(
      db,
      all.flatMap((f) => [
        ...(f.heroMediaId ? [f.heroMediaId] : []),
        ...(f.socialImageId ? [f.socialImageId] : []),
        ...imageIds(f.body),
      ]),
    ),
  ]);
  return {
    sections: new Map(sections.map((s) => [s.id, s.name])),
    authors: new Map(authors.map((a) => [a.id, a.name])),
    media: new Map([...media.values()].map((m) => [m.id, m.caption || m.altText || `image ${m.id}`])),
  };
}

function imageIds(body: BodyDocument): number[] {
  return body.content.flatMap((b) => (b.type === 'image' ? [b.attrs.mediaId] : []));
}

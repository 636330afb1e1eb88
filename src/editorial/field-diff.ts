// What changed between two field sets, field by field, as words kept, removed and added: for the revisions
// page and for a save refused as stale. The diff package loads with the first comparison, not at start-up.

import { fieldText } from './diff-text.js';
import type { FieldNames } from './field-names.js';
import { type ArticleFields, FIELD_LABELS } from './fields.js';

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface FieldDiff {
  field: keyof ArticleFields;
  label: string;
  parts: DiffPart[];
}

const DIFF_ORDER: Array<keyof ArticleFields> = [
  'headline',
  'seoHeadline',
  'socialHeadline',
  'dek',
  'metaDescription',
  'canonicalUrl',
  'noindex',
  'socialDescription',
  'socialImageId',
  'slug',
  'sectionId',
  'workType',
  'authorIds',
  'dateline',
  'tags',
  'heroMediaId',
  'body',
];

/** What changed from `older` to `newer`, field by field, as words kept, removed and added. */
export async function diffFields(
  older: ArticleFields,
  newer: ArticleFields,
  names: FieldNames,
): Promise<FieldDiff[]> {
  const { diffWords } = await import('diff');
  const changes: FieldDiff[] = [];
  for (const field of DIFF_ORDER) {
    const before = fieldText(older, field, names);
    const after = fieldText(newer, field, names);
    if (before === after) continue;
    // A pathological pair (two unrelated long bodies) gives up after a second and shows both whole.
    const parts = diffWords(before, after, { timeout: 1000 }) ?? [
      { value: before, removed: true },
      { value: after, added: true },
    ];
    changes.push({
      field,
      label: FIELD_LABELS[field],
      parts: parts.map((p) => ({
        value: p.value,
        ...(p.added ? { added: true } : {}),
        ...(p.removed ? { removed: true } : {}),
      })),
    });
  }
  return changes;
}

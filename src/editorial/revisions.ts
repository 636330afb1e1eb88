// Revisions: every save is kept whole; any two can be compared field by field as readable text (words added
// and removed), and any one restored with a click, which saves it again as a new revision.
import { diffWords } from 'diff';
import type { Kysely } from 'kysely';
import { canViewArticle, type StaffMember } from '../admin/guardian.js';
import { listStaff } from '../admin/staff/staff.js';
import type { Block, BodyDocument, Inline, ListItem } from '../articles/render/document.js';
import { Forbidden, NotFound } from '../http/errors.js';
import { findMediaByIds } from '../media/media.js';
import { listSections } from '../site/sections.js';
import type { Database } from '../storage/schema.js';
import { saveArticle } from './drafts.js';
import { type EditableArticle, type EditorialDeps, loadArticle, type RevisionKind } from './editable.js';
import { type ArticleFields, FIELD_LABELS } from './fields.js';
import * as q from './queries.js';

export interface RevisionSummary {
  version: number;
  kind: RevisionKind;
  savedBy: string | null;
  savedAt: string;
}

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

async function viewable(
  db: Kysely<Database>,
  actor: StaffMember,
  articleId: number,
): Promise<EditableArticle> {
  const article = await loadArticle(db, articleId);
  if (!canViewArticle(actor, article))
    throw new Forbidden('Contributors can see only the articles they created.');
  return article;
}

export async function listRevisions(db: Kysely<Database>, actor: StaffMember, articleId: number) {
  const article = await viewable(db, actor, articleId);
  const [rows, staff] = await Promise.all([q.selectRevisions(db, articleId), listStaff(db)]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const revisions: RevisionSummary[] = rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    savedBy: r.created_by === null ? null : (names.get(r.created_by) ?? null),
    savedAt: r.created_at,
  }));
  return { article, revisions };
}

export async function revisionFields(
  db: Kysely<Database>,
  articleId: number,
  version: number,
): Promise<ArticleFields> {
  const row = await q.selectRevision(db, articleId, version);
  if (!row) throw new NotFound(`There is no version ${version} of this article.`);
  return JSON.parse(row.fields) as ArticleFields;
}

/** Names for the ids fields hold, so a diff reads "Politics → World", not "3 → 5". */
export interface FieldNames {
  sections: Map<number, string>;
  authors: Map<number, string>;
  media: Map<number, string>;
}

export async function fieldNames(db: Kysely<Database>, all: ArticleFields[]): Promise<FieldNames> {
  const [sections, authors, media] = await Promise.all([
    listSections(db),
    q.selectAuthorChoices(db),
    findMediaByIds(
      db,
      all.flatMap((f) => [...(f.heroMediaId ? [f.heroMediaId] : []), ...imageIds(f.body)]),
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

function inlineText(content: Inline[] | undefined): string {
  return (content ?? [])
    .map((i) => {
      if (i.type === 'hardBreak') return '\n';
      const link = i.marks?.find((m) => m.type === 'link');
      // A changed link target must show in the comparison even when its words stay the same.
      return link && link.type === 'link' ? `${i.text} [→ ${link.attrs.href}]` : i.text;
    })
    .join('');
}

function blockLines(block: Block | ListItem, names: FieldNames, bullet = ''): string {
  switch (block.type) {
    case 'paragraph':
      return bullet + inlineText(block.content);
    case 'heading':
      return `${'#'.repeat(block.attrs.level)} ${inlineText(block.content)}`;
    case 'blockquote':
      return block.content.map((p) => `> ${inlineText(p.content)}`).join('\n');
    case 'pullQuote':
      return `[Pull quote: ${block.attrs.text}${block.attrs.attribution ? ` — ${block.attrs.attribution}` : ''}]`;
    case 'image': {
      const name = names.media.get(block.attrs.mediaId) ?? `image ${block.attrs.mediaId}`;
      return `[Image: ${block.attrs.caption || name}]`;
    }
    case 'embed':
      return `[Embed: ${block.attrs.url}]`;
    case 'horizontalRule':
      return '———';
    case 'bulletList':
    case 'orderedList':
      return block.content
        .map((item, i) => blockLines(item, names, block.type === 'bulletList' ? '• ' : `${i + 1}. `))
        .join('\n');
    case 'listItem':
      return block.content.map((child, i) => blockLines(child, names, i === 0 ? bullet : '  ')).join('\n');
  }
}

/** The body as text for comparing: headings, quotations, images and links marked so changes to them show. */
export function bodyDiffText(body: BodyDocument, names: FieldNames): string {
  return body.content.map((b) => blockLines(b, names)).join('\n\n');
}

function fieldText(fields: ArticleFields, field: keyof ArticleFields, names: FieldNames): string {
  switch (field) {
    case 'sectionId':
      return fields.sectionId ? (names.sections.get(fields.sectionId) ?? `section ${fields.sectionId}`) : '';
    case 'authorIds':
      return fields.authorIds.map((id) => names.authors.get(id) ?? `author ${id}`).join(', ');
    case 'heroMediaId':
      return fields.heroMediaId ? (names.media.get(fields.heroMediaId) ?? `image ${fields.heroMediaId}`) : '';
    case 'tags':
      return fields.tags.join(', ');
    case 'body':
      return bodyDiffText(fields.body, names);
    default:
      return String(fields[field] ?? '');
  }
}

const DIFF_ORDER: Array<keyof ArticleFields> = [
  'headline',
  'seoHeadline',
  'socialHeadline',
  'dek',
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
export function diffFields(older: ArticleFields, newer: ArticleFields, names: FieldNames): FieldDiff[] {
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

export async function compareRevisions(
  db: Kysely<Database>,
  actor: StaffMember,
  articleId: number,
  from: number,
  to: number,
) {
  const { article, revisions } = await listRevisions(db, actor, articleId);
  const [older, newer] = await Promise.all([
    revisionFields(db, articleId, from),
    revisionFields(db, articleId, to),
  ]);
  const names = await fieldNames(db, [older, newer]);
  return {
    article,
    from: revisions.find((r) => r.version === from)!,
    to: revisions.find((r) => r.version === to)!,
    changes: diffFields(older, newer, names),
  };
}

/** Saves an old revision's fields as the newest version; the versions in between stay in the history. */
export async function restoreRevision(
  deps: EditorialDeps,
  actor: StaffMember,
  articleId: number,
  version: number,
  now: Date,
) {
  const current = await loadArticle(deps.db, articleId);
  const fields = await revisionFields(deps.db, articleId, version);
  return saveArticle(deps, actor, articleId, fields, { baseVersion: current.version, kind: 'restore', now });
}

// An article's editable fields: what the edit form sends, how it is checked (each problem named beside its
// field, the typed text kept), and the one shape stored in every revision and compared between them.
import { z } from 'zod';
import { type BodyDocument, bodyDocumentSchema, documentText } from '../articles/render/document.js';
import type { FieldErrors } from '../http/errors.js';
import { Invalid } from '../http/errors.js';
import type { WorkType } from '../storage/schema.js';
import { slugify } from './slug.js';

export { slugify };

export const WORK_TYPES: readonly WorkType[] = ['news', 'analysis', 'opinion', 'explainer'];
export const MAX_AUTHORS = 10;
export const MAX_TAGS = 20;

export interface ArticleFields {
  headline: string;
  /** '' when the headline serves search engines as it is. */
  seoHeadline: string;
  socialHeadline: string;
  dek: string;
  slug: string;
  sectionId: number | null;
  /** Tag names; unknown ones are created on save. */
  tags: string[];
  /** Ordered: the byline lists them in this order. */
  authorIds: number[];
  workType: WorkType;
  dateline: string;
  heroMediaId: number | null;
  body: BodyDocument;
}

/** The form exactly as typed, strings only, so a refused save can show it again unchanged. */
export interface ArticleForm {
  headline: string;
  seoHeadline: string;
  socialHeadline: string;
  dek: string;
  slug: string;
  sectionId: string;
  tags: string;
  authorIds: string[];
  workType: string;
  dateline: string;
  heroMediaId: string;
  /** The editor's document as JSON (set by the editor script). */
  body: string;
  /** The plain-text fallback edited without JavaScript: paragraphs separated by blank lines. */
  bodyText: string;
  /** 'json' once the editor script runs; 'text' as the server renders the form. */
  bodyFormat: string;
}

export const FIELD_LABELS: Record<keyof ArticleFields | 'bodyText', string> = {
  headline: 'Headline',
  seoHeadline: 'SEO headline',
  socialHeadline: 'Social headline',
  dek: 'Dek',
  slug: 'Slug',
  sectionId: 'Section',
  tags: 'Tags',
  authorIds: 'Authors',
  workType: 'Type of work',
  dateline: 'Dateline',
  heroMediaId: 'Hero image',
  body: 'Body',
  bodyText: 'Body',
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function str(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** Reads the posted form (urlencoded or the editor's fetch, which sends the same fields). */
export function readArticleForm(input: unknown): ArticleForm {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const authors = body.authorIds;
  return {
    headline: str(body, 'headline'),
    seoHeadline: str(body, 'seoHeadline'),
    socialHeadline: str(body, 'socialHeadline'),
    dek: str(body, 'dek'),
    slug: str(body, 'slug'),
    sectionId: str(body, 'sectionId'),
    tags: str(body, 'tags'),
    authorIds: (Array.isArray(authors) ? authors : [authors]).filter(
      (a): a is string => typeof a === 'string',
    ),
    workType: str(body, 'workType'),
    dateline: str(body, 'dateline'),
    heroMediaId: str(body, 'heroMediaId'),
    body: str(body, 'body'),
    bodyText: str(body, 'bodyText'),
    bodyFormat: str(body, 'bodyFormat'),
  };
}

/** The form for fields as saved, for the edit page. */
export function formOf(fields: ArticleFields): ArticleForm {
  return {
    headline: fields.headline,
    seoHeadline: fields.seoHeadline,
    socialHeadline: fields.socialHeadline,
    dek: fields.dek,
    slug: fields.slug,
    sectionId: fields.sectionId ? String(fields.sectionId) : '',
    tags: fields.tags.join(', '),
    authorIds: fields.authorIds.map(String),
    workType: fields.workType,
    dateline: fields.dateline,
    heroMediaId: fields.heroMediaId ? String(fields.heroMediaId) : '',
    body: JSON.stringify(fields.body),
    bodyText: documentText(fields.body),
    bodyFormat: 'text',
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

const formSchema = z.object({
  headline: text('Headline', 300).refine((s) => s.length > 0, 'Headline is required.'),
  seoHeadline: text('SEO headline', 300),
  socialHeadline: text('Social headline', 300),
  dek: text('Dek', 1000),
  slug: text('Slug', 200).refine(
    (s) => s === '' || SLUG.test(s),
    'Slug may use only a–z, 0–9 and single hyphens, such as city-council-votes.',
  ),
  sectionId: optionalId('Choose a section from the list.'),
  tags: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((t) => t.trim().replace(/\s+/g, ' '))
          .filter(Boolean),
      ),
    ])
    .refine((tags) => tags.length <= MAX_TAGS, `At most ${MAX_TAGS} tags.`)
    .refine(
      (tags) => tags.every((t) => t.length <= 60 && slugify(t) !== ''),
      'Each tag must be 1–60 letters or digits.',
    ),
  authorIds: z
    .array(z.string())
    .transform((ids) => ids.map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((s) => /^[1-9][0-9]{0,9}$/.test(s)), 'Choose authors from the list.')
    .transform((ids) => [...new Set(ids.map(Number))])
    .refine((ids) => ids.length <= MAX_AUTHORS, `At most ${MAX_AUTHORS} authors.`),
  workType: z.enum(WORK_TYPES as [WorkType, ...WorkType[]], {
    message: 'Choose a type of work from the list.',
  }),
  dateline: text('Dateline', 100),
  heroMediaId: optionalId('Choose the hero image from the library.'),
});

/** Where in the body a validation issue is, in words an editor understands. */
function bodyProblem(issue: z.core.$ZodIssue, doc: unknown): string {
  const [, index] = issue.path;
  if (issue.path[0] === 'content' && typeof index === 'number') {
    const block = (doc as { content: Array<{ type?: unknown }> }).content[index];
    const kind = typeof block?.type === 'string' ? block.type : 'block';
    return `Block ${index + 1} of the body (${kind}): ${issue.message}`;
  }
  return `The body is not a document we can save: ${issue.message}`;
}

/** The body from the editor's JSON, or from the plain-text fallback when the editor did not run. */
export function parseBody(
  form: Pick<ArticleForm, 'body' | 'bodyText' | 'bodyFormat'>,
  current?: BodyDocument,
) {
  if (form.bodyFormat === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(form.body || '{"type":"doc","content":[]}');
    } catch {
      throw new Invalid('The body could not be read.', { body: 'The editor sent a body we could not read.' });
    }
    const parsed = bodyDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Invalid('The body could not be saved.', { body: bodyProblem(parsed.error.issues[0]!, raw) });
    }
    return parsed.data;
  }
  // Without the editor the text stands for the body; untouched, it keeps the formatting it cannot show.
  if (current && sameText(form.bodyText, documentText(current))) return current;
  return bodyFromText(form.bodyText);
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}

/** Paragraphs separated by blank lines; a single line break stays a line break. */
export function bodyFromText(value: string): BodyDocument {
  const paragraphs = value
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph' as const,
      content: p.split('\n').flatMap((line, i) => {
        const parts: Array<{ type: 'text'; text: string } | { type: 'hardBreak' }> = [];
        if (i > 0) parts.push({ type: 'hardBreak' });
        if (line.trim()) parts.push({ type: 'text', text: line.trim() });
        return parts;
      }),
    })),
  };
}

/** Checks the form; throws Invalid naming every wrong field. The slug may still be '' (made later). */
export function parseArticleForm(form: ArticleForm, currentBody?: BodyDocument): ArticleFields {
  const fields: FieldErrors = {};
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
  }
  let body: BodyDocument | undefined;
  try {
    body = parseBody(form, currentBody);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    Object.assign(fields, error.fields);
  }
  if (!parsed.success || !body) {
    throw new Invalid(
      'The article was not saved. Please correct the marked fields; what you typed is kept.',
      fields,
    );
  }
  return { ...parsed.data, body };
}

/** Two field sets are the same save when nothing a reader or editor could see differs. */
export function sameFields(a: ArticleFields, b: ArticleFields): boolean {
  return stableJson(canonical(a)) === stableJson(canonical(b));
}

function canonical(f: ArticleFields) {
  return { ...f, tags: [...f.tags].map((t) => t.toLowerCase()).sort() };
}

// Key order differs between a parsed form and a stored revision; the comparison must not care.
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

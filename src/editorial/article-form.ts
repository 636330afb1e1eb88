// The edit form: exactly what was typed (strings only, so a refused save shows it again unchanged), read
// from a post, filled from saved fields, and checked into fields with each problem named beside its field.
import { z } from 'zod';
import { type BodyDocument, documentText } from '../articles/render/document.js';
import { type FieldErrors, Invalid } from '../http/errors.js';
import { fieldErrorsOf } from '../http/validation.js';
import type { WorkType } from '../storage/schema.js';
import { parseBody } from './body-input.js';
import { type ArticleFields, MAX_AUTHORS, MAX_TAGS, WORK_TYPES } from './fields.js';
import { optionalId, trimmedText } from './form-schemas.js';
import { slugify } from './slug.js';

/** The form exactly as typed, strings only, so a refused save can show it again unchanged. */
export interface ArticleForm {
  headline: string;
  seoHeadline: string;
  socialHeadline: string;
  metaDescription: string;
  canonicalUrl: string;
  /** 'on' when ticked. */
  noindex: string;
  socialDescription: string;
  /** A library id, or '' for the hero. */
  socialImageId: string;
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

/** Longer than any search result or card shows, so a writer is told rather than silently cut. */
export const MAX_META_DESCRIPTION = 300;
export const MAX_SOCIAL_DESCRIPTION = 300;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isAbsoluteHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username;
}

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
    metaDescription: str(body, 'metaDescription'),
    canonicalUrl: str(body, 'canonicalUrl'),
    noindex: str(body, 'noindex'),
    socialDescription: str(body, 'socialDescription'),
    socialImageId: str(body, 'socialImageId'),
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
    metaDescription: fields.metaDescription,
    canonicalUrl: fields.canonicalUrl,
    noindex: fields.noindex ? 'on' : '',
    socialDescription: fields.socialDescription,
    socialImageId: fields.socialImageId ? String(fields.socialImageId) : '',
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

/** The form of a new article: the writer's own byline already chosen, when they have one. */
export function blankForm(authorId: number | null): ArticleForm {
  return {
    headline: '',
    seoHeadline: '',
    socialHeadline: '',
    metaDescription: '',
    canonicalUrl: '',
    noindex: '',
    socialDescription: '',
    socialImageId: '',
    dek: '',
    slug: '',
    sectionId: '',
    tags: '',
    authorIds: authorId ? [String(authorId)] : [],
    workType: 'news',
    dateline: '',
    heroMediaId: '',
    body: '{"type":"doc","content":[]}',
    bodyText: '',
    bodyFormat: 'text',
  };
}

const formSchema = z.object({
  headline: trimmedText('Headline', 300).refine((s) => s.length > 0, 'Headline is required.'),
  seoHeadline: trimmedText('SEO headline', 300),
  socialHeadline: trimmedText('Social headline', 300),
  metaDescription: trimmedText('Description', MAX_META_DESCRIPTION),
  canonicalUrl: trimmedText('Canonical URL', 2000).refine(
    (s) => s === '' || isAbsoluteHttpUrl(s),
    'Canonical URL must be a full http:// or https:// address, such as https://original.example/story.',
  ),
  noindex: z.string().transform((s) => s === 'on' || s === '1' || s === 'true'),
  socialDescription: trimmedText('Social description', MAX_SOCIAL_DESCRIPTION),
  socialImageId: optionalId('Choose the social image from the library.'),
  dek: trimmedText('Dek', 1000),
  slug: trimmedText('Slug', 200).refine(
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
  dateline: trimmedText('Dateline', 100),
  heroMediaId: optionalId('Choose the hero image from the library.'),
});

/** Checks the form; throws Invalid naming every wrong field. The slug may still be '' (made later). */
export function parseArticleForm(form: ArticleForm, currentBody?: BodyDocument): ArticleFields {
  const parsed = formSchema.safeParse(form);
  // Every problem at once: the fields' and the body's.
  const fields: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
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

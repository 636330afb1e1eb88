// Articles as the admin API reads and writes them: the JSON a client gets (with the version's ETag), and
// the JSON it sends, checked for its shape here and then by the very rules of the editor's form
// (editorial/article-form.ts), so an API save can never hold what the editor would refuse.
import { z } from 'zod';
import { type ArticleForm, blankForm, formOf, parseArticleForm } from '../editorial/article-form.js';
import type { EditableArticle } from '../editorial/editable.js';
import type { ArticleFields } from '../editorial/fields.js';
import { type FieldErrors, Invalid, PreconditionFailed, PreconditionRequired } from '../http/errors.js';

/** A strong validator for one version of one article: any save makes a new version, and so a new tag. */
export function etagOf(article: Pick<EditableArticle, 'id' | 'version'>): string {
  return `"article-${article.id}-v${article.version}"`;
}

export function articleJson(article: EditableArticle) {
  return {
    id: article.id,
    status: article.status,
    version: article.version,
    etag: etagOf(article),
    createdBy: article.createdBy,
    savedBy: article.savedBy,
    savedAt: article.savedAt,
    publishedAt: article.publishedAt,
    scheduledAt: article.scheduledAt,
    updatedAt: article.updatedAt,
    modifiedAt: article.modifiedAt,
    fields: article.fields,
  };
}

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

// Shapes only: what the values must be (lengths, slugs, references, the body's schema) is the form's rule.
const articleInput = z
  .object({
    headline: z.string(),
    seoHeadline: z.string(),
    socialHeadline: z.string(),
    metaDescription: z.string(),
    canonicalUrl: z.string(),
    noindex: z.boolean(),
    socialDescription: z.string(),
    socialImageId: id.nullable(),
    dek: z.string(),
    slug: z.string(),
    sectionId: id.nullable(),
    tags: z.array(z.string().refine((t) => !t.includes(','), 'a tag may not contain a comma')).max(100),
    authorIds: z.array(id).max(100),
    workType: z.string(),
    dateline: z.string(),
    heroMediaId: id.nullable(),
    body: z.unknown(),
  })
  .partial()
  .strict();

type ArticleInput = z.infer<typeof articleInput>;

/** One message per field; a field an article does not have is named too (zod reports those together). */
function shapeErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'is not a field of an article';
    } else {
      fields[issue.path.join('.') || 'body'] ??= issue.message;
    }
  }
  return fields;
}

function readInput(json: unknown): ArticleInput {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new Invalid('Send the article as a JSON object.', { body: 'must be a JSON object' });
  }
  const parsed = articleInput.safeParse(json);
  if (!parsed.success) throw new Invalid('Some fields are not valid.', shapeErrors(parsed.error));
  return parsed.data;
}

/** The sent fields laid over a form (blank, or the stored article's), as the editor would have posted it. */
function overlay(form: ArticleForm, input: ArticleInput): ArticleForm {
  const text = (v: string | undefined, fallback: string) => (v === undefined ? fallback : v);
  const ref = (v: number | null | undefined, fallback: string) =>
    v === undefined ? fallback : v === null ? '' : String(v);
  return {
    ...form,
    headline: text(input.headline, form.headline),
    seoHeadline: text(input.seoHeadline, form.seoHeadline),
    socialHeadline: text(input.socialHeadline, form.socialHeadline),
    metaDescription: text(input.metaDescription, form.metaDescription),
    canonicalUrl: text(input.canonicalUrl, form.canonicalUrl),
    noindex: input.noindex === undefined ? form.noindex : input.noindex ? 'on' : '',
    socialDescription: text(input.socialDescription, form.socialDescription),
    socialImageId: ref(input.socialImageId, form.socialImageId),
    dek: text(input.dek, form.dek),
    slug: text(input.slug, form.slug),
    sectionId: ref(input.sectionId, form.sectionId),
    tags: input.tags === undefined ? form.tags : input.tags.join(', '),
    authorIds: input.authorIds === undefined ? form.authorIds : input.authorIds.map(String),
    workType: text(input.workType, form.workType),
    dateline: text(input.dateline, form.dateline),
    heroMediaId: ref(input.heroMediaId, form.heroMediaId),
    body: input.body === undefined ? form.body : JSON.stringify(input.body),
    bodyFormat: 'json',
  };
}

/** A new draft's fields; what is not sent is left empty, as on the editor's blank form. */
export function newArticleFields(json: unknown): ArticleFields {
  // No byline chosen: createArticle then gives a writer with a byline their own, as in the editor.
  return parseArticleForm(overlay(blankForm(null), readInput(json)));
}

/** The stored fields with what was sent changed; what is not sent stays as it is. */
export function changedArticleFields(article: EditableArticle, json: unknown): ArticleFields {
  const form = { ...formOf(article.fields), body: JSON.stringify(article.fields.body) };
  return parseArticleForm(overlay(form, readInput(json)), article.fields.body);
}

/**
 * The version an update is based on, from If-Match: required (428), and it must be this article's tag.
 * A tag of another version is turned into that version, so the save refuses it as stale with the newer one.
 */
export function baseVersionFrom(article: Pick<EditableArticle, 'id'>, ifMatch: string | undefined): number {
  if (!ifMatch?.trim()) {
    throw new PreconditionRequired(
      'Send If-Match with the ETag of the version you changed, so nobody’s newer save is overwritten.',
    );
  }
  const tags = ifMatch.split(',').map((t) => t.trim());
  for (const tag of tags) {
    const match = /^"article-(\d+)-v(\d+)"$/.exec(tag);
    if (match && Number(match[1]) === article.id) return Number(match[2]);
  }
  throw new PreconditionFailed('If-Match does not name a version of this article (send its ETag as given).');
}

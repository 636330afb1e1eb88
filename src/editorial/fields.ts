// An article's editable fields: the one shape stored in every revision, read by the workflow and compared
// between saves, with the names the newsroom gives each field.
import type { BodyDocument } from '../articles/render/document.js';
import type { WorkType } from '../storage/schema.js';

export const WORK_TYPES: readonly WorkType[] = ['news', 'analysis', 'opinion', 'explainer'];
export const MAX_AUTHORS = 10;
export const MAX_TAGS = 20;

export interface ArticleFields {
  headline: string;
  /** '' when the headline serves search engines as it is. */
  seoHeadline: string;
  socialHeadline: string;
  /** '' when the dek serves as the search and social description. */
  metaDescription: string;
  /** '' for the story's own address; an absolute http(s) URL for a piece first published elsewhere. */
  canonicalUrl: string;
  noindex: boolean;
  /** '' when the description (else the dek) serves on social cards. */
  socialDescription: string;
  /** The social card's image from the library; null when the hero serves. */
  socialImageId: number | null;
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

export const FIELD_LABELS: Record<keyof ArticleFields | 'bodyText', string> = {
  headline: 'Headline',
  seoHeadline: 'SEO headline',
  socialHeadline: 'Social headline',
  metaDescription: 'Description',
  canonicalUrl: 'Canonical URL',
  noindex: 'Hidden from search engines',
  socialDescription: 'Social description',
  socialImageId: 'Social image',
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

/** What a revision saved before these fields existed had: the defaults. */
export const SEO_DEFAULTS: Pick<
  ArticleFields,
  'metaDescription' | 'canonicalUrl' | 'noindex' | 'socialDescription' | 'socialImageId'
> = {
  metaDescription: '',
  canonicalUrl: '',
  noindex: false,
  socialDescription: '',
  socialImageId: null,
};

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

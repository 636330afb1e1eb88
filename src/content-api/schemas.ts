// The content API's shapes as zod schemas: the query parameters each route validates with, and the bodies it
// answers with, for articles and the site's lists (pages are in page-schemas.ts, search in search-schemas.ts). The OpenAPI document (openapi.ts) is generated from these same schemas; `.meta({ id })` names
// the ones that appear as components.
import { z } from 'zod';
import { isoTime, keyParam, slug } from './schema-primitives.js';

// ---- Query parameters -------------------------------------------------------------------------------

export const ARTICLE_LIST_FIELDS = [
  'id',
  'slug',
  'url',
  'headline',
  'socialHeadline',
  'dek',
  'workType',
  'section',
  'hero',
  'authors',
  'publishedAt',
  'updatedAt',
  'modifiedAt',
] as const;
export type ArticleListField = (typeof ARTICLE_LIST_FIELDS)[number];

export const articleListQuery = z.strictObject({
  section: slug.optional().meta({ description: 'Only articles filed under the section with this slug.' }),
  tag: slug.optional().meta({ description: 'Only articles with the tag with this slug.' }),
  author: slug.optional().meta({ description: 'Only articles credited to the author with this slug.' }),
  updated_since: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 time such as 2026-11-24T08:00:00Z' })
    .optional()
    .meta({ description: 'Only articles changed at or after this time (ISO 8601).' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Where to continue: the `nextCursor` of the previous page, as given.' }),
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(15)
    .meta({ description: 'How many articles (1–100, default 15).' }),
  fields: z
    .string()
    .max(500)
    .optional()
    .meta({
      description: `Only these fields of each article, comma-separated (id is always given): ${ARTICLE_LIST_FIELDS.join(', ')}.`,
    }),
  key: keyParam,
});

export const pageQuery = z.strictObject({
  page: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000, 'must be at most 100000')
    .default(1)
    .meta({ description: 'Which page, from 1.' }),
  key: keyParam,
});

export const commentsQuery = pageQuery.extend({
  order: z
    .enum(['oldest', 'newest'])
    .default('oldest')
    .meta({ description: 'Threads oldest or newest first.' }),
});

export const plainQuery = z.strictObject({ key: keyParam });

export const idPath = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be an article id')
    .meta({ description: 'The article’s id.' }),
});
export const slugPath = z.object({ slug: slug.meta({ description: 'The article’s slug.' }) });

// ---- Bodies --------------------------------------------------------------------------------------------

export const imageSchema = z
  .object({
    id: z.number().int(),
    url: z.string().meta({ description: 'The original file.' }),
    mimeType: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    altText: z.string(),
    caption: z.string(),
    credit: z.object({
      person: z.string(),
      organization: z.string(),
      line: z.string().meta({ description: 'Person and organisation as a byline shows them.' }),
    }),
    licence: z.object({
      rights: z.enum(['own', 'licensed', 'agency', 'public_domain']),
      url: z.string().nullable(),
      expiresAt: isoTime.nullable(),
      copyrightNotice: z.string().nullable(),
    }),
    variants: z.array(
      z.object({
        format: z.enum(['avif', 'webp', 'jpeg', 'png', 'gif']),
        width: z.number().int(),
        height: z.number().int(),
        url: z.string(),
      }),
    ),
  })
  .meta({ id: 'Image', description: 'An image with its sizes and formats, caption, credit and licence.' });

export const sectionSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Section' });

export const tagSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    url: z.string(),
    articleCount: z.number().int(),
  })
  .meta({ id: 'Tag' });

export const bylineSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    jobTitle: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Byline', description: 'An author as an article credits them.' });

export const authorSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    jobTitle: z.string(),
    bio: z.string(),
    expertise: z.string(),
    url: z.string(),
    photo: imageSchema.nullable(),
    articleCount: z.number().int(),
  })
  .meta({ id: 'Author', description: 'An author profile (public fields only).' });

const workType = z.enum(['news', 'analysis', 'opinion', 'explainer']);

const summaryShape = {
  id: z.number().int(),
  slug: z.string(),
  url: z.string().meta({ description: 'The article’s page on the site.' }),
  headline: z.string(),
  socialHeadline: z.string().nullable(),
  dek: z.string(),
  workType,
  section: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }).nullable(),
  hero: imageSchema.nullable(),
  authors: z.array(bylineSchema),
  publishedAt: isoTime,
  updatedAt: isoTime.nullable().meta({ description: 'The "Updated" time readers see, if any.' }),
  modifiedAt: isoTime.meta({ description: 'Any change to the article.' }),
};

export const articleListItemSchema = z.object(summaryShape).meta({ id: 'ArticleListItem' });

export const sparseArticleListItemSchema = z
  .object({ id: summaryShape.id })
  .extend(
    Object.fromEntries(
      Object.entries(summaryShape)
        .filter(([name]) => name !== 'id')
        .map(([name, schema]) => [name, schema.optional()]),
    ) as { [K in Exclude<keyof typeof summaryShape, 'id'>]: z.ZodOptional<(typeof summaryShape)[K]> },
  )
  .meta({ id: 'SparseArticleListItem', description: 'An article with only the fields `fields=` named.' });

const nextCursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `cursor` for the next page; null on the last page.' });

export const articleListSchema = z
  .object({ items: z.array(articleListItemSchema), nextCursor })
  .meta({ id: 'ArticleList' });
export const sparseArticleListSchema = z
  .object({ items: z.array(sparseArticleListItemSchema), nextCursor })
  .meta({ id: 'SparseArticleList' });

const correctionNotice = z.object({
  kind: z.enum(['correction', 'clarification', 'update']),
  text: z.string(),
  placement: z.enum(['top', 'bottom']),
  publishedAt: isoTime,
});

export const articleSchema = z
  .object({
    ...summaryShape,
    version: z.number().int(),
    seoHeadline: z.string().nullable(),
    socialDescription: z
      .string()
      .nullable()
      .meta({ description: 'Written for social cards; null: the site uses the description, else the dek.' }),
    socialImage: imageSchema
      .nullable()
      .meta({ description: 'The image chosen for social cards; null: the hero serves.' }),
    dateline: z.string().nullable(),
    tags: z.array(z.object({ id: z.number().int(), slug: z.string(), name: z.string(), url: z.string() })),
    body: z
      .object({
        type: z.literal('doc'),
        content: z.array(z.object({ type: z.string() }).catchall(z.unknown())),
      })
      .meta({
        description:
          'The body as a structured document (the ProseMirror JSON shape): paragraphs, headings, quotes, ' +
          'lists, images (by `attrs.mediaId`, found in `images`) and embeds.',
      }),
    bodyHtml: z
      .string()
      .meta({ description: 'The body rendered as the site renders it, with absolute links.' }),
    images: z.array(imageSchema).meta({ description: 'The hero and every image of the body.' }),
    corrections: z
      .array(correctionNotice)
      .meta({ description: 'Notes appended after publication, oldest first.' }),
  })
  .meta({ id: 'Article' });

export const sectionListSchema = z.object({ items: z.array(sectionSchema) }).meta({ id: 'SectionList' });
export const tagListSchema = z.object({ items: z.array(tagSchema) }).meta({ id: 'TagList' });
export const authorListSchema = z.object({ items: z.array(authorSchema) }).meta({ id: 'AuthorList' });

export const correctionListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(['correction', 'clarification', 'update']),
        text: z.string(),
        publishedAt: isoTime,
        withdrawnAt: isoTime.nullable(),
        article: z.object({ slug: z.string(), headline: z.string(), url: z.string() }),
      }),
    ),
    page: z.number().int(),
    pages: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'CorrectionList', description: 'The public record of corrections, newest first.' });

export const commentListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        parentId: z.number().int().nullable(),
        depth: z.number().int(),
        removed: z
          .boolean()
          .meta({ description: 'Removed, kept only so that its replies keep their place.' }),
        authorName: z.string().nullable(),
        authorUrl: z.string().nullable(),
        body: z.string().nullable(),
        createdAt: isoTime.nullable(),
        editedAt: isoTime.nullable(),
        fromStaff: z.boolean(),
      }),
    ),
    total: z.number().int().meta({ description: 'Approved comments on the article.' }),
    page: z.number().int(),
    pages: z.number().int(),
  })
  .meta({ id: 'CommentList', description: 'Approved comments, a page of threads in conversation order.' });

export const settingsSchema = z
  .object({
    siteName: z.string(),
    tagline: z.string(),
    description: z.string(),
    language: z.string(),
    timeZone: z.string(),
    url: z.string(),
    logo: imageSchema.nullable(),
    publisher: z.object({
      legalName: z.string(),
      sameAs: z.array(z.string()),
      policies: z.record(z.string(), z.string()),
    }),
  })
  .meta({ id: 'SiteSettings', description: 'The site’s public settings.' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'Stable: UNAUTHORIZED, INVALID, NOT_FOUND, TOO_MANY_REQUESTS, …' }),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .meta({ description: 'What is wrong with each named parameter.' }),
    }),
  })
  .meta({ id: 'Error' });

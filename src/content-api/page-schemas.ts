// The content API's static pages: the addresses a page is asked for by, the list and the page it answers with.
import { z } from 'zod';
import { isoTime, slug } from './schema-primitives.js';
import { articleSchema, imageSchema } from './schemas.js';

export const pageIdPath = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a page id')
    .meta({ description: 'The page’s id.' }),
});
export const pageSlugPath = z.object({ slug: slug.meta({ description: 'The page’s slug.' }) });

const pageSummaryShape = {
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  url: z.string().meta({ description: 'The page’s address on the site.' }),
  publishedAt: isoTime,
  updatedAt: isoTime,
};

export const pageListSchema = z
  .object({
    items: z.array(z.object(pageSummaryShape)),
    page: z.number().int(),
    pages: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'PageList', description: 'Published static pages, newest first.' });

export const pageSchema = z
  .object({
    ...pageSummaryShape,
    body: articleSchema.shape.body,
    bodyHtml: z
      .string()
      .meta({ description: 'The body rendered as the site renders it, with absolute links.' }),
    images: z.array(imageSchema).meta({ description: 'Every image of the body.' }),
  })
  .meta({ id: 'Page', description: 'A published static page (about, ethics policy …).' });

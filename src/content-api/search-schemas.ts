// The content API's search: the words and filters it takes, and the articles found, best first.
import { z } from 'zod';
import { isoTime, keyParam, slug } from './schema-primitives.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-05-01')
  .optional();

export const searchQuery = z.strictObject({
  q: z
    .string({ message: 'must be given' })
    .trim()
    .min(1, 'must not be empty')
    .max(1000, 'must be at most 1000 characters')
    .meta({
      description:
        'The words to find, all of them; `"exact words"` in that order, `elect*` as a prefix. Anything else is read as plain words (the first 200 characters, 12 terms).',
    }),
  section: slug.optional().meta({ description: 'Only articles filed under the section with this slug.' }),
  from: day.meta({ description: 'Published on or after this day (midnight UTC).' }),
  to: day.meta({ description: 'Published before this day (midnight UTC).' }),
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(10)
    .meta({ description: 'How many results a page (1–100, default 10).' }),
  page: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_001, 'must be at most 10001')
    .default(1)
    .meta({ description: 'Which page, from 1; at most the first 10,000 results can be paged through.' }),
  key: keyParam,
});

export const searchResultSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        slug: z.string(),
        headline: z.string(),
        dek: z.string().nullable(),
        url: z.string(),
        snippetHtml: z.string().meta({
          description:
            'The passage where the words are: escaped text with <mark> around them, no other markup.',
        }),
        publishedAt: isoTime,
        section: z.string().nullable().meta({ description: 'The section’s slug.' }),
      }),
    ),
    page: z.number().int(),
    pages: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'SearchResult', description: 'Published articles found, best first.' });

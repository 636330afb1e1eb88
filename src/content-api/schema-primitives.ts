// The pieces every content API schema is made of: a time, a slug, and the key a request may carry as `key=`.
import { z } from 'zod';

export const isoTime = z.string().meta({ format: 'date-time', example: '2026-11-24T08:00:00.000Z' });
export const slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug such as world-news');

/** Every route may carry the key as `key=`; it is read by the access check, not by the route. */
export const keyParam = z
  .string()
  .optional()
  .meta({ description: 'The content API key, when it cannot be sent as a header.' });

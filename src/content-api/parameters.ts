// A route's query string and path checked with its zod schema (schemas.ts): the parsed values, or a 400
// whose `fields` name every wrong parameter, unknown ones included, so a misspelt filter is never ignored.
import type { z } from 'zod';
import { type FieldErrors, Invalid, NotFound } from '../http/errors.js';

export function parseParameters<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'is not a parameter of this endpoint';
    } else {
      fields[String(issue.path[0] ?? 'query')] ??= issue.message;
    }
  }
  const names = Object.keys(fields).join(', ');
  throw new Invalid(`Some parameters are not valid: ${names}.`, fields);
}

/** A path that cannot name anything (an id that is not a number) is a 404, like any address naming nothing. */
export function parsePath<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new NotFound(message);
  return parsed.data;
}

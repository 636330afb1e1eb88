// Validation at the boundary: a zod schema's verdict as the Invalid error the error handler shows, with one
// message per field, so every form and API names what is wrong in the same way.
import type { z } from 'zod';
import { type FieldErrors, Invalid } from './errors.js';

/** One message per field (the first zod gives), keyed by the field's dotted path. */
export function fieldErrorsOf(error: z.ZodError, fallbackField = 'form'): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) fields[issue.path.join('.') || fallbackField] ??= issue.message;
  return fields;
}

/** The parsed value, or Invalid naming every wrong field. */
export function parseOrInvalid<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message = 'Some fields are not valid.',
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Invalid(message, fieldErrorsOf(parsed.error));
}

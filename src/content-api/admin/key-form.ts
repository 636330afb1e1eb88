// What an admin types to make a content API key: a name, the origins whose pages may call the API (one a
// line; `*` for any), and the key's requests per minute. Validated here, with a message per field.
import { z } from 'zod';
import { parseOrInvalid } from '../../http/validation.js';

export const DEFAULT_RATE_PER_MINUTE = 600;

/** An origin as browsers send it: scheme, host and port only, no path and no trailing slash. */
function asOrigin(line: string): string | null {
  if (line === '*') return line;
  try {
    const url = new URL(line);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === line.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

const keyForm = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  origins: z
    .string()
    .max(4000, 'is too long')
    .transform((text, ctx) => {
      const lines = [
        ...new Set(
          text
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean),
        ),
      ];
      const wrong = lines.filter((l) => asOrigin(l) === null);
      if (wrong.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be origins such as https://app.example.org, one a line (not: ${wrong.slice(0, 3).join(', ')})`,
        });
        return z.NEVER;
      }
      if (lines.length > 50) {
        ctx.addIssue({ code: 'custom', message: 'may name at most 50 origins' });
        return z.NEVER;
      }
      return lines.map((l) => asOrigin(l)!);
    }),
  ratePerMinute: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000, 'must be at most 100000'),
});

export type KeyInput = z.output<typeof keyForm>;

export function parseKeyForm(input: { name: string; origins: string; ratePerMinute: string }): KeyInput {
  return parseOrInvalid(keyForm, input, 'The key was not made: please correct the marked fields.');
}

// The zod pieces the newsroom's forms share: text as typed (trimmed, with a length limit named in the
// message) and an id chosen from a list, which may be left empty.
import { z } from 'zod';

/** Trimmed text of at most `max` characters, refused with a message that names the field. */
export const trimmedText = (label: string, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length <= max, `${label} must be at most ${max} characters.`);

/** An id typed as text: '' is null, anything but a plain positive number is refused with `message`. */
export const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || /^[1-9][0-9]{0,9}$/.test(s), message)
    .transform((s) => (s === '' ? null : Number(s)));

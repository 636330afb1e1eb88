// Shared checks for what people put in URLs: slugs, page numbers and ids.
import { Invalid, NotFound } from './errors.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^[1-9][0-9]{0,5}$/;
const ID = /^[1-9][0-9]{0,15}$/;

/** A slug that cannot exist is simply a page that does not exist. */
export function requireSlug(value: string): string {
  if (value.length > 200 || !SLUG.test(value)) throw new NotFound();
  return value;
}

/** ?page= must be a plain positive number; anything else is a 400 with a readable page. */
export function pageNumber(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !PAGE.test(raw)) {
    throw new Invalid('The page number must be a whole number such as 2.', {
      page: 'must be a whole number from 1',
    });
  }
  return Number(raw);
}

/**
 * A row's id from the URL (`/…/:id`): decimal digits only, without a sign or a leading zero, within the safe
 * integers. Number() would read "0x10", "1e1", " 16", "16.0" and "+16" as 16, giving one row many addresses;
 * none of those names a row, so they are a 404 like any other address that names nothing.
 */
export function idParam(value: unknown, message: string): number {
  if (typeof value !== 'string' || !ID.test(value)) throw new NotFound(message);
  const id = Number(value);
  if (!Number.isSafeInteger(id)) throw new NotFound(message);
  return id;
}

// The sign-up form in every page's footer. It is part of the site's shell, read once with the site's context
// and the same for every reader, so adding, renaming or removing a list reloads the context (EVERYTHING).
import type { Kysely } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import type { Database } from '../storage/schema.js';
import { allLists } from './lists.js';
import { NewsletterSignupForm } from './signup-form.js';

/** The footer's form as HTML, or null while the newsroom has no newsletter. */
export async function footerSignupHtml(db: Kysely<Database>): Promise<string | null> {
  const lists = await allLists(db);
  if (lists.length === 0) return null;
  return renderToString(<NewsletterSignupForm lists={lists} form="footer" heading="Our newsletters" />);
}

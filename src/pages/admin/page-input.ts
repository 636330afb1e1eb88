// What the page form sends, read and checked: the title, the slug at the site's root (never one of the app's
// own addresses), a description for search results and the body from the shared editor.

import { formText } from '../../admin/views/form.js';
import type { BodyDocument } from '../../articles/render/document.js';
import { parseBody } from '../../editorial/body-input.js';
import { slugify } from '../../editorial/slug.js';
import { DomainError, type FieldErrors, Invalid } from '../../http/errors.js';
import type { ReservedPaths } from '../../http/reserved-paths.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The form as typed, kept to show again beside its errors. */
export interface PageForm {
  title: string;
  slug: string;
  description: string;
  body: string;
  bodyText: string;
  bodyFormat: string;
}

export interface PageFields {
  title: string;
  slug: string;
  description: string;
  body: BodyDocument;
}

export function readPageForm(body: unknown): PageForm {
  return {
    title: formText(body, 'title'),
    slug: formText(body, 'slug'),
    description: formText(body, 'description'),
    body: formText(body, 'body'),
    bodyText: formText(body, 'bodyText'),
    bodyFormat: formText(body, 'bodyFormat'),
  };
}

/** A slug's problem in words, or null when a page may live there. */
export function slugProblem(slug: string, reserved: ReservedPaths): string | null {
  if (!slug) return 'An address is required.';
  if (slug.length > 80 || !SLUG.test(slug))
    return 'The address may hold only lower-case letters, digits and single hyphens.';
  if (reserved.has(slug)) return `/${slug} is one of the site's own addresses; choose another.`;
  return null;
}

/** Checks the form; throws Invalid with one message per wrong field. `current` keeps an untouched body. */
export function parsePageForm(form: PageForm, reserved: ReservedPaths, current?: BodyDocument): PageFields {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = 'Title is required.';
  else if (title.length > 200) errors.title = 'Title must be at most 200 characters.';
  const slug = (form.slug.trim() || slugify(title)).toLowerCase();
  const problem = title || form.slug.trim() ? slugProblem(slug, reserved) : null;
  if (problem) errors.slug = problem;
  const description = form.description.trim();
  if (description.length > 300) errors.description = 'Description must be at most 300 characters.';
  let body: BodyDocument | undefined;
  try {
    body = parseBody(form, current);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    Object.assign(errors, error.fields);
  }
  if (Object.keys(errors).length > 0 || !body) throw new Invalid('The page was not saved.', errors);
  return { title, slug, description, body };
}

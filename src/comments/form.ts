// The reader's comment form at the boundary: what was sent, tidied, and each field's problem in words a
// reader understands. The values always go back with the errors, so that nothing typed is lost.
import { type FieldErrors, Invalid } from '../http/errors.js';
import { hostNameProblem } from '../http/public-address.js';
import { isEmailAddress, normaliseEmail } from './identity.js';
import { safeWebUrl, tidyLine, tidyText } from './text.js';

export const LIMITS = { comment: 5000, name: 80, email: 254, url: 300 } as const;
/** The hidden field people never see and scripts fill in. */
export const HONEYPOT_FIELD = 'comment_title';

export interface CommentFormValues {
  comment: string;
  name: string;
  email: string;
  url: string;
  notify: boolean;
  parent: string;
  token: string;
  honeypot: string;
}

export interface ValidComment {
  body: string;
  name: string;
  email: string;
  url: string;
  notify: boolean;
  parentId: number | null;
}

/** A text field of a posted form ('' when absent), cut at `keep` characters. */
export function formField(body: unknown, name: string, keep: number): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.slice(0, keep) : '';
}

// Longer than any field allows by far: keep what fits rather than echo megabytes back.
const text = (body: unknown, name: string, max: number): string => formField(body, name, max * 4);

export function readCommentForm(body: unknown): CommentFormValues {
  return {
    comment: text(body, 'comment', LIMITS.comment),
    name: text(body, 'name', LIMITS.name),
    email: text(body, 'email', LIMITS.email),
    url: text(body, 'url', LIMITS.url),
    notify: ['on', 'true', '1', 'yes'].includes(text(body, 'notify', 10)),
    parent: text(body, 'parent', 20),
    token: text(body, 't', 100),
    honeypot: text(body, HONEYPOT_FIELD, 500),
  };
}

/** The comment as it will be stored; Invalid naming every field to fix otherwise. */
export function validateComment(values: CommentFormValues): ValidComment {
  const errors: FieldErrors = {};
  const body = tidyText(values.comment);
  const name = tidyLine(values.name);
  const email = normaliseEmail(values.email);
  let url = values.url.trim();

  if (!body) errors.comment = 'Please write your comment.';
  else if (body.length > LIMITS.comment) {
    errors.comment = `Your comment is too long: at most ${LIMITS.comment.toLocaleString('en')} characters (it has ${body.length.toLocaleString('en')}).`;
  }
  if (!name) errors.name = 'Please enter your name.';
  else if (name.length > LIMITS.name) errors.name = `Please shorten your name to ${LIMITS.name} characters.`;
  if (!email) errors.email = 'Please enter your email address. It will not be published.';
  else if (email.length > LIMITS.email || !isEmailAddress(email)) {
    errors.email = 'Enter an email address such as name@example.org.';
  }
  if (url) {
    // People type "example.org" (or "example.org:8080"); the link needs its scheme.
    if (!/^[a-z][a-z0-9+.-]*:(?!\d+(?:$|[/?#]))/i.test(url)) url = `https://${url}`;
    const safe = url.length <= LIMITS.url ? safeWebUrl(url) : null;
    const problem = safe ? hostNameProblem(new URL(safe).hostname) : null;
    if (!safe) errors.url = 'Enter a web address such as https://example.org, or leave it empty.';
    // A website readers can visit; the newsroom's own network, or one machine, is none.
    else if (problem)
      errors.url = `Enter the address of a public website such as https://example.org: this one has ${problem}.`;
    else url = safe;
  }
  let parentId: number | null = null;
  if (values.parent) {
    parentId = /^[1-9]\d{0,11}$/.test(values.parent) ? Number(values.parent) : null;
    if (parentId === null) errors.comment ??= 'The comment you are replying to could not be found.';
  }
  if (Object.keys(errors).length > 0)
    throw new Invalid('Please correct the marked fields; your comment is kept.', errors);
  return { body, name, email, url, notify: values.notify, parentId };
}

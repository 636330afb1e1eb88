// Where the newsroom may send someone back to after a step (sign-in, the media picker, a moderation action):
// a page of the newsroom itself, judged after normalising the address the way a browser will read it.

// Any origin does: only paths are accepted, and the origin is only there to resolve them against.
const BASE = 'http://newsroom.invalid';
const ORIGIN = new URL(BASE).origin;
const LONGEST = 2000;
// Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so "/\evil.example" or
// "/admin/..\t/\t/evil.example" could name another site once read; a real return address has none.
const UNREADABLE = /[\\\s\p{Cc}]/u;

/**
 * The path (with its query and fragment) that `value` names once dot segments and percent-encoded dots are
 * resolved, if that path is `under` (a path like '/admin') or below it; null for anything else: another
 * site, a scheme, a path elsewhere on ours, or a value that is not a string.
 */
export function newsroomPath(value: unknown, under = '/admin'): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > LONGEST) return null;
  // A path, and only a path: no scheme ("javascript:", "https:"), no host ("//evil.example").
  if (!value.startsWith('/') || value.startsWith('//') || UNREADABLE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  if (url.pathname !== under && !url.pathname.startsWith(`${under}/`)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to go after signing in: the newsroom page asked for, or the newsroom's home. */
export function safeNext(value: unknown): string {
  return newsroomPath(value) ?? '/admin';
}

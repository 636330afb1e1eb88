// The one rule for a link someone wrote (an article's body, a comment, a commenter's website): it is read
// with the WHATWG URL parser, the parser browsers use, so what is checked is where a browser would go, and
// what is kept is the parser's normalised form. Browsers also run in the editor (editorial/client), so this
// file uses nothing but the URL API.

/** What a link leads to: a web page elsewhere, a mail address, a phone number, or a page of this site. */
export type LinkKind = 'web' | 'mail' | 'phone' | 'site';

export interface SafeLink {
  /** The normalised link, the only form to store or put in an href. */
  href: string;
  kind: LinkKind;
}

export const ANY_LINK: readonly LinkKind[] = ['web', 'mail', 'phone', 'site'];
export const WEB_LINK: readonly LinkKind[] = ['web'];

const SCHEMES: Record<string, LinkKind> = {
  'http:': 'web',
  'https:': 'web',
  'mailto:': 'mail',
  'tel:': 'phone',
};

// Site paths are resolved against a stand-in origin: a path that leaves it would leave any origin, and the
// check needs no setting. (A link written as //our-own-host/page is refused; /page says the same.)
const STAND_IN = 'https://site.invalid';

/**
 * The link in its normalised form when it is http(s), mailto, tel, or a path ("/…") or fragment ("#…") that
 * stays on this site once parsed; null for anything else (other schemes, "//host", "/\host", "/<tab>/host",
 * addresses with a user name in them).
 */
export function safeLink(raw: string, allow: readonly LinkKind[] = ANY_LINK): SafeLink | null {
  // As the parser does first: leading and trailing controls and spaces go, and tabs and newlines anywhere.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what the URL parser drops.
  const cleaned = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (!cleaned) return null;
  const link = /^[a-z][a-z0-9+.-]*:/i.test(cleaned) ? absoluteLink(cleaned) : sitePath(cleaned);
  return link && allow.includes(link.kind) ? link : null;
}

function parsed(input: string, base?: string): URL | null {
  try {
    return new URL(input, base);
  } catch {
    return null;
  }
}

function absoluteLink(input: string): SafeLink | null {
  const url = parsed(input);
  const kind = url ? SCHEMES[url.protocol] : undefined;
  if (!url || !kind) return null;
  // "https://our.site@evil.example" reads as our site and goes elsewhere.
  if (kind === 'web' && (!url.hostname || url.username || url.password)) return null;
  return { href: url.href, kind };
}

function sitePath(input: string): SafeLink | null {
  // A path must start with one slash (browsers read a backslash as a slash), or be a fragment of this page.
  if (!/^(\/(?![/\\])|#)/.test(input)) return null;
  const url = parsed(input, `${STAND_IN}/`);
  if (!url || url.origin !== STAND_IN) return null;
  const href = input.startsWith('#') ? `#${url.hash.slice(1)}` : `${url.pathname}${url.search}${url.hash}`;
  // The normalised form must read the same again: "/.//host" normalises to "//host", which would not.
  if (href.startsWith('#')) return { href, kind: 'site' };
  const again = /^\/(?![/\\])/.test(href) ? parsed(href, `${STAND_IN}/`) : null;
  return again && again.href === url.href ? { href, kind: 'site' } : null;
}

// Comment text is plain text. Stored as the reader typed it (tidied), shown as paragraphs and line breaks
// with web addresses turned into links marked nofollow/ugc; Preact escapes everything else, so no markup
// from a comment can ever become markup on the page.
import { linkifyit } from 'linkify-it';
import type { ComponentChildren } from 'preact';
import { safeLink, WEB_LINK } from '../views/safe-link.js';

// Only web links: no mailto (harvestable addresses), no protocol-relative (see webLinks) or other schemes.
const linkify = linkifyit({ fuzzyLink: true, fuzzyEmail: false }).add('mailto:', null).add('ftp:', null);

function webLinks(text: string) {
  return (linkify.match(text) ?? []).filter((m) => m.schema !== '//');
}

export const LINK_REL = 'nofollow ugc noopener';

// Control characters (except tab and newline), and the bidirectional overrides that make text display in
// an order other than the one it is stored in.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNWANTED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** The text as stored: one kind of line break, no stray control characters, at most one blank line. */
export function tidyText(input: string): string {
  return input
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(UNWANTED, '')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line of a field that has no line breaks (a name): control characters and breaks removed. */
export function tidyLine(input: string): string {
  return input.replace(UNWANTED, '').replace(/\s+/gu, ' ').trim();
}

export function countLinks(text: string): number {
  return webLinks(text).length;
}

/** A web address for an href, normalised by the browser's own parser, or null for anything not http(s). */
export function safeWebUrl(raw: string): string | null {
  return safeLink(raw, WEB_LINK)?.href ?? null;
}

function lineWithLinks(line: string): ComponentChildren[] {
  const matches = webLinks(line);
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const m of matches) {
    const href = safeWebUrl(m.url);
    if (!href) continue;
    if (m.index > at) out.push(line.slice(at, m.index));
    out.push(
      <a href={href} rel={LINK_REL}>
        {m.text}
      </a>,
    );
    at = m.lastIndex;
  }
  if (at < line.length) out.push(line.slice(at));
  return out;
}

export function CommentText(props: { text: string }) {
  const paragraphs = props.text.split(/\n{2,}/);
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p>
          {paragraph.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {lineWithLinks(line)}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** The first words of a comment for lists and mails, on one line. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

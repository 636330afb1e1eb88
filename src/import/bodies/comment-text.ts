// A WordPress comment's HTML as Broadsheet keeps a comment: plain text, paragraphs parted by a blank line,
// line breaks kept, tidied by the comment form's own rule (comments/text.tsx). The page shows it escaped,
// with web addresses made links, so no markup from the old site can run; the words all stay, and a link's
// address is written after its words so that it is not lost either.
import { type ChildNode, type Element, isCDATA, isTag, isText } from 'domhandler';
import { tidyText } from '../../comments/text.js';
import { safeLink, WEB_LINK } from '../../views/safe-link.js';
import { parseHtml } from './html-walker.js';

const DROPPED = new Set([
  'script',
  'style',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'object',
  'embed',
  'svg',
  'math',
]);
const BLOCKS = new Set(
  'p div section article header footer blockquote pre ul ol li h1 h2 h3 h4 h5 h6 table tr figure figcaption hr dl dt dd address'.split(
    ' ',
  ),
);

/** The comment's text; WordPress applies its automatic paragraphs when it shows one, so its newlines count. */
export function commentText(html: string): string {
  const parts: string[] = [];
  walk(parseHtml(html), parts, '');
  return tidyText(
    parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t\f\r]+/g, ' ').trim())
      // A quote's marker on a line of its own is where a paragraph of it began or ended.
      .filter((line) => !/^(> ?)+$/.test(line))
      .join('\n'),
  );
}

function walk(nodes: ChildNode[], parts: string[], quote: string) {
  for (const node of nodes) {
    if (isText(node)) parts.push(quote ? node.data.replace(/\n/g, `\n${quote}`) : node.data);
    else if (isCDATA(node)) walk(node.children, parts, quote);
    else if (isTag(node)) element(node.name.toLowerCase(), node, parts, quote);
  }
}

function element(tag: string, node: Element, parts: string[], quote: string) {
  if (DROPPED.has(tag)) return;
  if (tag === 'br') {
    parts.push(`\n${quote}`);
    return;
  }
  if (tag === 'img') {
    const alt = node.attribs.alt?.trim();
    const src = safeLink(node.attribs.src ?? '', WEB_LINK)?.href;
    if (alt || src) parts.push(`[${alt || 'Image'}${src ? `: ${src}` : ''}]`);
    return;
  }
  if (tag === 'a') {
    const before = parts.length;
    walk(node.children, parts, quote);
    const words = parts.slice(before).join('').trim();
    const href = safeLink(node.attribs.href ?? '', WEB_LINK)?.href;
    // The page links web addresses in the text itself; one hidden behind other words is written out.
    if (href && !words.includes(href) && !words.includes(href.replace(/\/$/, ''))) {
      parts.push(words ? ` (${href})` : href);
    }
    return;
  }
  if (!BLOCKS.has(tag)) return walk(node.children, parts, quote);
  const inner = tag === 'blockquote' ? `${quote}> ` : quote;
  parts.push(`\n\n${inner}`);
  if (tag === 'li') parts.push('• ');
  walk(node.children, parts, inner);
  parts.push(`\n\n${quote}`);
}

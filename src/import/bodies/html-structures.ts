// Fits blocks converted from a list item or a quote into what the document lets those hold: a list item
// holds paragraphs and lists, a quote holds paragraphs. What they cannot hold (an image in a list item, a
// video in a quote) is placed right after them instead, so nothing is lost and the order barely changes.
import { type Element, isTag, isText } from 'domhandler';
import type { Block, Inline, List, ListItem } from '../../articles/render/document.js';
import { isBlank, plainInlines } from './inline-builder.js';

export type ListKind = 'bulletList' | 'orderedList';
type Paragraph = { type: 'paragraph'; content?: Inline[] };

const PULL_QUOTE_MAX = 1000;
const CITATION_MAX = 300;

function asParagraph(content: Inline[] | undefined): Paragraph {
  return content && content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** The text of a list as paragraphs (for a quote, which holds no list): "• item" or "1. item". */
function listAsParagraphs(list: List, depth = 0): Paragraph[] {
  return list.content.flatMap((item, index) =>
    item.content.flatMap((child, at) => {
      if (child.type !== 'paragraph') return listAsParagraphs(child, depth + 1);
      if (at > 0 || !child.content?.length) return [child];
      const bullet = `${'  '.repeat(depth)}${list.type === 'orderedList' ? `${index + 1}.` : '•'} `;
      return [asParagraph([{ type: 'text', text: bullet }, ...child.content])];
    }),
  );
}

/**
 * A list from its items' blocks, and the blocks no list item can hold, in order after it. An item with
 * nothing readable is left out; one that starts with a nested list gets an empty first paragraph, as the
 * editor's list items always start with one.
 */
export function asList(kind: ListKind, items: Block[][]): Block[] {
  const listItems: ListItem[] = [];
  const after: Block[] = [];
  for (const blocks of items) {
    const content: ListItem['content'] = [];
    for (const block of blocks) {
      if (block.type === 'paragraph') content.push(block);
      else if (block.type === 'heading') content.push(asParagraph(block.content));
      else if (block.type === 'bulletList' || block.type === 'orderedList') content.push(block);
      else if (block.type === 'blockquote') content.push(...block.content);
      else if (block.type === 'pullQuote') content.push(asParagraph(plainInlines(block.attrs.text)));
      else after.push(block);
    }
    const readable = content.filter((c) => c.type !== 'paragraph' || (c.content?.length ?? 0) > 0);
    if (readable.length === 0) continue;
    if (readable[0]!.type !== 'paragraph') readable.unshift({ type: 'paragraph' });
    listItems.push({ type: 'listItem', content: readable });
  }
  return listItems.length > 0 ? [{ type: kind, content: listItems }, ...after] : after;
}

/**
 * A quote's blocks as quotes of paragraphs; an image, embed or rule inside splits it, standing between the
 * parts. The citation goes with the last part (or, too long for one, follows as a paragraph).
 */
export function asQuote(blocks: Block[], citation: string): Block[] {
  const out: Block[] = [];
  let paragraphs: Paragraph[] = [];
  const close = () => {
    if (paragraphs.length > 0) out.push({ type: 'blockquote', content: paragraphs });
    paragraphs = [];
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') paragraphs.push(block);
    else if (block.type === 'heading') paragraphs.push(asParagraph(block.content));
    else if (block.type === 'blockquote') paragraphs.push(...block.content);
    else if (block.type === 'pullQuote') paragraphs.push(asParagraph(plainInlines(block.attrs.text)));
    else if (block.type === 'bulletList' || block.type === 'orderedList')
      paragraphs.push(...listAsParagraphs(block));
    else {
      close();
      out.push(block);
    }
  }
  close();
  const cite = citation.replace(/\s+/g, ' ').trim();
  if (!cite) return out;
  const last = out[out.length - 1];
  if (last?.type === 'blockquote' && cite.length <= CITATION_MAX) last.attrs = { citation: cite };
  else out.push(asParagraph(plainInlines(`— ${cite}`)));
  return out;
}

function wordsOf(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (isText(child)) parts.push(child.data);
      else if (isTag(child) && !['script', 'style', 'cite'].includes(child.name)) {
        if (child.name === 'br' || child.name === 'p') parts.push(' ');
        walk(child);
      }
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function findCite(el: Element): Element | undefined {
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (child.name === 'cite') return child;
    const inner = findCite(child);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * WordPress's pull quote (`<figure class="wp-block-pullquote"><blockquote><p>…</p><cite>…</cite>`) as the
 * document's pull quote: its words and attribution as plain text. Null when it has no words or more than
 * a pull quote holds (it is then converted as an ordinary quote).
 */
export function pullQuoteOf(el: Element): Block | null {
  const text = wordsOf(el);
  if (isBlank(text) || text.length > PULL_QUOTE_MAX) return null;
  const cite = findCite(el);
  const attribution = cite ? wordsOf(cite) : '';
  if (attribution.length > CITATION_MAX) return null;
  return {
    type: 'pullQuote',
    attrs: attribution ? { text, attribution } : { text },
  };
}

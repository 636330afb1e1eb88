// Ghost's Mobiledoc bodies (0.3.x, Ghost 1 to 4): sections of text markers with markups opened and closed
// along the way, atoms (Ghost's soft line break), and cards (ghost-cards.ts).
import type { Block } from '../../articles/render/document.js';
import { type BodyOutput, shown } from './body-output.js';
import { type CardPayload, ghostCard } from './ghost-cards.js';
import { asList, asQuote } from './html-structures.js';
import { InlineBuilder, type MarkState } from './inline-builder.js';

type Markup = [string, unknown[]?];
type Marker = [number, number[], number, unknown];
type Atom = [string, string, unknown];
type Card = [string, CardPayload];

interface Mobiledoc {
  markups: Markup[];
  atoms: Atom[];
  cards: Card[];
  sections: unknown[][];
}

function arrayOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function mobiledocInto(parsed: unknown, out: BodyOutput) {
  const raw = (parsed ?? {}) as Record<string, unknown>;
  if (!Array.isArray(raw.sections)) {
    out.warn('The Mobiledoc body has no sections; the body is empty');
    return;
  }
  const doc: Mobiledoc = {
    markups: arrayOf(raw.markups),
    atoms: arrayOf(raw.atoms),
    cards: arrayOf(raw.cards),
    sections: arrayOf(raw.sections),
  };
  for (const section of doc.sections) sectionInto(section, doc, out);
}

function marksOf(open: Markup[], out: BodyOutput): MarkState {
  const marks: MarkState = {};
  for (const [tag, attributes] of open) {
    const name = String(tag).toLowerCase();
    if (name === 'b' || name === 'strong') marks.bold = true;
    else if (name === 'i' || name === 'em') marks.italic = true;
    else if (name === 'a') {
      const attrs = arrayOf<unknown>(attributes);
      const at = attrs.indexOf('href');
      const href =
        at >= 0 && typeof attrs[at + 1] === 'string' ? out.link(attrs[at + 1] as string) : undefined;
      if (href) marks.link = href;
    }
  }
  return marks;
}

function markersInto(markers: unknown, doc: Mobiledoc, out: BodyOutput): InlineBuilder {
  const builder = new InlineBuilder();
  const open: Markup[] = [];
  for (const marker of arrayOf<Marker>(markers)) {
    const [kind, opens, closes, value] = marker;
    for (const index of arrayOf<number>(opens)) {
      const markup = doc.markups[index];
      open.push(Array.isArray(markup) ? markup : ['span']);
    }
    const marks = marksOf(open, out);
    if (kind === 0 && typeof value === 'string') builder.text(value, marks);
    else if (kind === 1 && typeof value === 'number') {
      const atom = doc.atoms[value];
      if (atom?.[0] === 'soft-return') builder.lineBreak();
      else if (atom && typeof atom[1] === 'string') builder.text(atom[1], marks);
    }
    open.splice(Math.max(0, open.length - (typeof closes === 'number' ? closes : 0)));
  }
  return builder;
}

function sectionInto(section: unknown[], doc: Mobiledoc, out: BodyOutput) {
  const [type] = section;
  if (type === 1) {
    const tag = String(section[1]).toLowerCase();
    const content = markersInto(section[2], doc, out).take();
    if (/^h[1-6]$/.test(tag)) return out.heading(Number(tag[1]), content);
    if (tag === 'blockquote') {
      for (const block of asQuote(content.length ? [{ type: 'paragraph', content }] : [], ''))
        out.block(block);
      return;
    }
    if (tag === 'aside' || tag === 'pull-quote') {
      const text = content
        .map((i) => (i.type === 'text' ? i.text : ' '))
        .join('')
        .trim();
      if (text && text.length <= 1000) return out.block({ type: 'pullQuote', attrs: { text } });
      for (const block of asQuote(content.length ? [{ type: 'paragraph', content }] : [], ''))
        out.block(block);
      return;
    }
    return out.paragraph(content);
  }
  if (type === 2) return out.image({ url: typeof section[1] === 'string' ? section[1] : undefined });
  if (type === 3) {
    const items: Block[][] = arrayOf<unknown>(section[2]).map((markers) => {
      const content = markersInto(markers, doc, out).take();
      return content.length ? [{ type: 'paragraph', content }] : [];
    });
    for (const block of asList(section[1] === 'ol' ? 'orderedList' : 'bulletList', items)) out.block(block);
    return;
  }
  if (type === 10) {
    const card = typeof section[1] === 'number' ? doc.cards[section[1]] : undefined;
    if (card && typeof card[0] === 'string') return ghostCard(card[0], (card[1] ?? {}) as CardPayload, out);
    out.warn('A Mobiledoc card section names a card the body does not have; left out');
    return;
  }
  out.warn(`A Mobiledoc section of type ${shown(String(type), 20)} is not one Broadsheet reads; left out`);
}

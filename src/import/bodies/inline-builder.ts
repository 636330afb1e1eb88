// Gathers the words of one paragraph or heading as they come from another system's markup, and gives them
// back as the document's inline nodes: whitespace collapsed the way a browser shows it, trimmed at the
// edges and around line breaks, adjacent runs with the same marks joined, no empty text node (the schema
// refuses those).
import type { Inline, Mark } from '../../articles/render/document.js';

/** The marks in force at a point of the source: at most one of each kind, as the editor keeps them. */
export interface MarkState {
  bold?: boolean;
  italic?: boolean;
  /** Already checked and rewritten: an href the schema accepts. */
  link?: string;
}

export const NO_MARKS: MarkState = {};

// Controls other than whitespace, and the bidirectional overrides that make text display in an order other
// than the one it is stored in (the comment form drops the same ones).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNWANTED = /[\u0000-\u0008\u000B\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// HTML's whitespace, which a browser collapses; a no-break space is text and stays.
const COLLAPSIBLE = /[ \t\n\r\f]+/g;
// What is not worth a paragraph of its own: whitespace, no-break and zero-width spaces.
const BLANK = /^[\s\u00a0\u200b]*$/u;

export function cleanText(text: string): string {
  return text.replace(UNWANTED, '');
}

export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

function marksOf(state: MarkState): Mark[] | undefined {
  const marks: Mark[] = [];
  if (state.bold) marks.push({ type: 'bold' });
  if (state.italic) marks.push({ type: 'italic' });
  if (state.link) marks.push({ type: 'link', attrs: { href: state.link } });
  return marks.length > 0 ? marks : undefined;
}

function sameMarks(a: MarkState, b: MarkState): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && a.link === b.link;
}

type Piece = { kind: 'text'; text: string; marks: MarkState } | { kind: 'break' };

export class InlineBuilder {
  private pieces: Piece[] = [];

  /** Text as HTML gives it: runs of whitespace are one space. `preserve` keeps it (pre, code blocks). */
  text(raw: string, marks: MarkState = NO_MARKS, preserve = false): void {
    const text = cleanText(raw);
    if (!text) return;
    if (preserve) {
      const lines = text.replace(/\r\n?/g, '\n').split('\n');
      lines.forEach((line, i) => {
        if (i > 0) this.lineBreak();
        if (line) this.push(line.replace(/\t/g, '    '), marks);
      });
      return;
    }
    this.push(text.replace(COLLAPSIBLE, ' '), marks);
  }

  lineBreak(): void {
    this.pieces.push({ kind: 'break' });
  }

  private push(text: string, marks: MarkState): void {
    const last = this.pieces[this.pieces.length - 1];
    if (last?.kind === 'text' && sameMarks(last.marks, marks)) last.text += text;
    else this.pieces.push({ kind: 'text', text, marks });
  }

  /** Whether anything readable has been gathered. */
  hasText(): boolean {
    return this.pieces.some((p) => p.kind === 'text' && !isBlank(p.text));
  }

  /** The gathered inline nodes, and a fresh builder for what follows. */
  take(): Inline[] {
    const pieces = this.pieces;
    this.pieces = [];
    return normalise(pieces);
  }
}

function normalise(pieces: Piece[]): Inline[] {
  // Collapse spaces across runs: a space after a space (or at a line's start) goes.
  let atLineStart = true;
  for (const piece of pieces) {
    if (piece.kind === 'break') {
      atLineStart = true;
      continue;
    }
    if (atLineStart) piece.text = piece.text.replace(/^[ \u00a0]+/, '');
    if (piece.text) atLineStart = piece.text.endsWith(' ');
  }
  // Spaces before a line break or at the end go.
  let atLineEnd = true;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i]!;
    if (piece.kind === 'break') {
      atLineEnd = true;
      continue;
    }
    if (atLineEnd) piece.text = piece.text.replace(/[ \u00a0]+$/, '');
    if (piece.text) atLineEnd = false;
  }
  const kept = pieces.filter((p) => p.kind === 'break' || p.text !== '');
  // Line breaks at the edges show nothing.
  while (kept[0]?.kind === 'break') kept.shift();
  while (kept[kept.length - 1]?.kind === 'break') kept.pop();
  const out: Inline[] = [];
  for (const piece of kept) {
    if (piece.kind === 'break') {
      out.push({ type: 'hardBreak' });
      continue;
    }
    const previous = out[out.length - 1];
    const marks = marksOf(piece.marks);
    if (previous?.type === 'text' && JSON.stringify(previous.marks) === JSON.stringify(marks)) {
      previous.text += piece.text;
    } else {
      out.push(marks ? { type: 'text', text: piece.text, marks } : { type: 'text', text: piece.text });
    }
  }
  return out.some((i) => i.type === 'text' && !isBlank(i.text)) ? out : [];
}

/** Inline nodes of one plain string (a caption, a card's title), or none when it is blank. */
export function plainInlines(text: string, marks: MarkState = NO_MARKS): Inline[] {
  const builder = new InlineBuilder();
  builder.text(text, marks);
  return builder.take();
}

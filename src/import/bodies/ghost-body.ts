// A Ghost post's body as the article document: Lexical (Ghost 5 and later), Mobiledoc (before), or the HTML
// Ghost rendered from either. Lexical's nodes map onto the document's blocks; its cards are ghost-cards.ts.
import type { Block } from '../../articles/render/document.js';
import type { BodyContext, ConvertedBody, SourceBody } from '../source-model.js';
import { BodyOutput, shown } from './body-output.js';
import { type CardPayload, ghostCard } from './ghost-cards.js';
import { mobiledocInto } from './ghost-mobiledoc.js';
import { htmlBody } from './html-body.js';
import { asList, asQuote } from './html-structures.js';
import { InlineBuilder, type MarkState, NO_MARKS } from './inline-builder.js';
import { wordpressBody } from './wordpress-body.js';

interface LexicalNode extends CardPayload {
  type?: string;
  children?: LexicalNode[];
}

// Lexical's text format bits (TextNode's IS_BOLD, IS_ITALIC); underline, code and the others have no mark.
const IS_BOLD = 1;
const IS_ITALIC = 2;
const MAX_LIST_DEPTH = 10;

export function ghostBody(body: SourceBody, ctx: BodyContext): ConvertedBody {
  if (body.format === 'html') return htmlBody(body.content, ctx);
  if (body.format === 'wordpress') return wordpressBody(body.content, ctx);
  const out = new BodyOutput(ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.content);
  } catch (error) {
    out.warn(
      `The ${body.format} body could not be read (${shown((error as Error).message)}); the body is empty`,
    );
    return out.finish();
  }
  if (body.format === 'mobiledoc') mobiledocInto(parsed, out);
  else lexicalInto(parsed, out);
  return out.finish();
}

function lexicalInto(parsed: unknown, out: BodyOutput) {
  const root = (parsed as { root?: LexicalNode } | null)?.root;
  if (!root || !Array.isArray(root.children)) {
    out.warn('The Lexical body has no root node; the body is empty');
    return;
  }
  for (const node of root.children) lexicalBlock(node, out, 0);
}

function inlines(
  nodes: LexicalNode[] | undefined,
  out: BodyOutput,
  builder: InlineBuilder,
  marks: MarkState,
) {
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'text':
      case 'extended-text': {
        const format = typeof node.format === 'number' ? node.format : 0;
        const own = {
          ...marks,
          bold: marks.bold || (format & IS_BOLD) !== 0,
          italic: marks.italic || (format & IS_ITALIC) !== 0,
        };
        builder.text(typeof node.text === 'string' ? node.text : '', own);
        break;
      }
      case 'linebreak':
        builder.lineBreak();
        break;
      case 'tab':
        builder.text(' ', marks);
        break;
      case 'link':
      case 'autolink':
      case 'at-link': {
        const href = typeof node.url === 'string' ? out.link(node.url) : undefined;
        inlines(node.children, out, builder, href ? { ...marks, link: href } : marks);
        break;
      }
      default:
        if (Array.isArray(node.children)) inlines(node.children, out, builder, marks);
        else if (typeof node.text === 'string') builder.text(node.text, marks);
        else if (node.type) out.warn(`A Lexical "${shown(node.type, 40)}" node inside text was left out`);
    }
  }
}

function inlineOf(node: LexicalNode, out: BodyOutput) {
  const builder = new InlineBuilder();
  inlines(node.children, out, builder, NO_MARKS);
  return builder.take();
}

function lexicalBlock(node: LexicalNode, out: BodyOutput, depth: number) {
  switch (node.type) {
    case 'paragraph':
      return out.paragraph(inlineOf(node, out));
    case 'heading':
    case 'extended-heading': {
      const level = Number(/^h([1-6])$/.exec(String(node.tag))?.[1] ?? 2);
      return out.heading(level, inlineOf(node, out));
    }
    case 'quote':
    case 'extended-quote': {
      const content = inlineOf(node, out);
      for (const block of asQuote(content.length ? [{ type: 'paragraph', content }] : [], ''))
        out.block(block);
      return;
    }
    case 'aside': {
      // Ghost's second quote style, set large: the document's pull quote when it fits one.
      const content = inlineOf(node, out);
      const text = content
        .map((i) => (i.type === 'text' ? i.text : ' '))
        .join('')
        .trim();
      if (text && text.length <= 1000) return out.block({ type: 'pullQuote', attrs: { text } });
      for (const block of asQuote(content.length ? [{ type: 'paragraph', content }] : [], ''))
        out.block(block);
      return;
    }
    case 'list':
      for (const block of lexicalList(node, out, depth)) out.block(block);
      return;
    case 'horizontalrule':
      return out.block({ type: 'horizontalRule' });
    default:
      if (typeof node.type === 'string') return ghostCard(node.type, node, out);
      out.warn('A Lexical node without a type was left out');
  }
}

function lexicalList(node: LexicalNode, out: BodyOutput, depth: number): Block[] {
  const kind = node.listType === 'number' ? 'orderedList' : 'bulletList';
  const items: Block[][] = [];
  for (const item of node.children ?? []) {
    const blocks: Block[] = [];
    const builder = new InlineBuilder();
    const flush = () => {
      const content = builder.take();
      if (content.length) blocks.push({ type: 'paragraph', content });
    };
    for (const child of item.children ?? []) {
      if (child.type !== 'list') {
        inlines([child], out, builder, NO_MARKS);
        continue;
      }
      flush();
      if (depth + 1 < MAX_LIST_DEPTH) blocks.push(...lexicalList(child, out, depth + 1));
      else {
        out.warn(`Lists nested more than ${MAX_LIST_DEPTH} deep were flattened`);
        for (const inner of lexicalList(child, out, depth)) {
          if (inner.type === 'bulletList' || inner.type === 'orderedList')
            blocks.push(...inner.content.flatMap((i) => i.content));
          else blocks.push(inner);
        }
      }
    }
    flush();
    // Lexical keeps a nested list in an item of its own: it belongs to the item before it.
    const onlyList =
      blocks.length > 0 && blocks.every((b) => b.type === 'bulletList' || b.type === 'orderedList');
    if (onlyList && items.length > 0) items[items.length - 1]!.push(...blocks);
    else items.push(blocks);
  }
  return asList(kind, items);
}

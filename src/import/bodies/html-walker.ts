// Walks parsed HTML in document order and writes the body's blocks: inline content gathers into the open
// paragraph (or heading); a block element closes it, writes itself, and a new one opens after it. So an
// image inside a paragraph, a paragraph inside a link, or text loose in a <div> all come out in reading
// order, and every word the source shows lands somewhere.
import { type ChildNode, type Element, isCDATA, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { type Block, blockText } from '../../articles/render/document.js';
import { type BodyOutput, shown } from './body-output.js';
import { attachmentId, embedPageAddress, hasClass, imageAddress, mediaFileAddress } from './html-media.js';
import { asList, asQuote, type ListKind, pullQuoteOf } from './html-structures.js';
import { InlineBuilder, isBlank, type MarkState, NO_MARKS } from './inline-builder.js';
import { embedWrapper } from './wordpress-embed.js';

/** Elements whose content is not reading matter: dropped, and the drop is reported. */
const DROPPED = new Set(
  'script style template head title meta link base object embed applet param svg math canvas select datalist input frameset frame noembed noframes portal'.split(
    ' ',
  ),
);
/** Elements that are a block of their own: they close the open paragraph before and after. */
const CONTAINERS = new Set(
  'p div section article header footer main nav aside address center details summary dl dt dd hgroup fieldset legend form body html li caption noscript'.split(
    ' ',
  ),
);
/** Inline elements shown as their text (their styling has no place in the document). */
const TRANSPARENT = new Set(
  'span u s strike del ins sub sup small big mark abbr acronym time code kbd samp tt q font label bdi bdo data button wbr nobr output meter progress textarea option optgroup ruby rb rt rp picture'.split(
    ' ',
  ),
);
const BOLD = new Set(['strong', 'b']);
const ITALIC = new Set(['em', 'i', 'cite', 'dfn', 'var']);
/** Lists nest at most this deep (each level is two nodes of MAX_DOCUMENT_DEPTH); deeper items join their parent. */
const MAX_LIST_DEPTH = 10;

export function parseHtml(html: string): ChildNode[] {
  return parseDocument(html, { decodeEntities: true }).children;
}

/** Writes the blocks of an HTML fragment to `out`. */
export function convertHtmlInto(html: string, out: BodyOutput) {
  new HtmlWalker(out).run(parseHtml(html));
}

/** The words of some nodes, as a reader sees them, on one line. */
export function textOf(nodes: ChildNode[]): string {
  return rawText(nodes).replace(/\s+/g, ' ').trim();
}

function rawText(nodes: ChildNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (isText(node)) text += node.data;
    else if (isTag(node) && !DROPPED.has(node.name))
      text += node.name === 'br' ? ' ' : rawText(node.children);
    else if (isCDATA(node)) text += rawText(node.children);
  }
  return text;
}

export class HtmlWalker {
  private inline = new InlineBuilder();
  private heading: number | null = null;
  /** The attachment a [caption] shortcode's figure names (`id="attachment_12"`), for an image without its class. */
  private figureAttachment: string | undefined;

  constructor(
    private readonly out: BodyOutput,
    private readonly listDepth = 0,
  ) {}

  run(nodes: ChildNode[], marks: MarkState = NO_MARKS) {
    this.nodes(nodes, marks, false);
    this.flush();
  }

  private flush() {
    const content = this.inline.take();
    if (this.heading !== null) this.out.heading(this.heading, content);
    else this.out.paragraph(content);
  }

  private nodes(nodes: ChildNode[], marks: MarkState, pre: boolean) {
    for (const node of nodes) this.node(node, marks, pre);
  }

  private node(node: ChildNode, marks: MarkState, pre: boolean) {
    if (isText(node)) return this.inline.text(node.data, marks, pre);
    if (isCDATA(node)) return this.nodes(node.children, marks, pre);
    if (!isTag(node)) return; // comments and doctypes
    const tag = node.name.toLowerCase();
    if (tag === 'br') return this.inline.lineBreak();
    if (BOLD.has(tag)) return this.nodes(node.children, { ...marks, bold: true }, pre);
    if (ITALIC.has(tag)) return this.nodes(node.children, { ...marks, italic: true }, pre);
    if (tag === 'a') return this.anchor(node, marks, pre);
    if (TRANSPARENT.has(tag)) return this.nodes(node.children, marks, pre);
    if (DROPPED.has(tag)) {
      if (tag !== 'title' && tag !== 'meta' && tag !== 'head')
        this.out.warn(`A <${tag}> element was removed`);
      return;
    }
    if (/^h[1-6]$/.test(tag)) return this.headingElement(node, Number(tag[1]), marks);
    if (CONTAINERS.has(tag)) return this.container(node, marks, pre);
    this.flush();
    switch (tag) {
      case 'hr':
        this.out.block({ type: 'horizontalRule' });
        return;
      case 'pre':
        this.nodes(node.children, marks, true);
        return this.flush();
      case 'ul':
      case 'ol':
      case 'menu':
        return this.list(node, tag === 'ol' ? 'orderedList' : 'bulletList', marks);
      case 'blockquote':
        return this.quote(node, marks);
      case 'figure':
        return this.figure(node, marks);
      case 'img':
        return this.out.image({
          sourceId: attachmentId(node) ?? this.figureAttachment,
          url: imageAddress(node),
          alt: node.attribs.alt,
        });
      case 'iframe':
        return this.frame(node);
      case 'video':
      case 'audio':
        return this.mediaFile(node, tag);
      case 'table':
        return this.table(node);
      case 'figcaption':
        return this.container(node, marks, pre);
      default:
        // An element HTML does not have, or one with no place in an article: its words stay.
        this.out.warn(`An unknown <${shown(tag, 30)}> element was kept as its text`);
        return this.container(node, marks, pre);
    }
  }

  private anchor(node: Element, marks: MarkState, pre: boolean) {
    const href = node.attribs.href === undefined ? undefined : this.out.link(node.attribs.href);
    this.nodes(node.children, href ? { ...marks, link: href } : marks, pre);
  }

  private container(node: Element, marks: MarkState, pre: boolean) {
    this.flush();
    this.nodes(node.children, marks, pre);
    this.flush();
  }

  private headingElement(node: Element, level: number, marks: MarkState) {
    this.flush();
    const outer = this.heading;
    this.heading = level;
    this.nodes(node.children, marks, false);
    this.flush();
    this.heading = outer;
  }

  /** The blocks some nodes make, written to a separate output for the caller to place. */
  private part(nodes: ChildNode[], marks: MarkState, depth = this.listDepth): Block[] {
    const sub = this.out.fork();
    new HtmlWalker(sub, depth).run(nodes, marks);
    return sub.blocks;
  }

  private list(node: Element, kind: ListKind, marks: MarkState) {
    if (this.listDepth >= MAX_LIST_DEPTH) {
      this.out.warn(`Lists nested more than ${MAX_LIST_DEPTH} deep were flattened`);
      for (const block of this.part(node.children, marks)) this.out.block(block);
      return;
    }
    const items: Block[][] = [];
    for (const child of node.children) {
      if (isTag(child) && child.name === 'li')
        items.push(this.part(child.children, marks, this.listDepth + 1));
      else if (isTag(child) || (isText(child) && !isBlank(child.data))) {
        // A list nested straight in a list (a common slip) belongs to the item before it.
        const blocks = this.part([child], marks, this.listDepth + 1);
        if (items.length > 0 && isTag(child) && ['ul', 'ol'].includes(child.name))
          items[items.length - 1]!.push(...blocks);
        else items.push(blocks);
      }
    }
    for (const block of asList(kind, items)) this.out.block(block);
  }

  private quote(node: Element, marks: MarkState) {
    const pull = hasClass(node, 'wp-block-pullquote') ? pullQuoteOf(node) : null;
    if (pull) return this.out.block(pull);
    const cites = node.children.filter(
      (c): c is Element => isTag(c) && (c.name === 'cite' || c.name === 'footer'),
    );
    const rest = node.children.filter((c) => !cites.includes(c as Element));
    const citation = cites
      .map((c) => textOf(c.children))
      .join(' ')
      .trim();
    for (const block of asQuote(this.part(rest, marks), citation)) this.out.block(block);
  }

  private figure(node: Element, marks: MarkState) {
    if (hasClass(node, 'wp-block-pullquote')) {
      const pull = pullQuoteOf(node);
      if (pull) return this.out.block(pull);
    }
    const captions = node.children.filter((c): c is Element => isTag(c) && c.name === 'figcaption');
    const rest = node.children.filter((c) => !captions.includes(c as Element));
    const caption = captions
      .map((c) => textOf(c.children))
      .join(' ')
      .trim();
    if (hasClass(node, 'wp-block-embed')) {
      const address = embedWrapper(node);
      if (address) return this.out.embed(address, caption || undefined);
    }
    const outer = this.figureAttachment;
    const id = /^attachment_(\d+)$/.exec(node.attribs.id ?? '');
    if (id) this.figureAttachment = id[1];
    const start = this.out.blocks.length;
    this.run(rest, marks);
    this.figureAttachment = outer;
    const made = this.out.blocks.slice(start);
    const only = made.length === 1 ? made[0] : undefined;
    if (only?.type === 'image' && !only.attrs.caption && caption && caption.length <= 1000) {
      only.attrs = { ...only.attrs, caption };
      return;
    }
    // Several images (a gallery), or none that came across: the caption is its own paragraph.
    for (const c of captions) this.container(c, marks, false);
  }

  private frame(node: Element) {
    const src = node.attribs.src?.trim() ?? '';
    const page = src ? embedPageAddress(src) : undefined;
    if (page) return this.out.embed(page, node.attribs.title);
    this.out.warn(
      `An embedded frame (${shown(src || 'without an address')}) is not from a provider Broadsheet frames; kept as a link`,
    );
    const href = src ? this.out.link(src) : undefined;
    if (href) this.linkParagraph(node.attribs.title?.trim() || src, href);
    else this.out.textParagraph(node.attribs.title ?? '');
  }

  private mediaFile(node: Element, tag: string) {
    const src = mediaFileAddress(node);
    this.out.warn(`A ${tag} file (${shown(src ?? 'without an address')}) was kept as a link`);
    const href = src ? this.out.link(src) : undefined;
    if (href) this.linkParagraph(`[${tag === 'video' ? 'Video' : 'Audio'}: ${src}]`, href);
    // The fallback text inside the element is for readers without a player: readable, so kept.
    this.run(node.children.filter((c) => !(isTag(c) && (c.name === 'source' || c.name === 'track'))));
  }

  private linkParagraph(words: string, href: string) {
    this.inline.text(words, { link: href });
    this.flush();
  }

  private table(node: Element) {
    this.out.warn('A table was kept as text, one paragraph per row');
    const rows: Element[] = [];
    const collect = (nodes: ChildNode[]) => {
      for (const n of nodes) {
        if (!isTag(n)) continue;
        if (n.name === 'tr') rows.push(n);
        else if (n.name === 'caption') this.container(n, NO_MARKS, false);
        else if (n.name !== 'table') collect(n.children);
      }
    };
    collect(node.children);
    const later: Block[] = [];
    for (const row of rows) {
      const cells = row.children.filter(
        (c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'),
      );
      const words: string[] = [];
      for (const cell of cells) {
        const lines: string[] = [];
        for (const block of this.part(cell.children, NO_MARKS)) {
          if (block.type === 'paragraph' || block.type === 'heading')
            lines.push(blockText(block).replace(/\n/g, ' '));
          else later.push(block);
        }
        const line = lines.join(' ').trim();
        if (!isBlank(line)) words.push(line);
      }
      this.out.textParagraph(words.join(' | '));
    }
    for (const block of later) this.out.block(block);
  }
}

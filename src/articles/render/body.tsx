// Renders a body document to Preact elements. Output is escaped by Preact; hrefs were checked when the
// document was validated and are checked again here, since old rows may predate a rule.
import type { ComponentChildren, VNode } from 'preact';
import { creditLine, type MediaItem } from '../../media/media.js';
import { Picture } from '../../media/picture.js';
import type { Block, BodyDocument, Inline, List, ListItem, Mark } from './document.js';

export interface BodyContext {
  media: Map<number, MediaItem>;
  /** Make site-relative links absolute (feeds are read away from the site). */
  absoluteBase?: string;
}

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

function href(raw: string, ctx: BodyContext): string | undefined {
  const value = raw.trim();
  if (!SAFE_HREF.test(value)) return undefined;
  if (ctx.absoluteBase && value.startsWith('/')) return ctx.absoluteBase + value;
  return value;
}

function withMarks(text: string, marks: Mark[] | undefined, ctx: BodyContext): ComponentChildren {
  let node: ComponentChildren = text;
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') node = <strong>{node}</strong>;
    else if (mark.type === 'italic') node = <em>{node}</em>;
    else {
      const target = href(mark.attrs.href, ctx);
      const external =
        target !== undefined && /^https?:/i.test(target) && !target.startsWith(ctx.absoluteBase ?? '\0');
      if (target)
        node = (
          <a href={target} rel={external ? 'noopener' : undefined}>
            {node}
          </a>
        );
    }
  }
  return node;
}

function inlines(content: Inline[] | undefined, ctx: BodyContext): ComponentChildren {
  return (content ?? []).map((i) => (i.type === 'hardBreak' ? <br /> : withMarks(i.text, i.marks, ctx)));
}

function listNode(list: List, ctx: BodyContext): VNode {
  const items = list.content.map((item: ListItem) => (
    <li>
      {item.content.map((child) =>
        child.type === 'paragraph' ? inlines(child.content, ctx) : listNode(child, ctx),
      )}
    </li>
  ));
  return list.type === 'orderedList' ? <ol>{items}</ol> : <ul>{items}</ul>;
}

export function Figure(props: {
  item: MediaItem;
  caption?: string;
  eager?: boolean;
  sizes: string;
  className?: string;
}) {
  const { item } = props;
  const caption = props.caption ?? item.caption;
  const credit = creditLine(item);
  return (
    <figure class={props.className}>
      <Picture item={item} sizes={props.sizes} eager={props.eager} />
      {(caption || credit) && (
        <figcaption>
          {caption}
          {caption && credit && ' | '}
          {credit && <span class="credit">Image by {credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

export function renderBlock(block: Block, ctx: BodyContext): VNode | null {
  switch (block.type) {
    case 'paragraph':
      return block.content?.length ? <p>{inlines(block.content, ctx)}</p> : null;
    case 'heading': {
      const Tag = `h${block.attrs.level}` as 'h2' | 'h3' | 'h4';
      return <Tag>{inlines(block.content, ctx)}</Tag>;
    }
    case 'blockquote':
      return (
        <blockquote>
          {block.content.map((p) => renderBlock(p, ctx))}
          {block.attrs?.citation && <footer>— {block.attrs.citation}</footer>}
        </blockquote>
      );
    case 'pullQuote':
      return (
        <figure class="pull-quote">
          <blockquote>
            <p>{block.attrs.text}</p>
          </blockquote>
          {block.attrs.attribution && <figcaption>— {block.attrs.attribution}</figcaption>}
        </figure>
      );
    case 'image': {
      const item = ctx.media.get(block.attrs.mediaId);
      if (!item) return null;
      return <Figure item={item} caption={block.attrs.caption} sizes="(min-width: 48rem) 42rem, 100vw" />;
    }
    case 'embed': {
      // No third-party request until the reader asks: the page shows a link to the original.
      const host = new URL(block.attrs.url).hostname.replace(/^www\./, '');
      return (
        <figure class="embed">
          <a href={block.attrs.url} rel="noopener nofollow">
            {block.attrs.title ?? `View on ${host}`}
          </a>
          <figcaption>External content from {host}</figcaption>
        </figure>
      );
    }
    case 'horizontalRule':
      return <hr />;
    case 'bulletList':
    case 'orderedList':
      return listNode(block, ctx);
  }
}

export function BodyBlocks(props: { blocks: Block[]; ctx: BodyContext }) {
  return <>{props.blocks.map((b) => renderBlock(b, props.ctx))}</>;
}

/** Splits the body after the n-th paragraph; the rest is what "Expand article" reveals on phones. */
export function splitAfterParagraphs(doc: BodyDocument, n: number): { lead: Block[]; rest: Block[] } {
  if (n <= 0) return { lead: doc.content, rest: [] };
  let seen = 0;
  for (let i = 0; i < doc.content.length; i++) {
    if (doc.content[i]!.type === 'paragraph') seen++;
    if (seen === n) {
      const rest = doc.content.slice(i + 1);
      // Cutting off a single short block saves nothing and costs the reader a tap.
      return rest.length > 1 ? { lead: doc.content.slice(0, i + 1), rest } : { lead: doc.content, rest: [] };
    }
  }
  return { lead: doc.content, rest: [] };
}

// Renders a body document to Preact elements. Output is escaped by Preact; hrefs were checked when the
// document was validated and are checked again here, since old rows may predate a rule.
import type { ComponentChildren, VNode } from 'preact';
import { creditLine, type MediaItem } from '../../media/media.js';
import { Picture } from '../../media/picture.js';
import { safeLink } from '../../views/safe-link.js';
import type { Block, BodyDocument, Inline, List, ListItem, Mark } from './document.js';
import { embedHost, resolveEmbed } from './embeds.js';

export interface BodyContext {
  media: Map<number, MediaItem>;
  /** Make site-relative links absolute (feeds are read away from the site). */
  absoluteBase?: string;
}

function href(raw: string, ctx: BodyContext): string | undefined {
  const link = safeLink(raw);
  if (!link) return undefined;
  if (ctx.absoluteBase && link.href.startsWith('/')) return ctx.absoluteBase + link.href;
  return link.href;
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

/**
 * An embedded video or post. Nothing is fetched from the other site until the reader asks: the page holds
 * a notice and a link, and the reader script adds a button that frames the player (views/client/embeds.ts).
 * Feeds and readers without the script get the link.
 */
export function Embed(props: { url: string; title?: string }) {
  const { url, title } = props;
  const host = embedHost(url);
  const known = resolveEmbed(url);
  if (!known) {
    return (
      <figure class="embed">
        <p>
          <a href={url} rel="noopener nofollow">
            {title ?? `View on ${host}`}
          </a>
        </p>
        <figcaption>External content from {host}</figcaption>
      </figure>
    );
  }
  const { provider, frameSrc } = known;
  return (
    <figure
      class={`embed embed-${provider.shape}`}
      data-embed-src={frameSrc}
      data-embed-provider={provider.name}
      data-embed-noun={provider.noun}
      data-embed-title={title ?? `${provider.name} ${provider.noun}`}
    >
      <div class="embed-consent">
        <p class="embed-notice">
          This {provider.noun} is on {provider.name}. Loading it here lets {provider.name} know you visited
          and may set cookies.
        </p>
        <p>
          <a class="embed-link" href={url} rel="noopener nofollow">
            {title ?? `View the ${provider.noun} on ${provider.name}`}
          </a>
        </p>
      </div>
      <figcaption>
        {title ? `${title} · ` : ''}
        {`${provider.noun.charAt(0).toUpperCase()}${provider.noun.slice(1)} from ${provider.name}`}
      </figcaption>
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
    case 'embed':
      return <Embed url={block.attrs.url} title={block.attrs.title} />;
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

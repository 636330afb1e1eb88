// Ghost's cards (the same payloads in Lexical, where the fields sit on the node, and in Mobiledoc) as the
// article's blocks. Their HTML fields (captions, callout text) go through the HTML conversion; Markdown is
// rendered by markdown-it first. A card Broadsheet has no block for keeps its words and is named.
import MarkdownIt from 'markdown-it';
import { type BodyOutput, shown } from './body-output.js';
import { escapeHtml } from './html-media.js';
import { convertHtmlInto, parseHtml, textOf } from './html-walker.js';
import { InlineBuilder, isBlank } from './inline-builder.js';

export type CardPayload = Record<string, unknown>;

const markdown = new MarkdownIt({ html: true, linkify: true });

function str(payload: CardPayload, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

/** An HTML field's words on one line (captions are plain text in the document). */
function plain(html: string): string {
  return html ? textOf(parseHtml(html)) : '';
}

function html(fragment: string, out: BodyOutput) {
  if (!isBlank(fragment)) convertHtmlInto(fragment, out);
}

function linkParagraph(words: string, address: string, out: BodyOutput) {
  const href = out.link(address);
  const builder = new InlineBuilder();
  builder.text(words || address, href ? { link: href } : {});
  out.paragraph(builder.take());
}

function fileCard(kind: string, payload: CardPayload, out: BodyOutput) {
  const src = str(payload, 'src');
  const title = str(payload, 'title') || str(payload, 'fileTitle') || str(payload, 'fileName');
  out.warn(`A Ghost ${kind} card (${shown(src || 'without a file')}) was kept as a link to its file`);
  if (src) linkParagraph(`[${kind}: ${title || src}]`, src, out);
  else out.textParagraph(title);
  html(str(payload, 'caption') || str(payload, 'fileCaption'), out);
}

const TEXT_FIELD = /html|text|caption|title|description|content|header/i;

export function ghostCard(name: string, payload: CardPayload, out: BodyOutput) {
  switch (name) {
    case 'image':
      return out.image({
        url: str(payload, 'src'),
        alt: str(payload, 'alt'),
        caption: plain(str(payload, 'caption')),
      });
    case 'gallery': {
      const images = Array.isArray(payload.images) ? (payload.images as CardPayload[]) : [];
      for (const image of images) {
        out.image({ url: str(image, 'src'), alt: str(image, 'alt'), caption: plain(str(image, 'caption')) });
      }
      return html(str(payload, 'caption'), out);
    }
    case 'embed': {
      const url = str(payload, 'url');
      if (url) return out.embed(url, plain(str(payload, 'caption')) || undefined);
      return html(str(payload, 'html'), out);
    }
    case 'bookmark': {
      const url = str(payload, 'url');
      const metadata = (payload.metadata ?? {}) as CardPayload;
      if (url) out.embed(url, str(metadata, 'title') || undefined);
      out.textParagraph(str(metadata, 'description'));
      return html(str(payload, 'caption'), out);
    }
    case 'html':
      return html(str(payload, 'html'), out);
    case 'markdown':
    case 'card-markdown':
      return html(markdown.render(str(payload, 'markdown')), out);
    case 'hr':
    case 'horizontalrule':
      return out.block({ type: 'horizontalRule' });
    case 'code':
    case 'codeblock': {
      const builder = new InlineBuilder();
      builder.text(str(payload, 'code'), {}, true);
      out.paragraph(builder.take());
      return html(str(payload, 'caption'), out);
    }
    case 'callout': {
      // The emoji leads the callout's first paragraph, as Ghost shows it.
      const emoji = str(payload, 'calloutEmoji') ? `${escapeHtml(str(payload, 'calloutEmoji'))} ` : '';
      const text = str(payload, 'calloutText');
      const opening = /^\s*<p(\s[^>]*)?>/i.exec(text);
      return html(
        opening ? `${opening[0]}${emoji}${text.slice(opening[0].length)}` : `<p>${emoji}${text}</p>`,
        out,
      );
    }
    case 'button':
      return linkParagraph(str(payload, 'buttonText'), str(payload, 'buttonUrl'), out);
    case 'toggle':
      return html(`<p><strong>${str(payload, 'heading')}</strong></p>${str(payload, 'content')}`, out);
    case 'header':
      html(`<h2>${str(payload, 'header')}</h2><p>${str(payload, 'subheader')}</p>`, out);
      if (str(payload, 'buttonUrl'))
        linkParagraph(str(payload, 'buttonText'), str(payload, 'buttonUrl'), out);
      return;
    case 'product':
      html(`<h3>${str(payload, 'productTitle')}</h3>${str(payload, 'productDescription')}`, out);
      if (str(payload, 'productUrl'))
        linkParagraph(str(payload, 'productButton'), str(payload, 'productUrl'), out);
      return;
    case 'video':
    case 'audio':
    case 'file':
      return fileCard(name, payload, out);
    case 'paywall':
      // Ghost's "members only from here" marker: Broadsheet's articles are open to every reader.
      return;
    default:
      return unknownCard(name, payload, out);
  }
}

function unknownCard(name: string, payload: CardPayload, out: BodyOutput) {
  const texts = Object.entries(payload).filter(
    ([key, value]) => TEXT_FIELD.test(key) && typeof value === 'string' && !isBlank(value),
  );
  out.warn(
    texts.length > 0
      ? `A Ghost "${shown(name, 40)}" card is not one Broadsheet has; its text was kept`
      : `A Ghost "${shown(name, 40)}" card is not one Broadsheet has and held no text; left out`,
  );
  for (const [, value] of texts) html(`<p>${value as string}</p>`, out);
}

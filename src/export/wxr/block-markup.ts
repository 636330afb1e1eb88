// A body document as the block markup WordPress's editor saves: each block its HTML between
// `<!-- wp:name {attrs} -->` comments, so that WordPress opens the story as blocks, not one classic lump.
import type { Block, BodyDocument, Inline, ListItem } from '../../articles/render/document.js';
import { xmlText as html } from './xml.js';

/** What an image block needs of the media library. */
export interface WxrImage {
  url: string;
  alt: string;
  caption: string;
}

// Block comment attributes are JSON with the characters that could end a comment or open a tag escaped,
// as WordPress's serializer writes them.
function attrs(value: Record<string, unknown>): string {
  if (Object.keys(value).length === 0) return '';
  const json = JSON.stringify(value)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\\"/g, '\\u0022');
  return ` ${json}`;
}

function block(name: string, inner: string, attributes: Record<string, unknown> = {}): string {
  return `<!-- wp:${name}${attrs(attributes)} -->\n${inner}\n<!-- /wp:${name} -->`;
}

function inline(content: readonly Inline[] | undefined): string {
  return (content ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '<br>';
      let out = html(node.text);
      for (const mark of node.marks ?? []) {
        if (mark.type === 'bold') out = `<strong>${out}</strong>`;
        else if (mark.type === 'italic') out = `<em>${out}</em>`;
        else out = `<a href="${html(mark.attrs.href)}">${out}</a>`;
      }
      return out;
    })
    .join('');
}

function listItem(item: ListItem): string {
  const inner = item.content
    .map((child) =>
      child.type === 'paragraph' ? inline(child.content) : list(child.type === 'orderedList', child.content),
    )
    .join('');
  return block('list-item', `<li>${inner}</li>`);
}

function list(ordered: boolean, items: readonly ListItem[]): string {
  const tag = ordered ? 'ol' : 'ul';
  return block(
    'list',
    `<${tag} class="wp-block-list">${items.map(listItem).join('')}</${tag}>`,
    ordered ? { ordered: true } : {},
  );
}

function paragraph(content: readonly Inline[] | undefined): string {
  return block('paragraph', `<p>${inline(content)}</p>`);
}

function blockMarkup(b: Block, images: ReadonlyMap<number, WxrImage>): string {
  switch (b.type) {
    case 'paragraph':
      return paragraph(b.content);
    case 'heading': {
      const level = b.attrs.level;
      return block(
        'heading',
        `<h${level} class="wp-block-heading">${inline(b.content)}</h${level}>`,
        level === 2 ? {} : { level },
      );
    }
    case 'blockquote': {
      const cite = b.attrs?.citation ? `<cite>${html(b.attrs.citation)}</cite>` : '';
      return block(
        'quote',
        `<blockquote class="wp-block-quote">${b.content.map((p) => paragraph(p.content)).join('')}${cite}</blockquote>`,
      );
    }
    case 'pullQuote': {
      const cite = b.attrs.attribution ? `<cite>${html(b.attrs.attribution)}</cite>` : '';
      return block(
        'pullquote',
        `<figure class="wp-block-pullquote"><blockquote><p>${html(b.attrs.text)}</p>${cite}</blockquote></figure>`,
      );
    }
    case 'image': {
      const id = b.attrs.mediaId;
      const image = images.get(id);
      if (!image) return '';
      const caption = b.attrs.caption ?? image.caption;
      const figcaption = caption
        ? `<figcaption class="wp-element-caption">${html(caption)}</figcaption>`
        : '';
      return block(
        'image',
        `<figure class="wp-block-image size-full"><img src="${html(image.url)}" alt="${html(image.alt)}" class="wp-image-${id}"/>${figcaption}</figure>`,
        { id, sizeSlug: 'full', linkDestination: 'none' },
      );
    }
    case 'embed':
      return block(
        'embed',
        `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${html(b.attrs.url)}\n</div></figure>`,
        { url: b.attrs.url },
      );
    case 'horizontalRule':
      return block('separator', '<hr class="wp-block-separator has-alpha-channel-opacity"/>');
    case 'bulletList':
    case 'orderedList':
      return list(b.type === 'orderedList', b.content);
  }
}

/** The body as post_content. Images are named by their attachment's id, which is the media id. */
export function blockMarkupOf(doc: BodyDocument, images: ReadonlyMap<number, WxrImage>): string {
  return doc.content
    .map((b) => blockMarkup(b, images))
    .filter((s) => s !== '')
    .join('\n\n');
}

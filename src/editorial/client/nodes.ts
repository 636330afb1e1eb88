// The editor's document schema, held to the body document the server accepts (articles/render/document.ts):
// pull quotes, library images and embeds as atoms, quotations of paragraphs only, no headings inside lists.

import { Node } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { ListItem } from '@tiptap/extension-list';
import { embedHost, resolveEmbed } from '../../articles/render/embeds.js';
import { mediaInfo } from './media-info.js';

export const QuoteOfParagraphs = Blockquote.extend({
  content: 'paragraph+',
  addAttributes() {
    return {
      // Kept from documents that have one; the reader page shows it under the quotation.
      citation: {
        default: null,
        parseHTML: (el: HTMLElement) => el.dataset.citation || null,
        renderHTML: (attrs: Record<string, unknown>) =>
          attrs.citation ? { 'data-citation': attrs.citation } : {},
      },
    };
  },
});
export const SimpleListItem = ListItem.extend({
  content: 'paragraph (paragraph | bulletList | orderedList)*',
});

const plainAttribute = (fallback: unknown) => ({
  default: fallback,
  renderHTML: () => ({}),
  parseHTML: () => fallback,
});

export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      text: { ...plainAttribute(''), parseHTML: (el: HTMLElement) => el.dataset.text ?? '' },
      attribution: {
        ...plainAttribute(null),
        parseHTML: (el: HTMLElement) => el.dataset.attribution ?? null,
      },
    };
  },
  parseHTML() {
    return [{ tag: 'aside[data-pull-quote]' }];
  },
  renderHTML({ node }) {
    const { text, attribution } = node.attrs as { text: string; attribution: string | null };
    return [
      'aside',
      {
        'data-pull-quote': '',
        'data-text': text,
        'data-attribution': attribution ?? '',
        class: 'editor-pull-quote',
      },
      ['p', {}, text || 'Pull quote'],
      ['p', { class: 'editor-attribution' }, attribution ? `— ${attribution}` : ''],
    ];
  },
});

export const LibraryImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      mediaId: {
        ...plainAttribute(null),
        parseHTML: (el: HTMLElement) => Number(el.dataset.mediaId) || null,
      },
      caption: { ...plainAttribute(null), parseHTML: (el: HTMLElement) => el.dataset.caption || null },
    };
  },
  parseHTML() {
    // Only our own figures: a picture pasted from elsewhere is not in the library and has no credit.
    return [{ tag: 'figure[data-media-id]' }];
  },
  renderHTML({ node }) {
    const { mediaId, caption } = node.attrs as { mediaId: number; caption: string | null };
    const info = mediaInfo.get(mediaId);
    const words = caption || info?.caption || '';
    const credit = info?.credit ? `Image by ${info.credit}` : '';
    return [
      'figure',
      { 'data-media-id': String(mediaId), 'data-caption': caption ?? '', class: 'editor-figure' },
      info?.thumbUrl ? ['img', { src: info.thumbUrl, alt: info.altText }] : ['p', {}, `Image #${mediaId}`],
      ['figcaption', {}, [words, credit].filter(Boolean).join(' | ') || 'No caption'],
      ...(info && !info.altText
        ? [['p', { class: 'editor-warning' }, 'This image has no alt text yet.']]
        : []),
      ...(info?.licence ? [['p', { class: 'editor-warning' }, info.licence]] : []),
    ];
  },
});

export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      url: { ...plainAttribute(''), parseHTML: (el: HTMLElement) => el.dataset.embedUrl ?? '' },
      title: { ...plainAttribute(null), parseHTML: (el: HTMLElement) => el.dataset.title || null },
    };
  },
  parseHTML() {
    return [{ tag: 'figure[data-embed-url]' }];
  },
  renderHTML({ node }) {
    const { url, title } = node.attrs as { url: string; title: string | null };
    // Shown as typed when it is not an address; the server refuses it with a message on save.
    const known = resolveEmbed(url);
    const what = known
      ? `${known.provider.name} ${known.provider.noun}: readers load it with a click`
      : `Link to ${embedHost(url)}: this site cannot be shown in the page`;
    return [
      'figure',
      { 'data-embed-url': url, 'data-title': title ?? '', class: 'editor-embed' },
      ['p', {}, `Embed${title ? `: ${title}` : ''}`],
      ['p', { class: 'editor-embed-url' }, url],
      ['p', { class: 'hint' }, what],
    ];
  },
});

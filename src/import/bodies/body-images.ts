// Every image a body names, by address (and WordPress attachment id where the markup gives one), so that the
// import can bring them into the media library before the body is converted and points at them.
import { type ChildNode, isTag } from 'domhandler';
import type { BodyImageReference, SourceBody } from '../source-model.js';
import { attachmentId, imageAddress } from './html-media.js';
import { parseHtml } from './html-walker.js';

export function bodyImageReferences(body: SourceBody): BodyImageReference[] {
  const found = new Map<string, BodyImageReference>();
  const add = (url: string | undefined, sourceId?: string) => {
    const address = url?.trim();
    if (!address || /^data:/i.test(address)) return;
    const key = `${sourceId ?? ''} ${address}`;
    if (!found.has(key)) found.set(key, sourceId ? { sourceId, url: address } : { url: address });
  };
  // Most bodies name no image at all: those are not parsed (pass 1 reads every body of the file).
  const fromHtml = (html: string) => {
    if (/<img\b/i.test(html)) htmlImages(parseHtml(html), add);
  };
  if (body.format === 'wordpress' || body.format === 'html') fromHtml(body.content);
  else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.content);
    } catch {
      return []; // the converter reports the unreadable body
    }
    jsonImages(parsed, add, fromHtml);
  }
  return [...found.values()];
}

function htmlImages(nodes: ChildNode[], add: (url: string | undefined, sourceId?: string) => void): void {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (node.name === 'img') add(imageAddress(node), attachmentId(node));
    htmlImages(node.children, add);
  }
}

const IMAGE_CARDS = new Set(['image', 'gallery']);
const HTML_FIELDS = new Set(['html', 'caption', 'calloutText', 'content', 'productDescription', 'subheader']);

/**
 * Ghost's images, wherever they sit: Lexical's image nodes and gallery items, Mobiledoc's image cards and
 * image sections (`[2, src]`), and <img> in HTML fields of either.
 */
function jsonImages(
  value: unknown,
  add: (url: string | undefined) => void,
  fromHtml: (html: string) => void,
  imagesHere = false,
): void {
  if (Array.isArray(value)) {
    if (value[0] === 2 && typeof value[1] === 'string' && value.length === 2) add(value[1]);
    // A Mobiledoc card, [name, payload]: only an image or gallery card's `src` is an image (a video's is not).
    const card = typeof value[0] === 'string' && value.length === 2 && typeof value[1] === 'object';
    const inner = card ? IMAGE_CARDS.has(value[0] as string) : imagesHere;
    for (const item of value) jsonImages(item, add, fromHtml, inner);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  // A Lexical node says what it is; a gallery's items (and a Mobiledoc card's payload) take their card's word.
  const here = typeof node.type === 'string' ? IMAGE_CARDS.has(node.type) : imagesHere;
  if (here && typeof node.src === 'string') add(node.src);
  for (const [key, field] of Object.entries(node)) {
    if (typeof field === 'string' && HTML_FIELDS.has(key) && field.includes('<img')) fromHtml(field);
    else if (key === 'markdown' && typeof field === 'string') {
      for (const match of field.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) add(match[1]);
    } else if (typeof field === 'object') jsonImages(field, add, fromHtml, here);
  }
}

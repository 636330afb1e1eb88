// What an <img>, <iframe>, <video> or <audio> of another site's HTML names: the image's address and its
// attachment id, the page an embedded player shows. Pure reading of attributes; body-output.ts decides
// what becomes of them.
import { type Element, isTag } from 'domhandler';
import { resolveEmbed } from '../../articles/render/embeds.js';

export function classesOf(el: Element): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

export function hasClass(el: Element, name: string): boolean {
  return classesOf(el).includes(name);
}

/** WordPress names an image's attachment in its class (`wp-image-12`) or, in galleries, `data-id`. */
export function attachmentId(el: Element): string | undefined {
  for (const name of classesOf(el)) {
    const match = /^wp-image-(\d+)$/.exec(name);
    if (match) return match[1];
  }
  for (const attr of ['data-id', 'data-attachment-id']) {
    const value = el.attribs[attr]?.trim();
    if (value && /^\d+$/.test(value)) return value;
  }
  return undefined;
}

/** The image's address; lazy-loading plugins leave a placeholder in `src` and the real one beside it. */
export function imageAddress(el: Element): string | undefined {
  const candidates = [
    el.attribs.src,
    el.attribs['data-src'],
    el.attribs['data-lazy-src'],
    el.attribs['data-orig-file'],
  ];
  for (const candidate of candidates) {
    const value = candidate?.trim();
    if (value && !/^data:/i.test(value)) return value;
  }
  return undefined;
}

/**
 * The page a player frame shows, as the renderer knows it (articles/render/embeds.ts resolves page
 * addresses): YouTube's and Vimeo's player addresses resolve as they are, Spotify's `/embed/` path is the
 * page without it, SoundCloud's player names the page in its `url` parameter. Undefined when the frame is
 * not from a provider the renderer frames.
 */
export function embedPageAddress(src: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src.trim().replace(/^\/\//, 'https://'));
  } catch {
    return undefined;
  }
  if (url.protocol === 'http:') url.protocol = 'https:';
  const candidates = [url.href];
  if (url.hostname === 'open.spotify.com' && url.pathname.startsWith('/embed/')) {
    candidates.push(`https://open.spotify.com${url.pathname.slice('/embed'.length)}`);
  }
  const page = url.searchParams.get('url');
  if (url.hostname === 'w.soundcloud.com' && page) candidates.push(page.replace(/^http:/, 'https:'));
  const tweet = url.searchParams.get('id');
  if (url.hostname === 'platform.twitter.com' && tweet)
    candidates.push(`https://twitter.com/i/status/${tweet}`);
  return candidates.reverse().find((candidate) => resolveEmbed(candidate) !== null);
}

/** A <video> or <audio>'s file: its own `src` or its first <source>. */
export function mediaFileAddress(el: Element): string | undefined {
  if (el.attribs.src?.trim()) return el.attribs.src.trim();
  for (const child of el.children) {
    if (isTag(child) && child.name === 'source' && child.attribs.src?.trim()) return child.attribs.src.trim();
  }
  return undefined;
}

/** Text placed in HTML the conversion writes for itself (a shortcode's address, a card's emoji). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

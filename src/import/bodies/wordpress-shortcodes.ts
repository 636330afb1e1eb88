// WordPress shortcodes in a body's HTML, replaced (as WordPress does when it shows the post) by the HTML the
// rest of the conversion reads: [caption] → a figure with its caption, [embed] and the common embed
// shortcodes → WordPress's embed figure, [gallery ids] → its images, [video]/[audio] → the file as a link.
// Any other shortcode keeps its words (what it wraps, or its literal text) and is named in the warnings.
import {
  fromMatch,
  type Match,
  regexp,
  replace,
  type Shortcode,
  attrs as shortcodeAttrs,
  string as shortcodeString,
} from '@wordpress/shortcode';
import { resolveEmbed } from '../../articles/render/embeds.js';
import { type BodyOutput, shown } from './body-output.js';
import { escapeHtml } from './html-media.js';

const EMBED_SHORTCODES = [
  'youtube',
  'vimeo',
  'tweet',
  'twitter',
  'spotify',
  'soundcloud',
  'instagram',
  'tiktok',
];
// A shortcode's name as WordPress registers them: lower case. "[Editor's note]" is prose, not a shortcode.
const ANY_TAG = '[a-z][a-z0-9_-]*';

function embedFigure(url: string): string {
  return `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">${escapeHtml(url)}</div></figure>`;
}

function firstUrl(text: string): string | undefined {
  return /https?:\/\/[^\s"'<>\]]+/.exec(text)?.[0];
}

// [caption id="attachment_12" align="alignnone" width="300"]<a href="…"><img …/></a> Caption text[/caption];
// before WordPress 3.4 the caption was its `caption` attribute.
const LEADING_IMAGE = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i;

function caption(sc: Shortcode): string {
  const content = sc.content ?? '';
  const id = /^attachment_(\d+)$/.exec(sc.attrs.named.id ?? '')?.[1];
  const idAttr = id ? ` id="attachment_${id}"` : '';
  // WordPress prints the attribute's caption as HTML; the conversion reads it as such (and cleans it).
  const captionAttr = sc.attrs.named.caption;
  const match = LEADING_IMAGE.exec(content);
  if (!match) {
    // No image to caption: the words stay, as the figure's text.
    return `<figure${idAttr}>${content}${captionAttr ? `<figcaption>${captionAttr}</figcaption>` : ''}</figure>`;
  }
  const words = captionAttr ?? match[2]!.replace(/^\s*(<br\s*\/?>\s*)+/i, '');
  return `<figure${idAttr} class="wp-caption">${match[1]}<figcaption>${words}</figcaption></figure>`;
}

function gallery(sc: Shortcode, out: BodyOutput): string {
  const ids = (sc.attrs.named.ids ?? sc.attrs.named.include ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) {
    out.warn('A [gallery] without ids (it showed every image attached to the post) was left out');
    return '';
  }
  return `<figure class="wp-block-gallery">${ids.map((id) => `<img data-id="${id}">`).join('')}</figure>`;
}

function mediaFile(sc: Shortcode, tag: 'video' | 'audio'): string {
  const named = sc.attrs.named;
  const src =
    named.src ??
    named.mp4 ??
    named.m4v ??
    named.webm ??
    named.ogv ??
    named.mp3 ??
    named.ogg ??
    named.m4a ??
    named.wav;
  const fallback = sc.content ? `<p>${sc.content}</p>` : '';
  return src ? `<${tag} src="${escapeHtml(src)}"></${tag}>${fallback}` : fallback;
}

/** The body's HTML with its shortcodes expanded; warnings go to `out`. */
export function expandShortcodes(html: string, out: BodyOutput): string {
  if (!html.includes('[')) return html;
  let result = replace('caption|wp_caption', html, caption);
  result = replace('embed', result, (sc) => {
    const url = firstUrl(sc.content ?? '') ?? firstUrl(shortcodeString(sc));
    return url ? embedFigure(url) : (sc.content ?? '');
  });
  result = replace(EMBED_SHORTCODES.join('|'), result, (sc) => {
    const url = firstUrl(shortcodeString(sc));
    if (url) return embedFigure(url);
    out.warn(`A [${sc.tag}] shortcode without an address was kept as its text`);
    return escapeHtml(shortcodeString(sc));
  });
  result = replace('gallery', result, (sc) => gallery(sc, out));
  result = replace('video|audio', result, (sc) => mediaFile(sc, sc.tag as 'video' | 'audio'));
  result = result.replace(regexp(ANY_TAG), (...args: string[]) => {
    const [literal, left, , , , , , right] = args as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (left === '[' && right === ']') return literal; // [[name]] is how WordPress writes a shortcode's name as text
    const sc = fromMatch(args as unknown as Match);
    const name = shown(sc.tag, 40);
    if (sc.type === 'closed') {
      out.warn(`The shortcode [${name}] is not one Broadsheet knows; the words it wrapped were kept`);
      return (left ?? '') + (sc.content ?? '') + (right ?? '');
    }
    const hasSettings =
      Object.keys(sc.attrs.named).length > 0 || sc.attrs.numeric.some((a) => /[=/]/.test(a));
    // Square brackets with a word in them are often prose ("[sic]"): only a shortcode's settings say otherwise.
    if (hasSettings) out.warn(`The shortcode [${name}] is not one Broadsheet knows; kept as its text`);
    return literal;
  });
  // The library keeps each attribute string it parsed, for ever; an import parses millions.
  (shortcodeAttrs as unknown as { clear?: () => void }).clear?.();
  return result;
}

/**
 * WordPress embeds an address that stands alone on a line of a classic post; so does the conversion, for
 * the providers the renderer frames (another address stays the text it is).
 */
export function autoEmbedLines(html: string): string {
  return html.replace(/^([ \t]*)(https?:\/\/[^\s<>"]+)([ \t]*)$/gim, (line, _lead, url: string) => {
    const secure = url.replace(/^http:/i, 'https:');
    return resolveEmbed(secure) ? embedFigure(secure) : line;
  });
}

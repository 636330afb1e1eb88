// A WordPress post's content as the article document. Block-editor content is read block by block with
// WordPress's own parser (@wordpress/block-serialization-default-parser); classic content gets WordPress's
// automatic paragraphs (@wordpress/autop) first. Either way shortcodes are expanded the way WordPress
// shows them (wordpress-shortcodes.ts) and the resulting HTML goes through the HTML conversion.
import { autop } from '@wordpress/autop';
import { parse } from '@wordpress/block-serialization-default-parser';
import type { BodyContext, ConvertedBody } from '../source-model.js';
import { BodyOutput, shown } from './body-output.js';
import { convertHtmlInto, parseHtml, textOf } from './html-walker.js';
import { isBlank } from './inline-builder.js';
import { autoEmbedLines, expandShortcodes } from './wordpress-shortcodes.js';

type ParsedBlock = ReturnType<typeof parse>[number];

/** Blocks read from their saved HTML, inner blocks included, as one piece: their structure spans them. */
const WHOLE = new Set(
  'paragraph heading list list-item quote pullquote image gallery separator html preformatted code verse table button file audio video details cover media-text missing footnotes'.split(
    ' ',
  ),
);
/** Blocks that only arrange others: their inner blocks are converted in turn, as if they stood alone. */
const LAYOUT = new Set('columns column group row stack buttons'.split(' '));
/** Blocks with nothing to read: spacing, the "read more" and page-break markers. */
const SILENT = new Set('spacer more nextpage'.split(' '));

export function wordpressBody(content: string, ctx: BodyContext): ConvertedBody {
  const out = new BodyOutput(ctx);
  if (/<!--\s*wp:/.test(content)) {
    for (const block of parse(content)) convertBlock(block, out);
  } else {
    convertClassic(content, out);
  }
  return out.finish();
}

/** Classic content (or the freeform HTML between blocks): paragraphs from blank lines, lone addresses embedded. */
function convertClassic(html: string, out: BodyOutput) {
  if (isBlank(html)) return;
  convertHtmlInto(expandShortcodes(autop(autoEmbedLines(html)), out), out);
}

/** A block's saved HTML with its inner blocks' HTML in their places. */
function blockHtml(block: ParsedBlock): string {
  let inner = 0;
  return block.innerContent
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      const child = block.innerBlocks[inner++];
      return child ? blockHtml(child) : '';
    })
    .join('');
}

function convertBlock(block: ParsedBlock, out: BodyOutput) {
  const name = block.blockName;
  if (name === null) return convertClassic(block.innerHTML, out);
  const short = name.startsWith('core/') ? name.slice('core/'.length) : name;
  if (SILENT.has(short)) return;
  if (short === 'embed' || name.startsWith('core-embed/')) return convertEmbed(block, out);
  if (short === 'freeform') return convertClassic(blockHtml(block), out);
  if (short === 'shortcode') return convertClassic(blockHtml(block), out);
  if (short === 'block') {
    out.warn(
      `A reusable block (#${shown(String(block.attrs?.ref ?? '?'), 20)}) is kept in WordPress, not in the post; it was left out`,
    );
    return;
  }
  if (short === 'image') return convertHtml(withAttachmentId(blockHtml(block), block.attrs?.id), out);
  if (WHOLE.has(short)) return convertHtml(blockHtml(block), out);
  if (LAYOUT.has(short)) return convertLayout(block, out);
  const html = blockHtml(block);
  if (!hasContent(html)) {
    // A dynamic block (latest posts, a form) is drawn by WordPress each time the page is shown.
    out.warn(
      `The block "${shown(name, 60)}" saved nothing to read (WordPress drew it when the page was shown); left out`,
    );
    if (block.innerBlocks.length > 0) convertLayout(block, out);
    return;
  }
  out.warn(`The block "${shown(name, 60)}" is not one Broadsheet has; kept as its text`);
  if (block.innerBlocks.length > 0) convertLayout(block, out);
  else convertHtml(html, out);
}

/** Whether HTML shows anything: words or media. Most layout wrappers are a bare tag, told apart without parsing. */
function hasContent(html: string): boolean {
  if (/<(img|iframe|video|audio)\b/i.test(html)) return true;
  if (isBlank(html.replace(/<[^>]*>/g, ''))) return false;
  return !isBlank(textOf(parseHtml(html)));
}

function convertHtml(html: string, out: BodyOutput) {
  convertHtmlInto(expandShortcodes(html, out), out);
}

/** Each piece of the wrapper's own HTML on its own, each inner block as a block: columns become a sequence. */
function convertLayout(block: ParsedBlock, out: BodyOutput) {
  let inner = 0;
  for (const piece of block.innerContent) {
    if (typeof piece === 'string') {
      if (hasContent(piece)) convertHtml(piece, out);
    } else {
      const child = block.innerBlocks[inner++];
      if (child) convertBlock(child, out);
    }
  }
}

/** The image block names its attachment in its settings; older saves did not always repeat it in a class. */
function withAttachmentId(html: string, id: unknown): string {
  if ((typeof id !== 'number' && typeof id !== 'string') || !/^\d+$/.test(String(id))) return html;
  if (/wp-image-\d+|data-id=/.test(html)) return html;
  return html.replace(/<img\s/i, `<img data-id="${String(id)}" `);
}

function convertEmbed(block: ParsedBlock, out: BodyOutput) {
  const nodes = parseHtml(blockHtml(block));
  const url =
    typeof block.attrs?.url === 'string' && block.attrs.url.trim() ? block.attrs.url.trim() : undefined;
  const saved = url ?? /https?:\/\/\S+/.exec(textOf(nodes))?.[0];
  if (!saved) {
    out.warn(`An embed block without an address was kept as its text`);
    convertHtml(blockHtml(block), out);
    return;
  }
  const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/i.exec(blockHtml(block))?.[1];
  out.embed(saved, caption ? textOf(parseHtml(caption)) || undefined : undefined);
}

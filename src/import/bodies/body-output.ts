// The document a converter builds, block by block, with what could not come across as it was. Images go
// through the import's media (or stay as a link to where they were), links through its address map and the
// house rule for links, and the finished document is checked against the body schema here, once, for every
// converter: what leaves is a document the editor and the renderer take.
import {
  type Block,
  blockText,
  bodyDocumentSchema,
  type Inline,
  MAX_DOCUMENT_DEPTH,
  parseBodyDocument,
} from '../../articles/render/document.js';
import { resolveEmbed } from '../../articles/render/embeds.js';
import { safeLink } from '../../views/safe-link.js';
import type { BodyContext, ConvertedBody } from '../source-model.js';
import { isBlank, plainInlines } from './inline-builder.js';

const CAPTION_MAX = 1000;

// The schema's own rule for one embed block, taken from the document schema so the two cannot differ;
// checking a single block this way costs a fraction of checking it inside a whole document.
const embedBlockSchema = (() => {
  const options = bodyDocumentSchema.shape.content.element.options as readonly unknown[];
  const found = options.find(
    (o) => (o as { shape?: { type?: { value?: unknown } } }).shape?.type?.value === 'embed',
  ) as { safeParse(input: unknown): { success: boolean } } | undefined;
  if (!found) throw new Error('The body schema has no embed block');
  return found;
})();
const TITLE_MAX = 300;

/** A source address shortened for a warning: enough to find it, never a wall of text. */
export function shown(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export interface ImageSource {
  sourceId?: string;
  url?: string;
  alt?: string;
  caption?: string;
}

export class BodyOutput {
  readonly blocks: Block[] = [];

  constructor(
    readonly ctx: BodyContext,
    private readonly warned = new Map<string, number>(),
  ) {}

  /** An output for a part (a list item, a quote) whose blocks the caller places; warnings are shared. */
  fork(): BodyOutput {
    return new BodyOutput(this.ctx, this.warned);
  }

  warn(message: string): void {
    this.warned.set(message, (this.warned.get(message) ?? 0) + 1);
  }

  block(block: Block): void {
    this.blocks.push(block);
  }

  paragraph(content: Inline[]): void {
    if (content.length > 0) this.blocks.push({ type: 'paragraph', content });
  }

  /** Plain text as its own paragraph, if there is any. */
  textParagraph(text: string): void {
    this.paragraph(plainInlines(text));
  }

  heading(level: number, content: Inline[]): void {
    if (content.length === 0) return;
    // The page's title is its only h1 and the editor offers h2 to h4: deeper levels read as h4.
    const clamped = Math.min(4, Math.max(2, Math.round(level) || 2)) as 2 | 3 | 4;
    this.blocks.push({ type: 'heading', attrs: { level: clamped }, content });
  }

  /**
   * The href a link to `raw` keeps: the new address when the import moved what it points at, else the
   * address itself if it is one the house takes (web, mail, phone, a path). Otherwise none, and a warning:
   * the words stay, the link goes.
   */
  link(raw: string): string | undefined {
    const trimmed = raw.trim();
    if (!trimmed) return undefined;
    const target = this.ctx.link(trimmed) ?? trimmed;
    const safe = safeLink(target);
    if (safe && safe.href.length <= 2000) return safe.href;
    this.warn(
      `A link to "${shown(trimmed)}" was removed (not a web, mail or phone address); its words are kept`,
    );
    return undefined;
  }

  /** An image from the import's media, or where it cannot be, a link to where it was, and a warning. */
  image(source: ImageSource): void {
    const ref: { sourceId?: string; url?: string } = {};
    if (source.sourceId) ref.sourceId = source.sourceId;
    if (source.url) ref.url = source.url;
    const mediaId = ref.sourceId || ref.url ? this.ctx.image(ref) : undefined;
    const caption = source.caption?.replace(/\s+/g, ' ').trim() ?? '';
    if (mediaId !== undefined && Number.isSafeInteger(mediaId) && mediaId > 0) {
      const fits = caption.length <= CAPTION_MAX;
      this.blocks.push({ type: 'image', attrs: fits && caption ? { mediaId, caption } : { mediaId } });
      if (!fits) this.textParagraph(caption);
      return;
    }
    const named = source.url ?? `attachment ${source.sourceId ?? ''}`.trim();
    this.warn(`An image (${shown(named || 'without an address')}) was not imported; kept as a link to it`);
    const words = source.alt?.trim() || (caption ? '' : 'Image');
    const href = source.url ? this.link(source.url) : undefined;
    if (words) this.paragraph(plainInlines(`[${words}]`, href ? { link: href } : {}));
    else if (href) this.paragraph(plainInlines(`[Image]`, { link: href }));
    this.textParagraph(caption);
  }

  /**
   * An embedded video or post by its page address. Embeds must be https; a known provider's http address is
   * the same page over https. Anything else stays a link paragraph, with a warning.
   */
  embed(rawUrl: string, title?: string): void {
    const raw = rawUrl.trim();
    const moved = this.ctx.link(raw);
    const address = moved ?? raw;
    const secure = address.replace(/^http:\/\//i, 'https://');
    const url = secure !== address && !resolveEmbed(secure) ? address : secure;
    const name = title?.replace(/\s+/g, ' ').trim() ?? '';
    const attrs = name && name.length <= TITLE_MAX ? { url, title: name } : { url };
    const candidate: Block = { type: 'embed', attrs };
    if (!moved && embedBlockSchema.safeParse(candidate).success) {
      this.blocks.push(candidate);
      if (name.length > TITLE_MAX) this.textParagraph(name);
      return;
    }
    if (!moved) this.warn(`An embed of "${shown(raw)}" is not an https address; kept as a link`);
    const href = this.link(address);
    this.paragraph(plainInlines(name || address, href ? { link: href } : {}));
    if (name && href) this.paragraph(plainInlines(address, { link: href }));
  }

  /** The checked document and the warnings; a block the schema refuses is kept as its plain text. */
  finish(): ConvertedBody {
    const content = this.blocks.filter((b) => !(b.type === 'paragraph' && (b.content?.length ?? 0) === 0));
    let document = { type: 'doc' as const, content };
    try {
      document = parseBodyDocument(document, MAX_DOCUMENT_DEPTH);
    } catch {
      document = { type: 'doc', content: content.flatMap((b) => this.checked(b)) };
    }
    const warnings = [...this.warned].map(([message, n]) => (n > 1 ? `${message} (${n} times)` : message));
    return { document, warnings };
  }

  private checked(block: Block): Block[] {
    try {
      return parseBodyDocument({ type: 'doc', content: [block] }, MAX_DOCUMENT_DEPTH).content;
    } catch {
      this.warn(`A ${block.type} could not be carried over as it was; kept as its text`);
      return blockText(block)
        .split(/\n+/)
        .filter((line) => !isBlank(line))
        .map((line) => ({ type: 'paragraph' as const, content: plainInlines(line) }));
    }
  }
}

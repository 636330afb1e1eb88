// The article body as a structured document (the Tiptap/ProseMirror JSON shape), validated at every
// boundary where one comes in. The same document renders the page, the feeds and the content API.
import { z } from 'zod';
import { safeLink } from '../../views/safe-link.js';

// Kept in the form the browser's parser gives it (views/safe-link.ts), so that what is stored is where the
// link goes.
const safeHref = z
  .string()
  .max(2000)
  .transform((href, ctx) => {
    const link = safeLink(href);
    if (link) return link.href;
    ctx.addIssue({ code: 'custom', message: 'links must be http(s), mailto, tel or paths on this site' });
    return z.NEVER;
  });

const mark = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('link'), attrs: z.object({ href: safeHref }) }),
]);

const text = z.object({ type: z.literal('text'), text: z.string().min(1), marks: z.array(mark).optional() });
const hardBreak = z.object({ type: z.literal('hardBreak') });
const inline = z.union([text, hardBreak]);

const paragraph = z.object({ type: z.literal('paragraph'), content: z.array(inline).optional() });
const heading = z.object({
  type: z.literal('heading'),
  attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: z.array(inline).optional(),
});
const blockquote = z.object({
  type: z.literal('blockquote'),
  attrs: z.object({ citation: z.string().max(300).optional() }).optional(),
  content: z.array(paragraph),
});
const pullQuote = z.object({
  type: z.literal('pullQuote'),
  attrs: z.object({ text: z.string().min(1).max(1000), attribution: z.string().max(300).optional() }),
});
const image = z.object({
  type: z.literal('image'),
  attrs: z.object({
    mediaId: z.number().int().positive(),
    // Override the library's caption for this use; the credit always comes from the library.
    caption: z.string().max(1000).optional(),
  }),
});
const embed = z.object({
  type: z.literal('embed'),
  attrs: z.object({
    url: z
      .string()
      .url()
      .refine((u) => u.startsWith('https://'), 'embeds must be https'),
    title: z.string().max(300).optional(),
  }),
});
const horizontalRule = z.object({ type: z.literal('horizontalRule') });

type ListItem = { type: 'listItem'; content: Array<z.infer<typeof paragraph> | List> };
type List = { type: 'bulletList' | 'orderedList'; content: ListItem[] };
const listItem: z.ZodType<ListItem> = z.lazy(() =>
  z.object({ type: z.literal('listItem'), content: z.array(z.union([paragraph, list])) }),
);
const list: z.ZodType<List> = z.lazy(() =>
  z.object({
    type: z.union([z.literal('bulletList'), z.literal('orderedList')]),
    content: z.array(listItem),
  }),
);

const block = z.union([paragraph, heading, blockquote, pullQuote, image, embed, horizontalRule, list]);

export const bodyDocumentSchema = z.object({ type: z.literal('doc'), content: z.array(block) });

export type BodyDocument = z.infer<typeof bodyDocumentSchema>;
export type Block = z.infer<typeof block>;
export type Inline = z.infer<typeof inline>;
export type Mark = z.infer<typeof mark>;
export type { List, ListItem };

/**
 * How deeply nodes may sit inside nodes, counting every node: the document's blocks are level 1, a list's
 * item level 2, the paragraph in it 3, its text 4; so lists may nest 15 deep. No article needs more, and the
 * schema above (like the renderer) recurses once per level: a body hundreds of levels deep would overflow the
 * stack instead of being refused.
 */
export const MAX_DOCUMENT_DEPTH = 32;

/**
 * Reading a stored body is more lenient than saving one, so that an article saved before the limit existed
 * still shows; 256 levels is still well short of where the schema's recursion overflows (some 900).
 */
export const MAX_STORED_DEPTH = 256;

function tooDeepMessage(limit: number): string {
  return (
    `The body is nested more than ${limit} levels deep (each list, list item, paragraph and text counts ` +
    `as a level); the limit is ${limit} levels. Move some nested list items out a level and save again.`
  );
}

export const TOO_DEEP_MESSAGE = tooDeepMessage(MAX_DOCUMENT_DEPTH);

/**
 * Whether any node of the (still unchecked) document lies deeper than `limit`. Iterative, with its own
 * stack, so it answers for any depth the JSON parser accepted; it follows `content` arrays (and arrays
 * nested in them), which is where the schema recurses.
 */
export function deeperThan(input: unknown, limit = MAX_DOCUMENT_DEPTH): boolean {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: input, depth: 0 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    const children = Array.isArray(node)
      ? node
      : node && typeof node === 'object'
        ? (node as { content?: unknown }).content
        : undefined;
    if (!Array.isArray(children) || children.length === 0) continue;
    if (depth + 1 > limit) return true;
    for (const child of children) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}

export class DocumentTooDeep extends Error {
  constructor(limit = MAX_DOCUMENT_DEPTH) {
    super(tooDeepMessage(limit));
    this.name = 'DocumentTooDeep';
  }
}

/** The checked document; DocumentTooDeep past `maxDepth`, a ZodError for any other problem. */
export function parseBodyDocument(input: unknown, maxDepth = MAX_DOCUMENT_DEPTH): BodyDocument {
  if (deeperThan(input, maxDepth)) throw new DocumentTooDeep(maxDepth);
  return bodyDocumentSchema.parse(input);
}

/**
 * A body as stored: written only once validated, and checked again on the way out. A link that an older rule
 * let in and the current one refuses is dropped, its words kept, rather than failing the whole article.
 */
export function readStoredBody(json: string): BodyDocument {
  return parseBodyDocument(withoutRefusedLinks(JSON.parse(json)), MAX_STORED_DEPTH);
}

function withoutRefusedLinks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRefusedLinks);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === 'marks' && Array.isArray(value)
        ? value.filter((mark: { type?: unknown; attrs?: { href?: unknown } } | null) => {
            if (mark?.type !== 'link') return true;
            const href = mark.attrs?.href;
            return typeof href === 'string' && safeLink(href) !== null;
          })
        : withoutRefusedLinks(value);
  }
  return out;
}

/** Plain text of a block, for descriptions, search and word counts. */
export function blockText(b: Block | ListItem): string {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
      return (b.content ?? []).map((i) => (i.type === 'text' ? i.text : '\n')).join('');
    case 'blockquote':
    case 'bulletList':
    case 'orderedList':
    case 'listItem':
      return (b.content as Array<Block | ListItem>).map(blockText).join('\n');
    case 'pullQuote':
      return b.attrs.text;
    default:
      return '';
  }
}

export function documentText(doc: BodyDocument): string {
  return doc.content.map(blockText).filter(Boolean).join('\n\n');
}

export function mediaIdsOf(doc: BodyDocument): number[] {
  return doc.content.flatMap((b) => (b.type === 'image' ? [b.attrs.mediaId] : []));
}

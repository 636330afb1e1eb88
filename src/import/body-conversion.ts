// The one place the import run meets the body converters (import/bodies/): turning a source body into a
// body document, listing the images it names, and reading a comment's or an excerpt's HTML as plain text.
import type { BodyDocument } from '../articles/render/document.js';
import type { BodyContext, BodyImageReference, ConvertedBody, SourceBody } from './source-model.js';

export interface BodyConversion {
  convert(body: SourceBody, ctx: BodyContext): ConvertedBody;
  imageReferences(body: SourceBody): BodyImageReference[];
  /** HTML as the comment form stores a comment: plain text, paragraphs kept. */
  commentText(html: string): string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Paragraphs of readable text from HTML: tags dropped, scripts and styles with their content. */
function paragraphsOf(html: string): string[] {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|h[1-6]|li|blockquote|figure)\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t\r\n]+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

function textDocument(content: string): BodyDocument {
  return {
    type: 'doc',
    content: paragraphsOf(content).map((text) => ({
      type: 'paragraph' as const,
      content: [{ type: 'text' as const, text }],
    })),
  };
}

/**
 * Until the block and shortcode converters are wired in, a body comes across as its readable text, one
 * paragraph per paragraph of the source, and says so in the report.
 */
export const bodyConversion: BodyConversion = {
  convert(body) {
    if (body.format !== 'wordpress' && body.format !== 'html') {
      return { document: { type: 'doc', content: [] }, warnings: [`${body.format} bodies are not read yet`] };
    }
    const document = textDocument(body.content);
    return {
      document,
      warnings: document.content.length > 0 ? ['the body was carried over as plain text'] : [],
    };
  },
  imageReferences: () => [],
  commentText: (html) => paragraphsOf(html).join('\n\n'),
};

/** An excerpt as a dek: one line of plain text. */
export function plainLine(conversion: BodyConversion, html: string): string {
  return conversion.commentText(html).replace(/\s+/g, ' ').trim();
}

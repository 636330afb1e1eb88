// What the editor saves: its JSON trimmed to the body document the server accepts.
import type { JSONContent } from '@tiptap/core';

/**
 * The editor's JSON as the server's document: optional attributes left out rather than null, and only the
 * attributes the document defines (links carry only their href).
 */
export function cleanDocument(node: JSONContent): JSONContent {
  const out: JSONContent = { type: node.type };
  if (node.type === 'text') {
    out.text = node.text;
    if (node.marks?.length) {
      out.marks = node.marks.map((m) =>
        m.type === 'link' ? { type: 'link', attrs: { href: m.attrs?.href } } : { type: m.type },
      );
    }
    return out;
  }
  const keep: Record<string, string[]> = {
    heading: ['level'],
    pullQuote: ['text', 'attribution'],
    image: ['mediaId', 'caption'],
    embed: ['url', 'title'],
    blockquote: ['citation'],
  };
  const names = keep[node.type ?? ''];
  if (names && node.attrs) {
    const attrs: Record<string, unknown> = {};
    for (const name of names) {
      const value = node.attrs[name];
      if (value !== null && value !== undefined && value !== '') attrs[name] = value;
    }
    if (Object.keys(attrs).length > 0) out.attrs = attrs;
  }
  if (node.content) out.content = node.content.map(cleanDocument);
  return out;
}

// Each field as the text a comparison works on: ids as names, the body as lines in which headings, quotations,
// images and link targets are marked, so a change to any of them shows.
import type { Block, BodyDocument, Inline, ListItem } from '../articles/render/document.js';
import type { FieldNames } from './field-names.js';
import type { ArticleFields } from './fields.js';

function inlineText(content: Inline[] | undefined): string {
  return (content ?? [])
    .map((i) => {
      if (i.type === 'hardBreak') return '\n';
      const link = i.marks?.find((m) => m.type === 'link');
      // A changed link target must show in the comparison even when its words stay the same.
      return link && link.type === 'link' ? `${i.text} [→ ${link.attrs.href}]` : i.text;
    })
    .join('');
}

function blockLines(block: Block | ListItem, names: FieldNames, bullet = ''): string {
  switch (block.type) {
    case 'paragraph':
      return bullet + inlineText(block.content);
    case 'heading':
      return `${'#'.repeat(block.attrs.level)} ${inlineText(block.content)}`;
    case 'blockquote':
      return block.content.map((p) => `> ${inlineText(p.content)}`).join('\n');
    case 'pullQuote':
      return `[Pull quote: ${block.attrs.text}${block.attrs.attribution ? ` — ${block.attrs.attribution}` : ''}]`;
    case 'image': {
      const name = names.media.get(block.attrs.mediaId) ?? `image ${block.attrs.mediaId}`;
      return `[Image: ${block.attrs.caption || name}]`;
    }
    case 'embed':
      return `[Embed: ${block.attrs.url}]`;
    case 'horizontalRule':
      return '———';
    case 'bulletList':
    case 'orderedList':
      return block.content
        .map((item, i) => blockLines(item, names, block.type === 'bulletList' ? '• ' : `${i + 1}. `))
        .join('\n');
    case 'listItem':
      return block.content.map((child, i) => blockLines(child, names, i === 0 ? bullet : '  ')).join('\n');
  }
}

/** The body as text for comparing: headings, quotations, images and links marked so changes to them show. */
export function bodyDiffText(body: BodyDocument, names: FieldNames): string {
  return body.content.map((b) => blockLines(b, names)).join('\n\n');
}

export function fieldText(fields: ArticleFields, field: keyof ArticleFields, names: FieldNames): string {
  switch (field) {
    case 'sectionId':
      return fields.sectionId ? (names.sections.get(fields.sectionId) ?? `section ${fields.sectionId}`) : '';
    case 'authorIds':
      return fields.authorIds.map((id) => names.authors.get(id) ?? `author ${id}`).join(', ');
    case 'heroMediaId':
    case 'socialImageId': {
      const id = fields[field];
      return id ? (names.media.get(id) ?? `image ${id}`) : '';
    }
    case 'tags':
      return fields.tags.join(', ');
    case 'body':
      return bodyDiffText(fields.body, names);
    case 'noindex':
      return fields.noindex ? 'Yes' : 'No';
    default:
      return String(fields[field] ?? '');
  }
}

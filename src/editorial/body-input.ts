// The body as the edit form sends it: the editor's document as JSON, checked against the body schema with
// each problem placed in words, or the plain paragraphs typed where the editor did not run.
import type { z } from 'zod';
import {
  type BodyDocument,
  bodyDocumentSchema,
  deeperThan,
  documentText,
  TOO_DEEP_MESSAGE,
} from '../articles/render/document.js';
import { DomainError, Invalid } from '../http/errors.js';
import type { ArticleForm } from './article-form.js';

/**
 * A body nested past MAX_DOCUMENT_DEPTH: refused before the schema (which recurses per level) sees it, with
 * 422 (the form is well formed; the document in it is not one we take) and the limit named beside the body.
 */
export class BodyTooDeep extends DomainError {
  constructor() {
    super('DOCUMENT_TOO_DEEP', 422, `The article was not saved. ${TOO_DEEP_MESSAGE}`, {
      body: TOO_DEEP_MESSAGE,
    });
  }
}

/** Where in the body a validation issue is, in words an editor understands. */
function bodyProblem(issue: z.core.$ZodIssue, doc: unknown): string {
  const [, index] = issue.path;
  if (issue.path[0] === 'content' && typeof index === 'number') {
    const block = (doc as { content: Array<{ type?: unknown }> }).content[index];
    const kind = typeof block?.type === 'string' ? block.type : 'block';
    return `Block ${index + 1} of the body (${kind}): ${issue.message}`;
  }
  return `The body is not a document we can save: ${issue.message}`;
}

/** The body from the editor's JSON, or from the plain-text fallback when the editor did not run. */
export function parseBody(
  form: Pick<ArticleForm, 'body' | 'bodyText' | 'bodyFormat'>,
  current?: BodyDocument,
) {
  if (form.bodyFormat === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(form.body || '{"type":"doc","content":[]}');
    } catch {
      throw new Invalid('The body could not be read.', { body: 'The editor sent a body we could not read.' });
    }
    if (deeperThan(raw)) throw new BodyTooDeep();
    const parsed = bodyDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Invalid('The body could not be saved.', { body: bodyProblem(parsed.error.issues[0]!, raw) });
    }
    return parsed.data;
  }
  // Without the editor the text stands for the body; untouched, it keeps the formatting it cannot show.
  if (current && sameText(form.bodyText, documentText(current))) return current;
  return bodyFromText(form.bodyText);
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}

/** Paragraphs separated by blank lines; a single line break stays a line break. */
export function bodyFromText(value: string): BodyDocument {
  const paragraphs = value
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph' as const,
      content: p.split('\n').flatMap((line, i) => {
        const parts: Array<{ type: 'text'; text: string } | { type: 'hardBreak' }> = [];
        if (i > 0) parts.push({ type: 'hardBreak' });
        if (line.trim()) parts.push({ type: 'text', text: line.trim() });
        return parts;
      }),
    })),
  };
}

// The one place the import run meets the body converters (import/bodies/): turning a source body into a
// body document, listing the images it names, and reading a comment's or an excerpt's HTML as plain text.
// The run takes them as a dependency (ImportDeps.bodies), so a test can hand in a converter of its own.
import { bodyImageReferences } from './bodies/body-images.js';
import { commentText } from './bodies/comment-text.js';
import { convertBody } from './bodies/convert-body.js';
import type { BodyContext, BodyImageReference, ConvertedBody, SourceBody } from './source-model.js';

export interface BodyConversion {
  convert(body: SourceBody, ctx: BodyContext): ConvertedBody;
  imageReferences(body: SourceBody): BodyImageReference[];
  /** HTML as the comment form stores a comment: plain text, paragraphs kept. */
  commentText(html: string): string;
}

export const bodyConversion: BodyConversion = {
  convert: convertBody,
  imageReferences: bodyImageReferences,
  commentText,
};

/** An excerpt as a dek: one line of plain text. */
export function plainLine(conversion: BodyConversion, html: string): string {
  return conversion.commentText(html).replace(/\s+/g, ' ').trim();
}

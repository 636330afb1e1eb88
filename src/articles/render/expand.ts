// Where "Expand article" cuts the body on phones: after the n-th paragraph, unless what is left is a
// single block (cutting it off saves nothing and costs the reader a tap).
import type { BodyDocument } from './document.js';

/** The index of the first block hidden behind "Expand article"; the block count when nothing is. */
export function expandFrom(doc: BodyDocument, afterParagraphs: number): number {
  const blocks = doc.content;
  if (afterParagraphs <= 0) return blocks.length;
  let seen = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]!.type === 'paragraph' && ++seen === afterParagraphs) {
      return blocks.length - (i + 1) > 1 ? i + 1 : blocks.length;
    }
  }
  return blocks.length;
}

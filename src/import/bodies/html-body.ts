// Any HTML body (Ghost's rendered HTML, an HTML card, WordPress's HTML once its own syntax is read) as the
// article document. The rules are the editor's: only what the document can hold comes across; what it
// cannot is kept as readable text and named in the warnings.
import type { BodyContext, ConvertedBody } from '../source-model.js';
import { BodyOutput } from './body-output.js';
import { convertHtmlInto } from './html-walker.js';

export function htmlBody(html: string, ctx: BodyContext): ConvertedBody {
  const out = new BodyOutput(ctx);
  convertHtmlInto(html, out);
  return out.finish();
}

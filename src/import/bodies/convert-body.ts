// The one entry for the import: a source body, in whichever format its system kept it, as the article
// document (always one the body schema accepts) and what could not come across as it was.
import type { BodyContext, ConvertedBody, SourceBody } from '../source-model.js';
import { ghostBody } from './ghost-body.js';
import { htmlBody } from './html-body.js';
import { wordpressBody } from './wordpress-body.js';

export function convertBody(body: SourceBody, ctx: BodyContext): ConvertedBody {
  switch (body.format) {
    case 'wordpress':
      return wordpressBody(body.content, ctx);
    case 'html':
      return htmlBody(body.content, ctx);
    case 'lexical':
    case 'mobiledoc':
      return ghostBody(body, ctx);
  }
}

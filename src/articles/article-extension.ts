// What another domain adds to the article page (the support call-to-action, the comments), as rendered
// HTML: the story itself is rendered once per version and cached, and an extension's part is joined to it,
// so a new comment never re-renders the story and an edit never re-renders the comments.
import type { SiteContext } from '../site/site-context.js';
import type { Article } from './model.js';

export interface ArticleExtension {
  /** Under the byline, e.g. a comment count linking to the comments. */
  header?: string;
  /** Between top-level body blocks after this many paragraphs: never inside a quotation or a list. */
  inBody?: { afterParagraph: number; html: string };
  /** After the body, in the order the extensions are registered (support call-to-action, comments). */
  afterBody?: string;
  /** Cache tags of what the part shows, so the page is dropped when it changes (see cache-tags.ts). */
  tags?: readonly string[];
}

export type ExtendArticle = (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;

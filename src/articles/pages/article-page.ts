// The article page joined from its story parts (cached per version for readers) and what other domains add
// (article-extension.ts): strings put in the reference page's order.
import type { SiteContext } from '../../site/site-context.js';
import { documentHtml } from '../../views/layout.js';
import type { ArticleExtension } from '../article-extension.js';
import type { Article } from '../model.js';
import { renderStory, type StoryParts } from './story.js';

const EXPAND =
  '<input type="checkbox" id="expand-article" class="expand-toggle"/>' +
  '<label for="expand-article" class="expand-label">Expand article</label>';

/** The body's blocks with each extension's insert after its paragraph, the rest behind "Expand article". */
function bodyHtml(story: StoryParts, extensions: ArticleExtension[]): string {
  const inserts = new Map<number, string>();
  for (const { inBody } of extensions) {
    const at = inBody ? story.paragraphs[inBody.afterParagraph - 1] : undefined;
    if (inBody && at !== undefined) inserts.set(at, (inserts.get(at) ?? '') + inBody.html);
  }
  const parts = story.blocks.map((block, i) => block + (inserts.get(i) ?? ''));
  const lead = parts.slice(0, story.expandAt).join('');
  const rest = parts.slice(story.expandAt).join('');
  return `<div class="article-body">${lead}${rest ? `${EXPAND}<div class="article-rest" id="article-rest">${rest}</div>` : ''}</div>`;
}

export function articlePageHtml(ctx: SiteContext, story: StoryParts, extensions: ArticleExtension[]): string {
  const headers = extensions.map((e) => e.header ?? '').join('');
  const after = extensions.map((e) => e.afterBody ?? '').join('');
  const main =
    `<article class="article" aria-labelledby="headline"${story.identity}><header>${story.header}${headers}</header>` +
    `${story.hero}${bodyHtml(story, extensions)}${story.footer}${story.notesBelow}${after}</article>`;
  return documentHtml(ctx, story.head, main, story.currentSection);
}

/** The page of an article not (yet) on the site, rendered whole each time: the newsroom's preview. */
export function renderArticlePage(
  article: Article,
  ctx: SiteContext,
  extensions: ArticleExtension[],
): string {
  return articlePageHtml(ctx, renderStory(article, ctx), extensions);
}

// The story as readers see it on its page, rendered once per version of the article and kept as parts
// (head, header, hero, one string per body block, tags, notes), so the page can be joined from them with
// whatever other domains add (article-extension.ts) without rendering the story again.
import { renderToString } from 'preact-render-to-string';
import { mediaTag } from '../../media/media.js';
import { AppHandoff } from '../../site/app-links.js';
import { sectionPath } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import { articleTag, authorProfileTag } from '../cache-tags.js';
import { ArticleHead } from '../head/article-head.js';
import { type Article, articlePath, tagPath, WORK_TYPE_LABELS } from '../model.js';
import { Figure, renderBlock } from '../render/body.js';
import { expandFrom } from '../render/expand.js';
import { Byline } from './byline.js';
import { Notes } from './notes.js';

export interface StoryParts {
  head: string;
  /** Kicker, headline, dek, byline and dates, the app hand-off, and the notes placed on top. */
  header: string;
  hero: string;
  /** Each top-level body block's HTML, in order. */
  blocks: string[];
  /** Index of each top-level paragraph in `blocks`, for what goes in after the n-th one. */
  paragraphs: number[];
  /** Index of the first block "Expand article" reveals on phones; blocks.length when none are hidden. */
  expandAt: number;
  footer: string;
  notesBelow: string;
  currentSection: string | undefined;
  /** Which article, section and lead author the page is, as data attributes (the audience beacon reads them). */
  identity: string;
  /** What the story shows, as content events name it. */
  tags: string[];
}

const html = renderToString;

export function renderStory(article: Article, ctx: SiteContext): StoryParts {
  const bodyCtx = { media: article.media };
  const blocks = article.body.content.map((block) => {
    const node = renderBlock(block, bodyCtx);
    return node ? html(node) : '';
  });
  const paragraphs: number[] = [];
  article.body.content.forEach((b, i) => {
    if (b.type === 'paragraph') paragraphs.push(i);
  });
  return {
    head: html(<ArticleHead article={article} ctx={ctx} />),
    header: html(
      <>
        <p class="kicker">
          {article.section && <a href={sectionPath(article.section.slug)}>{article.section.name}</a>}
          <span class="work-type">{WORK_TYPE_LABELS[article.workType]}</span>
        </p>
        <h1 id="headline">{article.headline}</h1>
        {article.dek && <p class="dek">{article.dek}</p>}
        <Byline article={article} ctx={ctx} />
        <AppHandoff ctx={ctx} path={articlePath(article.slug)} />
        <Notes notices={article.corrections} ctx={ctx} placement="top" />
      </>,
    ),
    hero: article.hero
      ? html(<Figure item={article.hero} eager className="hero" sizes="(min-width: 48rem) 52rem, 100vw" />)
      : '',
    blocks,
    paragraphs,
    expandAt: expandFrom(article.body, ctx.settings.expandAfterParagraphs),
    footer:
      article.tags.length > 0
        ? html(
            <footer class="article-footer">
              <h2 class="visually-hidden">Topics</h2>
              <ul class="tag-list">
                {article.tags.map((t) => (
                  <li>
                    <a href={tagPath(t.slug)}>{t.name}</a>
                  </li>
                ))}
              </ul>
            </footer>,
          )
        : '',
    notesBelow: html(<Notes notices={article.corrections} ctx={ctx} placement="bottom" />),
    currentSection: article.section?.slug,
    identity:
      ` data-article="${article.id}"` +
      (article.section ? ` data-section="${article.section.id}"` : '') +
      (article.authors[0] ? ` data-author="${article.authors[0].id}"` : ''),
    tags: [
      articleTag(article.id),
      ...[...article.media.keys()].map(mediaTag),
      ...article.authors.map((a) => authorProfileTag(a.id)),
    ],
  };
}

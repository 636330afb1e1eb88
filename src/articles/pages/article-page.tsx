// The article page, in the reference's order: headline, byline and dates, hero figure, body; then the
// places later capabilities plug into (support, comments), which render nothing until they exist.
import type { ComponentChildren } from 'preact';
import { AppHandoff } from '../../site/app-links.js';
import { readableDate } from '../../views/dates.js';
import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';
import { type Article, articlePath, authorPath, sectionPath, tagPath, WORK_TYPE_LABELS } from '../articles.js';
import { BodyBlocks, Figure, splitAfterParagraphs } from '../render/body.js';
import { ArticleHead } from '../seo.js';

export function Byline(props: { article: Article; ctx: SiteContext }) {
  const { article, ctx } = props;
  const { language, timeZone } = ctx.settings;
  return (
    <>
      {article.authors.length > 0 && (
        <p class="byline">
          By{' '}
          {article.authors.map((a, i) => (
            <>
              {i > 0 && (i === article.authors.length - 1 ? ' and ' : ', ')}
              <a href={authorPath(a.slug)} rel="author">
                {a.name}
              </a>
            </>
          ))}
          {article.dateline && (
            <>
              {' · '}
              <span class="dateline">{article.dateline}</span>
            </>
          )}
        </p>
      )}
      <p class="dates">
        Published{' '}
        <time datetime={article.publishedAt}>{readableDate(article.publishedAt, language, timeZone, true)}</time>
        {article.updatedAt && article.updatedAt > article.publishedAt && (
          <>
            {' · Updated '}
            <time datetime={article.updatedAt}>{readableDate(article.updatedAt, language, timeZone, true)}</time>
          </>
        )}
      </p>
    </>
  );
}

export function ArticleBody(props: { article: Article; ctx: SiteContext }) {
  const { article, ctx } = props;
  const { lead, rest } = splitAfterParagraphs(article.body, ctx.settings.expandAfterParagraphs);
  const bodyCtx = { media: article.media };
  return (
    <div class="article-body">
      <BodyBlocks blocks={lead} ctx={bodyCtx} />
      {rest.length > 0 && (
        <>
          <input type="checkbox" id="expand-article" class="expand-toggle" />
          <label for="expand-article" class="expand-label">
            Expand article
          </label>
          <div class="article-rest" id="article-rest">
            <BodyBlocks blocks={rest} ctx={bodyCtx} />
          </div>
        </>
      )}
    </div>
  );
}

export function ArticlePage(props: { article: Article; ctx: SiteContext; afterBody?: ComponentChildren }) {
  const { article, ctx } = props;
  return (
    <Layout ctx={ctx} head={<ArticleHead article={article} ctx={ctx} />} currentSection={article.section?.slug}>
      <article class="article" aria-labelledby="headline">
        <header>
          <p class="kicker">
            {article.section && <a href={sectionPath(article.section.slug)}>{article.section.name}</a>}
            <span class="work-type">{WORK_TYPE_LABELS[article.workType]}</span>
          </p>
          <h1 id="headline">{article.headline}</h1>
          {article.dek && <p class="dek">{article.dek}</p>}
          <Byline article={article} ctx={ctx} />
          <AppHandoff ctx={ctx} path={articlePath(article.slug)} />
        </header>
        {article.hero && (
          <Figure item={article.hero} eager className="hero" sizes="(min-width: 48rem) 52rem, 100vw" />
        )}
        <ArticleBody article={article} ctx={ctx} />
        {article.tags.length > 0 && (
          <footer class="article-footer">
            <h2 class="visually-hidden">Topics</h2>
            <ul class="tag-list">
              {article.tags.map((t) => (
                <li>
                  <a href={tagPath(t.slug)}>{t.name}</a>
                </li>
              ))}
            </ul>
          </footer>
        )}
        {props.afterBody}
      </article>
    </Layout>
  );
}

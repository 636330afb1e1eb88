// The article page, in the reference's order: headline, byline and dates, hero figure, body; then the
// places later capabilities plug into (support, comments), which render nothing until they exist.
import type { ComponentChildren } from 'preact';
import { AppHandoff } from '../../site/app-links.js';
import { readableDate } from '../../views/dates.js';
import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';
import {
  type Article,
  articlePath,
  authorPath,
  sectionPath,
  tagPath,
  WORK_TYPE_LABELS,
} from '../articles.js';
import type { CorrectionNotice } from '../json-ld.js';
import { type BodyContext, Figure, renderBlock, splitAfterParagraphs } from '../render/body.js';
import type { Block } from '../render/document.js';
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
        <time datetime={article.publishedAt}>
          {readableDate(article.publishedAt, language, timeZone, true)}
        </time>
        {article.updatedAt && article.updatedAt > article.publishedAt && (
          <>
            {' · Updated '}
            <time datetime={article.updatedAt}>
              {readableDate(article.updatedAt, language, timeZone, true)}
            </time>
          </>
        )}
      </p>
    </>
  );
}

/** What a later capability adds to the article page; each part is optional. */
export interface ArticleExtension {
  /** Under the byline, e.g. a comment count linking to the comments. */
  header?: ComponentChildren;
  /** Between top-level body blocks after this many paragraphs: never inside a quotation or a list. */
  inBody?: { afterParagraph: number; node: ComponentChildren };
  /** After the body, in the order the extensions are registered (support call-to-action, comments). */
  afterBody?: ComponentChildren;
  /** Notices appended after publication; the article's JSON-LD and dateModified carry them. */
  corrections?: CorrectionNotice[];
}

function BlocksWithInserts(props: {
  blocks: Block[];
  ctx: BodyContext;
  inserts: Map<Block, ComponentChildren[]>;
}) {
  return (
    <>
      {props.blocks.map((b) => (
        <>
          {renderBlock(b, props.ctx)}
          {props.inserts.get(b)}
        </>
      ))}
    </>
  );
}

export function ArticleBody(props: {
  article: Article;
  ctx: SiteContext;
  inBody?: ArticleExtension['inBody'][];
}) {
  const { article, ctx } = props;
  const { lead, rest } = splitAfterParagraphs(article.body, ctx.settings.expandAfterParagraphs);
  const bodyCtx = { media: article.media };
  const inserts = new Map<Block, ComponentChildren[]>();
  for (const insert of props.inBody ?? []) {
    if (!insert) continue;
    const anchor = blockAfterParagraph(article.body.content, insert.afterParagraph);
    if (anchor) inserts.set(anchor, [...(inserts.get(anchor) ?? []), insert.node]);
  }
  return (
    <div class="article-body">
      <BlocksWithInserts blocks={lead} ctx={bodyCtx} inserts={inserts} />
      {rest.length > 0 && (
        <>
          <input type="checkbox" id="expand-article" class="expand-toggle" />
          <label for="expand-article" class="expand-label">
            Expand article
          </label>
          <div class="article-rest" id="article-rest">
            <BlocksWithInserts blocks={rest} ctx={bodyCtx} inserts={inserts} />
          </div>
        </>
      )}
    </div>
  );
}

/** The n-th top-level paragraph, or null when the body is shorter (the insert then goes nowhere). */
function blockAfterParagraph(blocks: Block[], n: number): Block | null {
  let seen = 0;
  for (const b of blocks) {
    if (b.type === 'paragraph' && ++seen === n) return b;
  }
  return null;
}

export function ArticlePage(props: { article: Article; ctx: SiteContext; extensions?: ArticleExtension[] }) {
  const { article, ctx } = props;
  const extensions = props.extensions ?? [];
  const corrections = extensions.flatMap((e) => e.corrections ?? []);
  return (
    <Layout
      ctx={ctx}
      head={<ArticleHead article={article} ctx={ctx} corrections={corrections} />}
      currentSection={article.section?.slug}
    >
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
          {extensions.map((e) => e.header)}
        </header>
        {article.hero && (
          <Figure item={article.hero} eager className="hero" sizes="(min-width: 48rem) 52rem, 100vw" />
        )}
        <ArticleBody article={article} ctx={ctx} inBody={extensions.map((e) => e.inBody)} />
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
        {extensions.map((e) => e.afterBody)}
      </article>
    </Layout>
  );
}

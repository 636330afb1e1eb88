// What readers see of corrections: the notes on the article (corrections and clarifications above the body,
// updates below it) and the public /corrections record. Both are plain server-rendered HTML.
import type { Kysely } from 'kysely';
import type { Article } from '../../../articles/articles.js';
import { articlePath } from '../../../articles/articles.js';
import { collectionPageJsonLd } from '../../../articles/json-ld.js';
import type { ArticleExtension } from '../../../articles/pages/article-page.js';
import { pagePath } from '../../../articles/pages/listing-page.js';
import { ListingHead } from '../../../articles/seo.js';
import type { Database } from '../../../storage/schema.js';
import { readableDate } from '../../../views/dates.js';
import { Layout } from '../../../views/layout.js';
import type { SiteContext } from '../../../views/site-context.js';
import { activeNotices, KIND_LABELS, type PlacedNotice, type PublicCorrection } from '../corrections.js';

function Notes(props: { notices: PlacedNotice[]; ctx: SiteContext; placement: 'top' | 'bottom' }) {
  const { language, timeZone } = props.ctx.settings;
  const notices = props.notices.filter((n) => n.placement === props.placement);
  if (notices.length === 0) return null;
  return (
    <aside class={`article-notes article-notes-${props.placement}`} aria-label="Corrections and updates">
      {notices.map((n) => (
        <p class={`article-note article-note-${n.kind}`}>
          <strong>{KIND_LABELS[n.kind]}</strong>{' '}
          <time datetime={n.publishedAt}>({readableDate(n.publishedAt, language, timeZone)})</time>: {n.text}
        </p>
      ))}
      {props.placement === 'top' && (
        <p class="article-notes-link">
          <a href="/corrections">All corrections</a>
        </p>
      )}
    </aside>
  );
}

/** The article page extension: notes above and below the body, and the notices for the JSON-LD. */
export function correctionsExtension(db: Kysely<Database>) {
  return async (article: Article, ctx: SiteContext): Promise<ArticleExtension> => {
    const notices = await activeNotices(db, article.id);
    if (notices.length === 0) return {};
    return {
      header: <Notes notices={notices} ctx={ctx} placement="top" />,
      afterBody: <Notes notices={notices} ctx={ctx} placement="bottom" />,
      corrections: notices.map(({ kind, text, publishedAt }) => ({ kind, text, publishedAt })),
    };
  };
}

export const CORRECTIONS_PATH = '/corrections';

export function CorrectionsPage(props: {
  ctx: SiteContext;
  page: { items: PublicCorrection[]; page: number; pages: number; total: number };
}) {
  const { ctx, page } = props;
  const { language, timeZone } = ctx.settings;
  const title = page.page > 1 ? `Corrections (page ${page.page})` : 'Corrections';
  const description = `Every correction, clarification and update ${ctx.settings.siteName} has published, newest first.`;
  const slugs = [...new Set(page.items.map((c) => c.articleSlug))].map((slug) => ({ slug }));
  return (
    <Layout
      ctx={ctx}
      head={
        <ListingHead
          ctx={ctx}
          title={title}
          description={description}
          path={pagePath(CORRECTIONS_PATH, page.page)}
          jsonLd={collectionPageJsonLd(ctx, {
            name: 'Corrections',
            path: CORRECTIONS_PATH,
            description,
            items: slugs,
          })}
          prev={page.page > 1 ? pagePath(CORRECTIONS_PATH, page.page - 1) : undefined}
          next={page.page < page.pages ? pagePath(CORRECTIONS_PATH, page.page + 1) : undefined}
        />
      }
    >
      <h1 class="page-title">{title}</h1>
      <p class="page-intro">
        {description} A note published by mistake is withdrawn, not deleted: it stays here, marked withdrawn.
      </p>
      {page.items.length === 0 ? (
        <p>No corrections have been published.</p>
      ) : (
        <ol class="corrections-list">
          {page.items.map((c) => (
            <li class={c.withdrawnAt ? 'correction-withdrawn' : undefined}>
              <p class="meta">
                <strong>{KIND_LABELS[c.kind]}</strong> ·{' '}
                <time datetime={c.publishedAt}>{readableDate(c.publishedAt, language, timeZone)}</time>
                {c.withdrawnAt && (
                  <>
                    {' · Withdrawn '}
                    <time datetime={c.withdrawnAt}>{readableDate(c.withdrawnAt, language, timeZone)}</time>
                  </>
                )}
              </p>
              <p>
                <a href={articlePath(c.articleSlug)}>{c.articleHeadline}</a>
              </p>
              <p>{c.withdrawnAt ? <del>{c.text}</del> : c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {page.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {page.page > 1 ? <a href={pagePath(CORRECTIONS_PATH, page.page - 1)}>Newer</a> : <span />}
          {page.page < page.pages ? <a href={pagePath(CORRECTIONS_PATH, page.page + 1)}>Older</a> : <span />}
        </nav>
      )}
    </Layout>
  );
}

// The public /corrections record: every correction, clarification and update, newest first, withdrawn
// ones kept and marked.
import type { SiteContext } from '../../site/site-context.js';
import { readableDate } from '../../views/dates.js';
import { Layout } from '../../views/layout.js';
import { ListingHead } from '../head/listing-head.js';
import { collectionPageJsonLd } from '../json-ld/listing-pages.js';
import { articlePath, NOTICE_LABELS, type Page } from '../model.js';
import { pagePath } from '../pages/listing-page.js';
import type { PublicCorrection } from './corrections-query.js';

export const CORRECTIONS_PATH = '/corrections';

export function CorrectionsPage(props: { ctx: SiteContext; page: Page<PublicCorrection> }) {
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
                <strong>{NOTICE_LABELS[c.kind]}</strong> ·{' '}
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

// The reader's search page: the form (it works without JavaScript), how many stories were found, each with
// its highlighted passage, pages, and a plain "nothing found" when that is the answer. Never indexed.
import { pageTitle } from '../articles/head/common-head.js';
import { articlePath } from '../articles/model.js';
import type { SiteContext } from '../site/site-context.js';
import { readableDate } from '../views/dates.js';
import { Layout } from '../views/layout.js';
import type { SearchResult } from './search-articles.js';
import { type SearchForm, searchPath } from './search-form.js';

export interface SearchPageProps {
  ctx: SiteContext;
  form: SearchForm;
  /** Null when no words were given: the form alone is shown. */
  result: SearchResult | null;
  pages: number;
}

function Filters(props: { ctx: SiteContext; form: SearchForm }) {
  const { ctx, form } = props;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not a landmark in browsers before 2023; role=search is everywhere.
    <form class="search-form" role="search" aria-label="Search stories" action="/search" method="get">
      <p class="search-words">
        <label for="search-page-q">Search for</label>
        <input type="search" id="search-page-q" name="q" value={form.q} maxLength={200} required />
      </p>
      <p>
        <label for="search-page-section">Section</label>
        <select id="search-page-section" name="section">
          <option value="">All sections</option>
          {ctx.sections.map((s) => (
            <option value={s.slug} selected={form.section?.id === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="search-page-from">Published from</label>
        <input type="date" id="search-page-from" name="from" value={form.fromDay} />
      </p>
      <p>
        <label for="search-page-to">to</label>
        <input type="date" id="search-page-to" name="to" value={form.toDay} />
      </p>
      <p>
        <button type="submit">Search</button>
      </p>
    </form>
  );
}

function countText(total: number, q: string): string {
  return `${total === 1 ? '1 story' : `${total.toLocaleString('en')} stories`} found for “${q.trim()}”`;
}

export function SearchPage(props: SearchPageProps) {
  const { ctx, form, result, pages } = props;
  const { settings } = ctx;
  const title = form.q.trim() ? `Search: ${form.q.trim().slice(0, 80)}` : 'Search';
  return (
    <Layout
      ctx={ctx}
      head={
        <>
          <title>{pageTitle(title, settings)}</title>
          <meta name="robots" content="noindex" />
        </>
      }
    >
      <h1 class="page-title">Search</h1>
      <Filters ctx={ctx} form={form} />
      {result && (
        <p class="search-count" role="status">
          {result.total === 0 ? `No stories found for “${form.q.trim()}”.` : countText(result.total, form.q)}
        </p>
      )}
      {result && result.total === 0 && (
        <p class="search-none">
          Check the spelling, use fewer words, or search all sections and dates. Put words in quotes to find
          them together ("city council"), or end one with * to find words starting with it (elect*).
        </p>
      )}
      {result && result.hits.length > 0 && (
        <ol class="search-results" start={(form.page - 1) * PER_PAGE + 1}>
          {result.hits.map((hit) => {
            const section = hit.sectionId === null ? undefined : ctx.sectionsById.get(hit.sectionId);
            return (
              <li class="search-result">
                <h2>
                  <a href={articlePath(hit.slug)}>{hit.headline}</a>
                </h2>
                {hit.dek && <p class="search-dek">{hit.dek}</p>}
                {hit.snippetHtml && (
                  <p class="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                )}
                <p class="search-meta">
                  <time datetime={hit.publishedAt}>
                    {readableDate(hit.publishedAt, settings.language, settings.timeZone)}
                  </time>
                  {section && ` · ${section.name}`}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label="Pages of results">
          {form.page > 1 ? (
            <a href={searchPath(form, form.page - 1)} rel="prev">
              ← Previous
            </a>
          ) : (
            <span />
          )}
          <span>
            Page {form.page} of {pages}
          </span>
          {form.page < pages ? (
            <a href={searchPath(form, form.page + 1)} rel="next">
              Next →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </Layout>
  );
}

/** Results per page. */
export const PER_PAGE = 10;

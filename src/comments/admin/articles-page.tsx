// The list of published articles for opening and closing comments by hand: a search by headline, each
// article's comment count and state (open, closed, or closed by age), and a button to switch it.
import { CsrfField } from '../../admin/views/admin-layout.js';
import type { ArticleCommentState } from './article-list.js';

/** The address of one page of the article list, keeping the search. */
export function articlesListPath(search: string, page: number): string {
  const query = new URLSearchParams({
    ...(search ? { q: search } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  });
  const text = query.toString();
  return `/admin/comments/articles${text ? `?${text}` : ''}`;
}

export function ArticlesPage(props: {
  articles: ArticleCommentState[];
  search: string;
  total: number;
  page: number;
  pages: number;
  csrfToken: string;
}) {
  const { search, page, pages } = props;
  const here = articlesListPath(search, page);
  return (
    <>
      <h1>Open or close comments</h1>
      <p>
        <a href="/admin/comments">← Comments</a>
      </p>
      <form method="get" action="/admin/comments/articles" class="inline-form">
        <label for="articles-search">Headline</label>{' '}
        <input id="articles-search" name="q" type="search" value={search} maxLength={200} />{' '}
        <button type="submit">Search</button>
        {search && (
          <>
            {' '}
            <a href="/admin/comments/articles">Show all</a>
          </>
        )}
      </form>
      <p class="muted" role="status">
        {search
          ? `${props.total.toLocaleString('en')} published article${props.total === 1 ? '' : 's'} with “${search}” in the headline.`
          : `${props.total.toLocaleString('en')} published article${props.total === 1 ? '' : 's'}, newest first.`}
      </p>
      {props.articles.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Comments</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.articles.map((a) => (
              <tr>
                <th scope="row">
                  <a href={`/articles/${a.slug}`}>{a.headline}</a>
                </th>
                <td>{a.comments}</td>
                <td>
                  <form method="post" action={`/admin/comments/articles/${a.id}/closed`} class="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="closed" value={a.closed ? '0' : '1'} />
                    <input type="hidden" name="back" value={here} />
                    {a.closed ? (a.auto ? 'Closed (by age)' : 'Closed') : 'Open'}{' '}
                    <button type="submit" class="secondary">
                      {a.closed ? 'Open' : 'Close'}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="mod-pages" aria-label="Pages">
          {page > 1 && <a href={articlesListPath(search, page - 1)}>← Previous</a>} Page {page} of {pages}{' '}
          {page < pages && <a href={articlesListPath(search, page + 1)}>Next →</a>}
        </nav>
      )}
    </>
  );
}

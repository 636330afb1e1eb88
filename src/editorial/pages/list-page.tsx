// The newsroom's article list: filters that work as a plain GET form, a table, and pages.

import { canTrashArticle, type StaffMember } from '../../admin/guardian.js';
import { PostButton } from '../../admin/views/post-button.js';
import type { ArticleStatus } from '../../storage/schema.js';
import { missedSchedule, STATUS_LABELS } from '../article-status.js';
import type { EditorChoices } from '../editor-choices.js';
import type { ListedArticle, ListQuery } from '../listing.js';

function queryString(query: ListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.sectionId) params.set('section', String(query.sectionId));
  if (query.authorId) params.set('author', String(query.authorId));
  if (query.search) params.set('q', query.search);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Never published, and this person's to throw away (the server checks both again). */
function trashable(me: StaffMember, a: ListedArticle): boolean {
  return (
    a.publishedAt === null && a.status !== 'published' && a.status !== 'unpublished' && canTrashArticle(me, a)
  );
}

export function ArticleListPage(props: {
  me: StaffMember;
  query: ListQuery;
  choices: EditorChoices;
  list: { items: ListedArticle[]; total: number; page: number; pages: number };
  when: (iso: string) => string;
  csrfToken: string;
}) {
  const { query, choices, list } = props;
  const statuses = Object.entries(STATUS_LABELS) as Array<[ArticleStatus, string]>;
  return (
    <>
      <div class="page-head">
        <h1>Articles</h1>
        <span>
          <a class="button secondary" href="/admin/articles?status=trash">
            Trash
          </a>{' '}
          <a class="button" href="/admin/articles/new">
            New article
          </a>
        </span>
      </div>
      {props.me.role === 'contributor' && <p class="hint">You see the articles you created.</p>}
      <form method="get" action="/admin/articles" class="filters" aria-label="Find articles">
        <div class="field">
          <label for="filter-q">Headline</label>
          <input type="search" id="filter-q" name="q" value={query.search} />
        </div>
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" name="status">
            <option value="">Any</option>
            {statuses.map(([value, label]) => (
              <option value={value} selected={query.status === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-section">Section</label>
          <select id="filter-section" name="section">
            <option value="">Any</option>
            {choices.sections.map((s) => (
              <option value={String(s.id)} selected={query.sectionId === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-author">Author</label>
          <select id="filter-author" name="author">
            <option value="">Any</option>
            {choices.authors.map((a) => (
              <option value={String(a.id)} selected={query.authorId === a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      <p class="muted" role="status">
        {list.total === 1 ? '1 article' : `${list.total} articles`}
      </p>
      {list.items.length > 0 && (
        <table class="article-list">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col">Section</th>
              <th scope="col">Authors</th>
              <th scope="col">Last change</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/articles/${a.id}`}>{a.headline}</a>
                </td>
                <td>
                  <span class={`status status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
                  {a.status === 'scheduled' && a.scheduledAt && (
                    <span class="muted"> {props.when(a.scheduledAt)}</span>
                  )}
                  {missedSchedule(a) && (
                    <span class="held-back-note">
                      {' '}
                      Not published: due {props.when(missedSchedule(a)!)}, it was not ready.
                    </span>
                  )}
                </td>
                <td>{a.section?.name ?? '—'}</td>
                <td>{a.authors.join(', ') || '—'}</td>
                <td>{props.when(a.modifiedAt)}</td>
                <td>
                  {trashable(props.me, a) && (
                    <PostButton
                      action={`/admin/articles/${a.id}/trash`}
                      csrfToken={props.csrfToken}
                      kind="secondary"
                      label={`Move “${a.headline}” to the trash`}
                      confirm={`Move “${a.headline}” to the trash? It can be restored for 30 days.`}
                    >
                      Move to trash
                    </PostButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {list.page > 1 && <a href={`/admin/articles${queryString(query, list.page - 1)}`}>Previous page</a>}
          <span>
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages && (
            <a href={`/admin/articles${queryString(query, list.page + 1)}`}>Next page</a>
          )}
        </nav>
      )}
    </>
  );
}

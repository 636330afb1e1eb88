// The trash: never-published articles thrown away, when each goes for good (in the site's zone, named), and
// Restore and Delete permanently for those this person may.

import { PostButton } from '../../admin/views/post-button.js';
import { TRASH_DAYS, type TrashedArticle } from '../trash.js';

export function TrashPage(props: {
  items: TrashedArticle[];
  csrfToken: string;
  contributor: boolean;
  at: (iso: string) => string;
}) {
  const { items } = props;
  return (
    <>
      <div class="page-head">
        <h1>Trash</h1>
        <a class="button secondary" href="/admin/articles">
          Back to articles
        </a>
      </div>
      <p class="hint">
        Drafts that were never published stay here for {TRASH_DAYS} days and can be restored; then they are
        deleted for good. Their slugs are free for new articles at once.
        {props.contributor && ' You see the articles you created.'}
      </p>
      <p class="muted" role="status">
        {items.length === 0
          ? 'The trash is empty.'
          : items.length === 1
            ? '1 article in the trash'
            : `${items.length} articles in the trash`}
      </p>
      {items.length > 0 && (
        <table class="article-list trash-list">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Slug it had</th>
              <th scope="col">Trashed</th>
              <th scope="col">Deleted for good</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr>
                <td>{a.headline || 'Untitled'}</td>
                <td>
                  <code>{a.slug}</code>
                </td>
                <td>{props.at(a.trashedAt)}</td>
                <td>{props.at(a.goneAt)}</td>
                <td>
                  {a.mayRestore && (
                    <PostButton
                      action={`/admin/articles/${a.id}/restore`}
                      csrfToken={props.csrfToken}
                      kind="secondary"
                    >
                      Restore
                    </PostButton>
                  )}{' '}
                  {a.mayDelete && (
                    <PostButton
                      action={`/admin/articles/${a.id}/delete`}
                      csrfToken={props.csrfToken}
                      kind="danger"
                      confirm={`Delete “${a.headline || 'Untitled'}” permanently? This cannot be undone.`}
                    >
                      Delete permanently
                    </PostButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

// The author profiles page: every byline with the account that writes as it and how much it has published,
// and a button for a person without a byline to make their own.
import type { StaffMember } from '../../admin/guardian.js';
import { PostButton } from '../../admin/views/post-button.js';
import { authorPath } from '../../articles/model.js';
import type { AuthorListItem } from './profiles.js';

export function AuthorsPage(props: { me: StaffMember; csrfToken: string; authors: AuthorListItem[] }) {
  return (
    <>
      <div class="page-head">
        <h1>Authors</h1>
        <a class="button" href="/admin/authors/new">
          New author profile
        </a>
      </div>
      <p class="hint">
        The bylines readers see, each with its own page. A newsroom account linked to a profile writes as it:
        new articles carry that byline from the start.
      </p>
      {props.me.authorId === null && (
        <PostButton action="/admin/authors/mine" csrfToken={props.csrfToken} kind="secondary">
          Create my own byline as “{props.me.name}”
        </PostButton>
      )}
      {props.authors.length === 0 ? (
        <p>No author profiles yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Job title</th>
              <th scope="col">Newsroom account</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {props.authors.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/authors/${a.id}`}>{a.name}</a>
                  {a.published > 0 && (
                    <>
                      {' '}
                      <a class="muted" href={authorPath(a.slug)}>
                        (public page)
                      </a>
                    </>
                  )}
                </td>
                <td>{a.jobTitle}</td>
                <td>{a.staffName ?? <span class="muted">none</span>}</td>
                <td>
                  {a.articles} ({a.published} published)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

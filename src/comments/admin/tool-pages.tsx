// The other moderation screens: comment settings (with the list of bans), opening and closing comments per
// article, and the admin's export or erasure of everything tied to one email address.

import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { ArticleRef } from '../../articles/article-refs.js';
import type { FieldErrors } from '../../http/errors.js';
import { FIELD_LABELS, type SettingsFormValues } from './settings-form.js';

export function SettingsPage(props: {
  values: SettingsFormValues;
  keyStored: boolean;
  errors?: FieldErrors;
  message?: string;
  bans: Array<{ id: number; email: string; reason: string; createdAt: string }>;
  csrfToken: string;
}) {
  const { values, errors } = props;
  const f = (name: keyof SettingsFormValues, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field name={name} label={FIELD_LABELS[name]} value={values[name]} errors={errors} {...extra} />
  );
  return (
    <>
      <h1>Comment settings</h1>
      <p>
        <a href="/admin/comments">← Comments</a>
      </p>
      <ErrorSummary message={props.message} errors={errors} labels={FIELD_LABELS} />
      <form method="post" action="/admin/comments/settings" novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class="panel">
          <legend>Moderation</legend>
          {f('mode', {
            options: [
              ['first_time', 'Hold a commenter’s first comment; approve later ones from an approved address'],
              ['hold_all', 'Hold every comment for moderation'],
              ['approve_all', 'Approve every comment that passes the spam checks'],
            ],
          })}
          {f('blockList', {
            multiline: true,
            hint: 'One word, phrase, email or web address, domain or IP per line.',
          })}
          {f('holdList', { multiline: true, hint: 'One per line, as above; these go to the queue instead.' })}
          {f('linkLimit', { type: 'number', min: 0, max: 50 })}
        </fieldset>
        <fieldset class="panel">
          <legend>Spam</legend>
          {f('minSecondsBeforePosting', {
            type: 'number',
            min: 0,
            max: 600,
            hint: 'Faster posts go to the spam folder.',
          })}
          {f('akismetUrl', {
            type: 'url',
            hint: 'Optional: an Akismet-compatible service, e.g. https://rest.akismet.com. It receives each comment.',
          })}
          {f('akismetKey', {
            type: 'password',
            autocomplete: 'off',
            hint: props.keyStored
              ? 'A key is stored; leave empty to keep it.'
              : 'The key the service gave you.',
          })}
        </fieldset>
        <fieldset class="panel">
          <legend>Threads and privacy</legend>
          {f('autoCloseDays', { type: 'number', min: 0, max: 3650, hint: '0 keeps comments open.' })}
          {f('perPage', { type: 'number', min: 5, max: 500 })}
          {f('order', {
            options: [
              ['oldest', 'Oldest first'],
              ['newest', 'Newest first'],
            ],
          })}
          {f('ipRetentionDays', { type: 'number', min: 1, max: 365 })}
        </fieldset>
        <button type="submit">Save the comment settings</button>
      </form>

      <section class="panel">
        <h2>Banned commenters</h2>
        {props.bans.length === 0 ? (
          <p class="muted">Nobody is banned.</p>
        ) : (
          <ul>
            {props.bans.map((b) => (
              <li>
                <form method="post" action={`/admin/comments/bans/${b.id}/lift`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  {b.email} {b.reason && `(${b.reason})`}{' '}
                  <span class="muted">since {b.createdAt.slice(0, 10)}</span>{' '}
                  <button type="submit" class="secondary">
                    Lift the ban
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

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
  articles: Array<ArticleRef & { comments: number; closed: boolean; auto: boolean }>;
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

export function PrivacyPage(props: { email: string; error?: string; erased?: number; csrfToken: string }) {
  return (
    <>
      <h1>A commenter’s data</h1>
      <p>
        <a href="/admin/comments">← Comments</a>
      </p>
      <p>
        Everything stored under one email address: their comments (in every folder), their reply
        notifications, any ban, and the outbox’s copies of the mail sent to them about comments. Commenters
        can do this themselves from the link under the comment form.
      </p>
      {props.erased !== undefined && (
        <p class="flash flash-ok" role="status">
          Erased {props.erased} comment{props.erased === 1 ? '' : 's'} and everything else under that address.
        </p>
      )}
      <form method="post" action="/admin/comments/privacy" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name="email"
          label="Email address"
          type="email"
          value={props.email}
          errors={props.error ? { email: props.error } : undefined}
        />
        <div class="field">
          <input id="erase-confirm" type="checkbox" name="confirm" value="yes" />{' '}
          <label for="erase-confirm">I want to erase all of it (for “Erase”)</label>
        </div>
        <p class="actions">
          <button type="submit" name="do" value="export">
            Export (JSON)
          </button>{' '}
          <button type="submit" name="do" value="erase" class="danger">
            Erase everything
          </button>
        </p>
      </form>
    </>
  );
}

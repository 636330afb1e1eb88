// One comment in full for a moderator: the conversation around it (every status shown), the actions, an
// edit form, a reply in the newsroom's name, a ban for its author, and the article's open/closed switch.

import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { CommentRow } from '../queries.js';
import { CommentFacts, CommentWords, StatusBadge } from './parts.js';
import type { ItemContext } from './queue-context.js';

const LABELS: Record<string, string> = {
  approve: 'Approve',
  unapprove: 'Back to pending',
  spam: 'Spam',
  trash: 'Trash',
};
// Every action except the one that would leave the comment where it is.
const ACTIONS: Record<string, string[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['unapprove', 'spam', 'trash'],
  spam: ['approve', 'unapprove', 'trash'],
  trash: ['approve', 'unapprove', 'spam'],
  erased: [],
};

export interface DetailForms {
  edit: { body: string; name: string; url: string };
  reply: string;
  errors?: FieldErrors;
  message?: string;
}

export function DetailPage(props: {
  comment: CommentRow;
  context: ItemContext;
  thread: CommentRow[];
  closed: boolean;
  forms: DetailForms;
  csrfToken: string;
  stylePath: string;
}) {
  const { comment: c, forms } = props;
  const csrf = <CsrfField token={props.csrfToken} />;
  return (
    <>
      <link rel="stylesheet" href={props.stylePath} />
      <p>
        <a href={`/admin/comments?status=${c.status === 'erased' ? 'trash' : c.status}`}>← Comments</a>
      </p>
      <h1>
        Comment by {c.author_name} <StatusBadge status={c.status} />
      </h1>
      <ErrorSummary message={forms.message} errors={forms.errors} />
      <div class="panel mod-item mod-current">
        <CommentFacts comment={c} context={props.context} />
        <CommentWords comment={c} />
        <form method="post" action="/admin/comments/bulk" class="actions">
          {csrf}
          <input type="hidden" name="back" value={`/admin/comments/${c.id}`} />
          {(ACTIONS[c.status] ?? []).map((action) => (
            <button type="submit" name="one" value={`${action}:${c.id}`} class="secondary">
              {LABELS[action]}
            </button>
          ))}
        </form>
      </div>

      <section class="panel">
        <h2>The conversation</h2>
        <ol class="mod-thread">
          {props.thread.map((t) => (
            <li class={t.id === c.id ? 'mod-thread-current' : undefined} data-depth={String(t.depth)}>
              <p>
                <strong>{t.author_name}</strong> <StatusBadge status={t.status} />{' '}
                {t.id !== c.id && <a href={`/admin/comments/${t.id}`}>open</a>}
              </p>
              <CommentWords comment={t} />
            </li>
          ))}
        </ol>
      </section>

      <section class="panel">
        <h2>Reply as staff</h2>
        <form method="post" action={`/admin/comments/${c.id}/reply`} novalidate>
          {csrf}
          <Field
            name="reply"
            label="Your reply"
            multiline
            value={forms.reply}
            errors={forms.errors}
            maxLength={5000}
          />
          <button type="submit">
            Publish the reply{c.status === 'approved' ? '' : ' and approve this comment'}
          </button>
        </form>
      </section>

      <section class="panel">
        <h2>Edit the comment</h2>
        <form method="post" action={`/admin/comments/${c.id}/edit`} novalidate>
          {csrf}
          <Field name="name" label="Name" value={forms.edit.name} errors={forms.errors} maxLength={80} />
          <Field name="url" label="Website" type="url" value={forms.edit.url} errors={forms.errors} />
          <Field
            name="body"
            label="Comment"
            multiline
            value={forms.edit.body}
            errors={forms.errors}
            maxLength={5000}
          />
          <button type="submit">Save the comment</button>
        </form>
      </section>

      {c.staff_id === null && (
        <section class="panel">
          <h2>Ban the commenter</h2>
          {props.context.banned ? (
            <p>This commenter is banned. Lift bans in the comment settings.</p>
          ) : (
            <form
              method="post"
              action={`/admin/comments/${c.id}/ban`}
              data-confirm="Ban this commenter? Their held comments go to spam."
            >
              {csrf}
              <Field name="reason" label="Reason (for the newsroom)" value="" maxLength={200} />
              <button type="submit">Ban and send their held comments to spam</button>
            </form>
          )}
        </section>
      )}

      <section class="panel">
        <h2>Comments on this article</h2>
        <form method="post" action={`/admin/comments/articles/${c.article_id}/closed`}>
          {csrf}
          <input type="hidden" name="closed" value={props.closed ? '0' : '1'} />
          <input type="hidden" name="back" value={`/admin/comments/${c.id}`} />
          <p>Comments are {props.closed ? 'closed' : 'open'} on this article.</p>
          <button type="submit" class="secondary">
            {props.closed ? 'Open comments' : 'Close comments'}
          </button>
        </form>
      </section>
    </>
  );
}

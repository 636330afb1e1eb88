// The moderation queue: one folder at a time (pending, approved, spam, trash), each comment with its article,
// thread and history, a button per action, check boxes for bulk actions, and keyboard shortcuts from the
// moderation script. Every button is a plain form submit, so the page works without the script.
import { CsrfField } from '../../admin/views/admin-layout.js';
import type { CommentRow } from '../queries.js';
import { CommentFacts, CommentWords, EMPTY_FOLDER, ModerationLinks, StatusTabs } from './parts.js';
import type { ItemContext } from './queue-context.js';
import type { QueueStatus } from './queue-queries.js';

const BUTTONS: Record<QueueStatus, Array<[action: string, label: string, key: string]>> = {
  pending: [
    ['approve', 'Approve', 'a'],
    ['spam', 'Spam', 's'],
    ['trash', 'Trash', 'd'],
  ],
  approved: [
    ['unapprove', 'Unapprove', 'u'],
    ['spam', 'Spam', 's'],
    ['trash', 'Trash', 'd'],
  ],
  spam: [
    ['approve', 'Not spam: approve', 'a'],
    ['trash', 'Trash', 'd'],
  ],
  trash: [
    ['approve', 'Restore and approve', 'a'],
    ['unapprove', 'Restore to pending', 'u'],
    ['spam', 'Spam', 's'],
  ],
};

export function QueuePage(props: {
  status: QueueStatus;
  counts: Record<QueueStatus, number>;
  items: Array<{ comment: CommentRow; context: ItemContext }>;
  page: number;
  pages: number;
  csrfToken: string;
  admin: boolean;
  scriptPath: string;
  stylePath: string;
}) {
  const { status } = props;
  const back = `/admin/comments?status=${status}${props.page > 1 ? `&page=${props.page}` : ''}`;
  return (
    <>
      <link rel="stylesheet" href={props.stylePath} />
      <h1>Comments</h1>
      <StatusTabs current={status} counts={props.counts} />
      <ModerationLinks admin={props.admin} />
      <p class="hint mod-keys">
        Keyboard: <kbd>j</kbd>/<kbd>k</kbd> next and previous comment, <kbd>x</kbd> select, <kbd>a</kbd>{' '}
        approve, <kbd>s</kbd> spam, <kbd>d</kbd> trash, <kbd>u</kbd> unapprove, <kbd>o</kbd> open (to edit,
        reply or ban).
      </p>
      {props.items.length === 0 ? (
        <p class="muted" role="status">
          {EMPTY_FOLDER[status]}
        </p>
      ) : (
        <form method="post" action="/admin/comments/bulk" id="mod-form" class="mod-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="back" value={back} />
          <div class="mod-bulk">
            <label for="mod-bulk-action">With the selected comments:</label>{' '}
            <select id="mod-bulk-action" name="action">
              {BUTTONS[status].map(([action, label]) => (
                <option value={action}>{label}</option>
              ))}
            </select>{' '}
            <button type="submit" name="bulk" value="1">
              Apply
            </button>{' '}
            <button type="button" class="secondary mod-select-all" hidden>
              Select all
            </button>
          </div>
          <ol class="mod-list">
            {props.items.map(({ comment, context }) => (
              <li class="mod-item" id={`c-${comment.id}`} data-id={String(comment.id)} tabindex={-1}>
                <input
                  type="checkbox"
                  name="ids"
                  value={String(comment.id)}
                  class="mod-check"
                  aria-label={`Select the comment by ${comment.author_name}`}
                />
                <div class="mod-body">
                  <CommentFacts comment={comment} context={context} />
                  <CommentWords comment={comment} />
                  <p class="actions">
                    {BUTTONS[status].map(([action, label, key]) => (
                      <button
                        type="submit"
                        name="one"
                        value={`${action}:${comment.id}`}
                        data-key={key}
                        class="secondary"
                      >
                        {label}
                      </button>
                    ))}
                    <a href={`/admin/comments/${comment.id}`} data-key="o">
                      Open: edit, reply, ban
                    </a>
                  </p>
                </div>
              </li>
            ))}
          </ol>
        </form>
      )}
      {props.pages > 1 && (
        <nav class="mod-pages" aria-label="Pages">
          {props.page > 1 && (
            <a href={`/admin/comments?status=${status}&page=${props.page - 1}`}>← Previous</a>
          )}{' '}
          Page {props.page} of {props.pages}{' '}
          {props.page < props.pages && (
            <a href={`/admin/comments?status=${status}&page=${props.page + 1}`}>Next →</a>
          )}
        </nav>
      )}
      <script type="module" src={props.scriptPath} />
    </>
  );
}

// Pieces shared by the moderation screens: one comment as a moderator sees it (who, where, why it was held,
// the commenter's history), the status tabs, and the small links between the screens. The email address
// is shown masked; the text goes through the same escaping renderer as on the reader's page.
import type { ComponentChildren } from 'preact';
import { StaffTime } from '../../admin/views/staff-time.js';
import type { CommentStatus } from '../../storage/schema.js';
import { maskedEmail } from '../identity.js';
import type { CommentRow } from '../queries.js';
import { CommentText, excerpt, safeWebUrl } from '../text.js';
import type { ItemContext } from './queue-context.js';
import type { QueueStatus } from './queue-queries.js';

export const STATUS_LABELS: Record<QueueStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
};

export function StatusTabs(props: { current: QueueStatus | null; counts: Record<QueueStatus, number> }) {
  return (
    <nav class="mod-tabs" aria-label="Comment folders">
      <ul>
        {(Object.keys(STATUS_LABELS) as QueueStatus[]).map((status) => (
          <li>
            <a
              href={`/admin/comments?status=${status}`}
              aria-current={props.current === status ? 'page' : undefined}
            >
              {STATUS_LABELS[status]} <span class="badge">{props.counts[status]}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ModerationLinks(props: { admin: boolean }) {
  return (
    <p class="mod-links">
      <a href="/admin/comments/articles">Open or close comments</a> ·{' '}
      <a href="/admin/comments/settings">Comment settings</a>
      {props.admin && (
        <>
          {' · '}
          <a href="/admin/comments/privacy">Export or erase a commenter’s data</a>
        </>
      )}
    </p>
  );
}

/** What an empty folder says: "No comments in pending." read oddly. */
export const EMPTY_FOLDER: Record<QueueStatus, string> = {
  pending: 'No comments are waiting.',
  approved: 'No approved comments.',
  spam: 'No comments in spam.',
  trash: 'No comments in the trash.',
};

/** Capitalised like the folder tabs ("Pending", not "pending"). */
export function StatusBadge(props: { status: CommentStatus }) {
  const label = props.status === 'erased' ? 'Erased' : STATUS_LABELS[props.status];
  return <span class={`badge mod-status-${props.status}`}>{label}</span>;
}

/** Who wrote it, where and when, why it was held, and what the commenter did before. */
export function CommentFacts(props: { comment: CommentRow; context: ItemContext }) {
  const { comment: c, context } = props;
  const website = c.author_url ? safeWebUrl(c.author_url) : null;
  return (
    <div class="mod-facts">
      <p>
        <strong class="mod-author">{c.author_name}</strong>
        {c.staff_id !== null && <span class="badge">Staff</span>}{' '}
        <span class="muted">{maskedEmail(c.author_email)}</span>
        {website && (
          <>
            {' · '}
            <a href={website} rel="nofollow ugc noopener noreferrer">
              {excerpt(website, 60)}
            </a>
          </>
        )}
        {' · '}
        <StaffTime iso={c.created_at} />
      </p>
      {context.article && (
        <p>
          On{' '}
          {context.article.published ? (
            <a href={`/articles/${context.article.slug}`}>{context.article.headline}</a>
          ) : (
            `${context.article.headline} (not published)`
          )}
          {context.parent && (
            <>
              {', in reply to '}
              <strong>{context.parent.author_name || 'a removed comment'}</strong>: “
              {excerpt(context.parent.body, 140)}”
            </>
          )}
        </p>
      )}
      {context.history && (
        <p class="mod-history">
          History: {context.history.approved} approved, {context.history.spam} spam
          {context.banned && <strong> · banned</strong>}
        </p>
      )}
      {c.moderation_reason && (
        <p class="mod-reason">
          {c.status === 'spam' ? 'Sent to spam' : 'Held'}: {c.moderation_reason}
          {c.spam_score > 0 && ` (spam score ${c.spam_score})`}
        </p>
      )}
    </div>
  );
}

export function CommentWords(props: { comment: CommentRow }) {
  return (
    <div class="mod-text">
      <CommentText text={props.comment.body} />
    </div>
  );
}

export function Section(props: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel">
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

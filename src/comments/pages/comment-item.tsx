// One comment as readers see it, with its replies nested under it: a generated avatar (never a picture
// fetched by email), the name (a nofollow link when a website was given), the time as a permalink, the text
// and a Reply link that works without JavaScript.
import { readableDate } from '../../views/dates.js';
import type { PublicComment, ThreadNode } from '../comments.js';
import { CommentText, LINK_REL } from '../text.js';

export interface CommentView {
  slug: string;
  language: string;
  timeZone: string;
  /** Reply links are left out when the thread is closed. */
  open: boolean;
}

export function Avatar(props: { avatar: PublicComment['avatar'] }) {
  return (
    <svg class="avatar" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="16" fill={`hsl(${props.avatar.hue} 45% 38%)`} />
      <text x="16" y="21.5" text-anchor="middle" fill="#fff" font-size="16" font-family="sans-serif">
        {props.avatar.initial}
      </text>
    </svg>
  );
}

export function CommentBody(props: { comment: PublicComment; view: Omit<CommentView, 'open' | 'slug'> }) {
  const { comment, view } = props;
  return (
    <>
      <header class="comment-meta">
        <Avatar avatar={comment.avatar} />
        <span class="comment-author">
          {comment.authorUrl ? (
            <a href={comment.authorUrl} rel={LINK_REL}>
              {comment.authorName}
            </a>
          ) : (
            comment.authorName
          )}
        </span>
        {comment.fromStaff && <span class="comment-staff">Staff</span>}
        <a class="comment-time" href={`#comment-${comment.id}`}>
          <time datetime={comment.createdAt}>
            {readableDate(comment.createdAt, view.language, view.timeZone, true)}
          </time>
        </a>
        {comment.editedAt && <span class="comment-edited">edited</span>}
      </header>
      <div class="comment-text">
        <CommentText text={comment.body} />
      </div>
    </>
  );
}

export function CommentItem(props: { node: ThreadNode; view: CommentView }) {
  const { node, view } = props;
  const c = node.comment;
  return (
    <li class={c ? 'comment' : 'comment comment-removed'} id={`comment-${node.id}`}>
      {c ? (
        <article aria-label={`Comment by ${c.authorName}`}>
          <CommentBody comment={c} view={view} />
          {view.open && (
            <a
              class="comment-reply"
              href={`/articles/${view.slug}/comments/reply/${c.id}#respond`}
              data-reply={String(c.id)}
              data-name={c.authorName}
              aria-label={`Reply to ${c.authorName}`}
            >
              Reply
            </a>
          )}
        </article>
      ) : (
        <p class="comment-gone">This comment was removed.</p>
      )}
      {node.replies.length > 0 && (
        <ol class="comment-replies">
          {node.replies.map((reply) => (
            <CommentItem node={reply} view={view} />
          ))}
        </ol>
      )}
    </li>
  );
}

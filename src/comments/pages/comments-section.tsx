// The comments part of an article page, shared by every reader and cached with the page: the count, the
// approved comments of one page of threads, the order switch, page links, and the empty form (or the notice
// that comments are closed). Nothing here depends on who is reading. The threads are rendered to a string
// of their own, so that the article page can keep them in the fragment cache (article-extension.tsx).
import { renderToString } from 'preact-render-to-string';
import type { CommentPage, Order } from '../comments.js';
import { commentsPagePath } from '../locations.js';
import { CommentForm, emptyValues } from './comment-form.js';
import { CommentItem, type CommentView } from './comment-item.js';

export function countText(total: number): string {
  return total === 0
    ? 'No comments yet'
    : total === 1
      ? '1 comment'
      : `${total.toLocaleString('en')} comments`;
}

/** Under the byline: how many comments, linking to them (or to the form when there are none). */
export function CommentCount(props: { total: number; open: boolean }) {
  if (props.total === 0 && !props.open) return null;
  return (
    <p class="comment-count">
      <a href={props.total > 0 ? '#comments' : '#respond'}>{countText(props.total)}</a>
    </p>
  );
}

export interface ThreadsProps {
  slug: string;
  page: CommentPage;
  defaultOrder: Order;
  /** Reply links are left out when the thread is closed. */
  open: boolean;
  language: string;
  timeZone: string;
}

export interface SectionProps {
  slug: string;
  open: boolean;
  token: string;
  scriptPath: string;
  /** The threads as renderThreads made them (escaped there). */
  threadsHtml: string;
}

function Pages(props: { slug: string; page: CommentPage; defaultOrder: Order }) {
  const { page, slug } = props;
  if (page.pages <= 1) return null;
  const at = (n: number) => `${commentsPagePath(slug, n, page.order, props.defaultOrder)}#comments`;
  return (
    <nav class="pagination comment-pages" aria-label="Comment pages">
      {page.page > 1 ? <a href={at(page.page - 1)}>← Earlier comments</a> : <span />}
      <span>
        Page {page.page} of {page.pages}
      </span>
      {page.page < page.pages ? <a href={at(page.page + 1)}>More comments →</a> : <span />}
    </nav>
  );
}

function CommentThreads(props: ThreadsProps) {
  const { page, slug } = props;
  const view: CommentView = { slug, language: props.language, timeZone: props.timeZone, open: props.open };
  const other: Order = page.order === 'oldest' ? 'newest' : 'oldest';
  return (
    <>
      <h2 id="comments-title">{countText(page.total)}</h2>
      {page.total > 1 && (
        <p class="comment-order">
          {page.order === 'oldest' ? 'Oldest first' : 'Newest first'} ·{' '}
          <a href={`${commentsPagePath(slug, 1, other, props.defaultOrder)}#comments`}>
            {other === 'oldest' ? 'Show oldest first' : 'Show newest first'}
          </a>
        </p>
      )}
      {page.threads.length > 0 && (
        <ol class="comment-list">
          {page.threads.map((node) => (
            <CommentItem node={node} view={view} />
          ))}
        </ol>
      )}
      <Pages slug={slug} page={page} defaultOrder={props.defaultOrder} />
    </>
  );
}

export function renderThreads(props: ThreadsProps): string {
  return renderToString(<CommentThreads {...props} />);
}

export function CommentsSection(props: SectionProps) {
  const { slug } = props;
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      {/* Rendered by renderThreads from the same escaping components; only the caching is separate. */}
      <div class="comment-threads" dangerouslySetInnerHTML={{ __html: props.threadsHtml }} />
      {props.open ? (
        <>
          <CommentForm slug={slug} values={emptyValues()} token={props.token} />
          <script type="module" src={props.scriptPath} />
        </>
      ) : (
        <p class="comments-closed">Comments are closed for this article.</p>
      )}
    </section>
  );
}

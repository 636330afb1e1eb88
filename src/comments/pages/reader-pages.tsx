// Whole pages of the reader's comment system: further pages of an article's comments (cached), and the
// pages only one reader sees (never cached): the form after a problem or for a reply without JavaScript, and
// a reader's own comment while it waits for moderation.
import type { ComponentChildren } from 'preact';
import type { ArticleRef } from '../../articles/article-refs.js';
import type { FieldErrors } from '../../http/errors.js';
import type { SiteContext } from '../../site/site-context.js';
import { Layout } from '../../views/layout.js';
import type { PublicComment } from '../comments.js';
import type { CommentFormValues } from '../form.js';
import { CommentForm } from './comment-form.js';
import { CommentBody } from './comment-item.js';
import { CommentsSection, type SectionProps } from './comments-section.js';

export function ReaderShell(props: {
  ctx: SiteContext;
  title: string;
  canonical?: string;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      head={
        <>
          <title>{`${props.title} – ${ctx.settings.siteName}`}</title>
          <meta name="robots" content="noindex, follow" />
          {props.canonical && <link rel="canonical" href={ctx.baseUrl + props.canonical} />}
        </>
      }
    >
      <div class="article comment-page">{props.children}</div>
    </Layout>
  );
}

function BackTo(props: { article: ArticleRef; anchor?: string }) {
  return (
    <p class="kicker">
      <a href={`/articles/${props.article.slug}${props.anchor ?? ''}`}>← {props.article.headline}</a>
    </p>
  );
}

export function CommentsPage(props: {
  ctx: SiteContext;
  article: ArticleRef;
  page: number;
  section: SectionProps;
}) {
  return (
    <ReaderShell
      ctx={props.ctx}
      title={`Comments on ${props.article.headline}${props.page > 1 ? ` (page ${props.page})` : ''}`}
      canonical={`/articles/${props.article.slug}`}
    >
      <BackTo article={props.article} />
      <CommentsSection {...props.section} />
    </ReaderShell>
  );
}

export function FormPage(props: {
  ctx: SiteContext;
  article: ArticleRef;
  values: CommentFormValues;
  errors?: FieldErrors;
  message?: string;
  token: string;
  replyTo?: PublicComment;
  scriptPath: string;
}) {
  const { ctx, replyTo } = props;
  const view = { language: ctx.settings.language, timeZone: ctx.settings.timeZone };
  return (
    <ReaderShell
      ctx={ctx}
      title={replyTo ? `Reply to ${replyTo.authorName}` : `Comment on ${props.article.headline}`}
    >
      <BackTo article={props.article} anchor="#comments" />
      {replyTo && (
        <div class="comment comment-context">
          <CommentBody comment={replyTo} view={view} />
        </div>
      )}
      <CommentForm
        slug={props.article.slug}
        values={props.values}
        errors={props.errors}
        message={props.message}
        token={props.token}
        replyTo={replyTo ? { id: replyTo.id, name: replyTo.authorName } : undefined}
      />
      <script type="module" src={props.scriptPath} />
    </ReaderShell>
  );
}

/** The reader's own held comment: shown to them alone, through the signed link they were sent to. */
export function HeldComment(props: { comment: PublicComment; language: string; timeZone: string }) {
  return (
    <div class="comment comment-held" id={`comment-${props.comment.id}`}>
      <p class="comment-held-note">
        <strong>Your comment is awaiting moderation.</strong> Only you can see it here; everyone will see it
        once a moderator approves it.
      </p>
      <CommentBody comment={props.comment} view={props} />
    </div>
  );
}

export function HeldPage(props: {
  ctx: SiteContext;
  article: ArticleRef;
  comment: PublicComment;
  /** The signed link's token: the script keeps it, so the article shows this reader their comment. */
  token: string;
  scriptPath: string;
}) {
  const { ctx } = props;
  return (
    <ReaderShell ctx={ctx} title="Your comment is awaiting moderation">
      <BackTo article={props.article} anchor="#comments" />
      <h1>Thank you for your comment</h1>
      <div data-article={props.article.slug} data-held-token={props.token}>
        <HeldComment
          comment={props.comment}
          language={ctx.settings.language}
          timeZone={ctx.settings.timeZone}
        />
      </div>
      <p>
        <a href={`/articles/${props.article.slug}#comments`}>Back to the article</a>
      </p>
      <script type="module" src={props.scriptPath} />
    </ReaderShell>
  );
}

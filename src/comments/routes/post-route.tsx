// Posting a comment: a form post that redirects (to the comment, or to the reader's held comment), or a
// fetch from the form island that gets JSON with the comment's HTML. Posting is protected by the global
// Origin check (http/csrf.ts): the form sits on a cached page shared by all readers, so it cannot carry a
// per-reader token. Without the island, a refused comment comes back on a form page with every word kept.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { publishedArticleBySlug } from '../../articles/article-refs.js';
import { DomainError, NotFound } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import { requireSlug } from '../../http/request-params.js';
import { renderDocument } from '../../views/layout.js';
import { pageFormToken, publishedCommentOn } from '../article-comments.js';
import { type CommentFormValues, readCommentForm } from '../form.js';
import { heldLink } from '../held-comments.js';
import { commentLocation } from '../locations.js';
import { CommentItem } from '../pages/comment-item.js';
import { FormPage, HeldComment } from '../pages/reader-pages.js';
import { postComment } from '../post-comment.js';
import { CommentRateLimited } from '../rate-limits.js';
import { commentsOfThisBrowser, rememberComment } from './commenter-cookie.js';
import { personal, personalPage, type ReaderRouteOptions, type SlugParams } from './route-helpers.js';

export function postRoute(options: ReaderRouteOptions) {
  const { deps, site } = options;

  /** The form again, with what the reader typed and what went wrong. */
  async function formAgain(
    reply: FastifyReply,
    slug: string,
    values: CommentFormValues,
    status: number,
    problem: { message: string; fields?: Record<string, string> },
  ) {
    const [ctx, article] = await Promise.all([site.context(), publishedArticleBySlug(deps.db, slug)]);
    const parentId = /^\d+$/.test(values.parent) ? Number(values.parent) : null;
    const replyTo = parentId ? await publishedCommentOn(deps, article.id, parentId) : undefined;
    const page = (
      <FormPage
        ctx={ctx}
        article={article}
        values={{ ...values, token: '' }}
        errors={problem.fields}
        message={problem.message}
        token={values.token || pageFormToken(deps, article.id)}
        replyTo={replyTo}
        scriptPath={options.scriptPath}
      />
    );
    return personalPage(reply, status, renderDocument(page));
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.post<SlugParams>('/articles/:slug/comments', async (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const values = readCommentForm(request.body);
      const json = wantsJson(request);
      try {
        const { language, timeZone } = (await site.context()).settings;
        const browserComments = commentsOfThisBrowser(request, deps.secret);
        const posted = await postComment(deps, {
          slug,
          values,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          referrer: request.headers.referer ?? '',
          language,
          browserComments,
        });
        const { id, parentId: parent, comment } = posted;
        rememberComment(reply, { ...deps, earlier: browserComments, id });
        if (posted.status === 'approved') {
          const location = await commentLocation(deps.db, id);
          if (!json) return personal(reply).redirect(location, 303);
          const view = { slug, language, timeZone, open: true };
          const html = renderToString(<CommentItem node={{ id, comment, replies: [] }} view={view} />);
          return personal(reply).code(201).send({ status: 'approved', id, parent, location, html });
        }
        // Held or in the spam folder: the reader is told the same either way, and sees it alone.
        const { token, location } = heldLink(deps, slug, id);
        if (!json) return personal(reply).redirect(location, 303);
        const html = renderToString(
          <HeldComment comment={comment} language={language} timeZone={timeZone} />,
        );
        return personal(reply).code(202).send({ status: 'held', id, parent, token, location, html });
      } catch (error) {
        // The real wait, for the form island's JSON as for the page: clients and proxies may honour it.
        if (error instanceof CommentRateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
        if (json) throw error;
        if (error instanceof NotFound) throw error;
        if (error instanceof DomainError) {
          return formAgain(reply, slug, values, error.status, {
            message: error.message,
            fields: error.fields,
          });
        }
        // Whatever broke, the reader gets their words back with the apology.
        request.log.error({ err: error }, 'posting a comment failed');
        return formAgain(reply, slug, values, 500, {
          message:
            'Something went wrong on our side and your comment was not saved. It is below; please try again in a moment.',
        });
      }
    });
  };
}

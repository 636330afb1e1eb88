// The reader's comment routes: posting (a form post that redirects, or a fetch from the form island that gets
// JSON), further comment pages, the reply form without JavaScript, a reader's own held comment, permalinks,
// and the form island's token for the time the form came into view. Posting is protected by the global
// Origin check (http/csrf.ts): the form sits on a cached page shared by all readers, so it cannot carry a
// per-reader token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { articlesByIds, publishedArticleBySlug } from '../articles/article-refs.js';
import { articleTag } from '../articles/cache-tags.js';
import { Conflict, DomainError, Invalid, NotFound } from '../http/errors.js';
import { wantsJson } from '../http/negotiate.js';
import type { ServePublicPage } from '../http/public-page.js';
import { pageNumber, requireSlug } from '../http/request-params.js';
import type { SiteState } from '../site/site-state.js';
import { renderDocument } from '../views/layout.js';
import type { CommentDeps } from './approval.js';
import { ALL_COMMENTS, commentsTag } from './cache-tags.js';
import {
  commentsClosed,
  commentsPagePath,
  loadCommentPage,
  type Order,
  pageOfThread,
  toPublicComment,
} from './comments.js';
import { type CommentFormValues, readCommentForm } from './form.js';
import { emptyValues } from './pages/comment-form.js';
import { CommentItem } from './pages/comment-item.js';
import { renderThreads } from './pages/comments-section.js';
import { CommentsPage, FormPage, HeldComment, HeldPage } from './pages/reader-pages.js';
import { postComment } from './post-comment.js';
import * as q from './queries.js';
import { CommentRateLimited } from './rate-limits.js';
import { readCommentSettings } from './settings.js';
import { heldCommentId, signArticleFormToken, signHeldToken } from './tokens.js';

export interface ReaderCommentRoutesOptions {
  deps: CommentDeps;
  site: SiteState;
  serve: ServePublicPage;
  scriptPath: string;
}

const HELD_LINK_DAYS = 30;
type SlugParams = { Params: { slug: string } };

function orderParam(query: unknown, fallback: Order): Order {
  const raw = (query as Record<string, unknown> | undefined)?.order;
  if (raw === undefined) return fallback;
  if (raw === 'oldest' || raw === 'newest') return raw;
  throw new Invalid('The order must be "oldest" or "newest".', { order: 'must be oldest or newest' });
}

function idParam(raw: string): number {
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new NotFound();
  return Number(raw);
}

function personal(reply: FastifyReply): FastifyReply {
  // Pages for one reader: never stored by a browser cache or CDN, never leaking their link as a referrer.
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

export function readerCommentRoutes(options: ReaderCommentRoutesOptions) {
  const { deps, site, serve } = options;
  const { db, secret } = deps;
  const pageToken = (articleId: number) =>
    signArticleFormToken(secret, { articleId, source: 'page', shownAt: deps.clock() });

  async function formPage(
    reply: FastifyReply,
    slug: string,
    values: CommentFormValues,
    status: number,
    problem?: { message: string; fields?: Record<string, string> },
  ) {
    const [ctx, article] = await Promise.all([site.context(), publishedArticleBySlug(db, slug)]);
    const parentId = /^\d+$/.test(values.parent) ? Number(values.parent) : null;
    const parent = parentId ? await q.selectComment(db, parentId) : undefined;
    const replyTo =
      parent?.status === 'approved' && parent.article_id === article.id ? toPublicComment(parent) : undefined;
    const page = (
      <FormPage
        ctx={ctx}
        article={article}
        values={{ ...values, token: '' }}
        errors={problem?.fields}
        message={problem?.message}
        token={values.token || pageToken(article.id)}
        replyTo={replyTo}
        scriptPath={options.scriptPath}
      />
    );
    return personal(reply).code(status).type('text/html; charset=utf-8').send(renderDocument(page));
  }

  async function permalink(commentId: number): Promise<string> {
    const row = await q.selectComment(db, commentId);
    if (row?.status !== 'approved') throw new NotFound('That comment is not published.');
    const articles = await articlesByIds(db, [row.article_id]);
    const ref = articles.get(row.article_id);
    if (!ref?.published) throw new NotFound('That comment is not published.');
    const settings = await readCommentSettings(db);
    const page = await pageOfThread(
      db,
      row.article_id,
      row.root_id ?? row.id,
      settings.order,
      settings.perPage,
    );
    return `${commentsPagePath(ref.slug, page, settings.order, settings.order)}#comment-${row.id}`;
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.post<SlugParams>('/articles/:slug/comments', async (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const values = readCommentForm(request.body);
      const json = wantsJson(request);
      try {
        const ctx = await site.context();
        const posted = await postComment(deps, {
          slug,
          values,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          referrer: request.headers.referer ?? '',
          language: ctx.settings.language,
        });
        const view = { slug, language: ctx.settings.language, timeZone: ctx.settings.timeZone, open: true };
        const row = (await q.selectComment(db, posted.id))!;
        const comment = toPublicComment(row);
        if (posted.status === 'approved') {
          const location = await permalink(posted.id);
          if (!json) return personal(reply).redirect(location, 303);
          const html = renderToString(
            <CommentItem node={{ id: posted.id, comment, replies: [] }} view={view} />,
          );
          return personal(reply)
            .code(201)
            .send({ status: 'approved', id: posted.id, parent: row.parent_id, location, html });
        }
        // Held or in the spam folder: the reader is told the same either way, and sees it alone.
        const token = signHeldToken(
          secret,
          posted.id,
          new Date(deps.clock().getTime() + HELD_LINK_DAYS * 86_400_000),
        );
        const location = `/articles/${slug}/comments/held/${token}`;
        if (!json) return personal(reply).redirect(location, 303);
        const html = renderToString(
          <HeldComment comment={comment} language={view.language} timeZone={view.timeZone} />,
        );
        return personal(reply)
          .code(202)
          .send({ status: 'held', id: posted.id, parent: row.parent_id, token, location, html });
      } catch (error) {
        // The real wait, for the form island's JSON as for the page: clients and proxies may honour it.
        if (error instanceof CommentRateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
        if (json) throw error;
        if (error instanceof NotFound) throw error;
        if (error instanceof DomainError) {
          return formPage(reply, slug, values, error.status, {
            message: error.message,
            fields: error.fields,
          });
        }
        // Whatever broke, the reader gets their words back with the apology.
        request.log.error({ err: error }, 'posting a comment failed');
        return formPage(reply, slug, values, 500, {
          message:
            'Something went wrong on our side and your comment was not saved. It is below; please try again in a moment.',
        });
      }
    });

    app.get<SlugParams>('/articles/:slug/comments', async (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const settings = await readCommentSettings(db);
      const page = pageNumber(request.query);
      const order = orderParam(request.query, settings.order);
      if (page === 1 && order === settings.order) return reply.redirect(`/articles/${slug}#comments`, 301);
      return serve(request, reply, commentsPagePath(slug, page, order, settings.order), async () => {
        const [ctx, article] = await Promise.all([site.context(), publishedArticleBySlug(db, slug)]);
        const [open, data] = await Promise.all([
          commentsClosed(db, article, settings, deps.clock()).then((closed) => !closed),
          loadCommentPage(db, article.id, { page, order, perPage: settings.perPage }),
        ]);
        if (data.page !== page) throw new NotFound('There is no such page of comments.');
        const section = {
          slug,
          open,
          token: pageToken(article.id),
          scriptPath: options.scriptPath,
          threadsHtml: renderThreads({
            slug,
            page: data,
            defaultOrder: settings.order,
            open,
            language: ctx.settings.language,
            timeZone: ctx.settings.timeZone,
          }),
        };
        return {
          body: renderDocument(<CommentsPage ctx={ctx} article={article} page={page} section={section} />),
          tags: [commentsTag(article.id), ALL_COMMENTS, articleTag(article.id)],
        };
      });
    });

    app.get<{ Params: { slug: string; id: string } }>(
      '/articles/:slug/comments/reply/:id',
      async (request, reply) => {
        const slug = requireSlug(request.params.slug);
        const id = idParam(request.params.id);
        return serve(request, reply, `/articles/${slug}/comments/reply/${id}`, async () => {
          const [ctx, article, parent, settings] = await Promise.all([
            site.context(),
            publishedArticleBySlug(db, slug),
            q.selectComment(db, id),
            readCommentSettings(db),
          ]);
          if (parent?.status !== 'approved' || parent.article_id !== article.id) throw new NotFound();
          if (await commentsClosed(db, article, settings, deps.clock()))
            throw new NotFound('Comments on this article are closed.');
          const page = (
            <FormPage
              ctx={ctx}
              article={article}
              values={emptyValues(String(id))}
              token={pageToken(article.id)}
              replyTo={toPublicComment(parent)}
              scriptPath={options.scriptPath}
            />
          );
          return { body: renderDocument(page), tags: [commentsTag(article.id), articleTag(article.id)] };
        });
      },
    );

    app.get<{ Params: { slug: string; token: string } }>(
      '/articles/:slug/comments/held/:token',
      async (request, reply) => {
        const slug = requireSlug(request.params.slug);
        const id = heldCommentId(secret, request.params.token, deps.clock());
        if (id === null) throw new NotFound('This link is not valid any more.');
        const row = await q.selectComment(db, id);
        if (!row || row.status === 'erased' || row.status === 'trash')
          throw new NotFound('This comment is not there any more.');
        if (row.status === 'approved') {
          const location = await permalink(id);
          if (wantsJson(request)) return personal(reply).send({ status: 'approved', location });
          return personal(reply).redirect(location, 303);
        }
        const [ctx, article] = await Promise.all([site.context(), publishedArticleBySlug(db, slug)]);
        if (article.id !== row.article_id) throw new NotFound();
        const comment = toPublicComment(row);
        if (wantsJson(request)) {
          const html = renderToString(
            <HeldComment
              comment={comment}
              language={ctx.settings.language}
              timeZone={ctx.settings.timeZone}
            />,
          );
          return personal(reply).send({ status: 'held', id, parent: row.parent_id, html });
        }
        return personal(reply)
          .type('text/html; charset=utf-8')
          .send(
            renderDocument(
              <HeldPage
                ctx={ctx}
                article={article}
                comment={comment}
                token={request.params.token}
                scriptPath={options.scriptPath}
              />,
            ),
          );
      },
    );

    app.get<{ Params: { id: string } }>('/comments/:id', async (request, reply) =>
      reply.header('cache-control', 'no-store').redirect(await permalink(idParam(request.params.id)), 302),
    );

    // The form island asks for the time the reader sees the form (the page may have been cached for long),
    // for this article only, and only while its comments are open.
    app.get<SlugParams>('/articles/:slug/comments/form-token', async (request, reply) => {
      const slug = requireSlug(request.params.slug);
      const [article, settings] = await Promise.all([
        publishedArticleBySlug(db, slug),
        readCommentSettings(db),
      ]);
      if (await commentsClosed(db, article, settings, deps.clock()))
        throw new Conflict('Comments on this article are closed.');
      const token = signArticleFormToken(secret, {
        articleId: article.id,
        source: 'fresh',
        shownAt: deps.clock(),
      });
      return reply.header('cache-control', 'no-store').send({ token });
    });
  };
}

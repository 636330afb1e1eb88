// The routes for opening and closing comments by hand: the list of published articles (searchable by
// headline, a page at a time), and the switch of one article.
import type { FastifyInstance } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { pageNumber } from '../../http/request-params.js';
import { readCommentSettings } from '../settings.js';
import { articleCommentStates } from './article-list.js';
import { ArticlesPage } from './articles-page.js';
import { setCommentsClosed } from './moderate.js';
import {
  type AdminCommentOptions,
  backTo,
  EDITOR,
  type IdParams,
  idOf,
  PER_PAGE,
  staffOf,
} from './route-helpers.js';

export function articleRoutes(options: AdminCommentOptions) {
  const { deps } = options;
  const { db } = deps;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { q?: unknown } }>('/admin/comments/articles', EDITOR, async (request, reply) => {
      const typed = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
      const words = typed.split(/\s+/).filter(Boolean).slice(0, 10);
      const list = await articleCommentStates(db, await readCommentSettings(db), {
        words,
        page: pageNumber(request.query),
        perPage: PER_PAGE,
        now: deps.clock(),
      });
      return renderAdmin(request, reply, {
        title: 'Open or close comments',
        body: (
          <ArticlesPage
            articles={list.articles}
            search={words.join(' ')}
            total={list.total}
            page={list.page}
            pages={list.pages}
            csrfToken={request.csrfToken}
          />
        ),
      });
    });

    app.post<IdParams>('/admin/comments/articles/:id/closed', EDITOR, async (request, reply) => {
      const articleId = idOf(request.params.id);
      const closed = formText(request.body, 'closed') === '1';
      await setCommentsClosed(deps, staffOf(request), articleId, closed);
      setFlash(reply, {
        kind: 'ok',
        text: closed ? 'Comments are closed on that article.' : 'Comments are open on that article.',
      });
      return reply.redirect(backTo(request.body, '/admin/comments/articles'), 303);
    });
  };
}

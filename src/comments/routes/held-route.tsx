// A reader's own held comment, through the signed link they were sent to after posting: a page of its own,
// or JSON for the form island, which shows it in the article's thread to this reader alone. Once approved,
// the link leads to the comment's permalink.
import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { wantsJson } from '../../http/negotiate.js';
import { requireSlug } from '../../http/request-params.js';
import { renderDocument } from '../../views/layout.js';
import { heldComment } from '../held-comments.js';
import { HeldComment, HeldPage } from '../pages/reader-pages.js';
import { personal, personalPage, type ReaderRouteOptions } from './route-helpers.js';

export function heldRoute(options: ReaderRouteOptions) {
  const { deps, site } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { slug: string; token: string } }>(
      '/articles/:slug/comments/held/:token',
      async (request, reply) => {
        const { token } = request.params;
        const held = await heldComment(deps, requireSlug(request.params.slug), token);
        if (held.status === 'approved') {
          if (wantsJson(request))
            return personal(reply).send({ status: 'approved', location: held.location });
          return personal(reply).redirect(held.location, 303);
        }
        const ctx = await site.context();
        const { article, comment } = held;
        if (wantsJson(request)) {
          const { language, timeZone } = ctx.settings;
          const html = renderToString(
            <HeldComment comment={comment} language={language} timeZone={timeZone} />,
          );
          return personal(reply).send({ status: 'held', id: comment.id, parent: held.parentId, html });
        }
        const page = (
          <HeldPage
            ctx={ctx}
            article={article}
            comment={comment}
            token={token}
            scriptPath={options.scriptPath}
          />
        );
        return personalPage(reply, 200, renderDocument(page));
      },
    );
  };
}

// An article's revisions in the newsroom: the list, a comparison of any two, and restoring one.
import type { FastifyInstance } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { canEditArticle } from '../../admin/guardian.js';
import { Invalid } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import { RevisionsPage } from '../pages/revisions-page.js';
import { compareRevisions, listRevisions, restoreRevision } from '../revisions.js';
import { timeFormat } from '../time-format.js';
import { articleIdOf, contributor, type EditorialOptions, type IdParams, limitedStep } from './options.js';

export function revisionRoutes(options: EditorialOptions) {
  const { db, clock, site } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<IdParams & { Querystring: { from?: string; to?: string } }>(
      '/admin/articles/:id/revisions',
      contributor,
      async (request, reply) => {
        const id = articleIdOf(request);
        const me = request.staff!;
        const { article, revisions, activity } = await listRevisions(db, me, id);
        const { from, to } = request.query;
        let comparison: Awaited<ReturnType<typeof compareRevisions>> | undefined;
        if (from !== undefined || to !== undefined) {
          const versions = [from, to].map((v) => Number(v));
          if (!versions.every((v) => Number.isSafeInteger(v) && v > 0)) {
            throw new Invalid('Choose two versions to compare.');
          }
          comparison = await compareRevisions(db, me, id, versions[0]!, versions[1]!);
        }
        const { when } = await timeFormat(site);
        return renderAdmin(request, reply, {
          title: `Revisions: ${article.fields.headline}`,
          assets: ['editor.css'],
          body: (
            <RevisionsPage
              csrfToken={request.csrfToken}
              article={article}
              revisions={revisions}
              activity={activity}
              canRestore={canEditArticle(me, article)}
              comparison={comparison}
              when={when}
            />
          ),
        });
      },
    );

    app.post<{ Params: { id: string; version: string } }>(
      '/admin/articles/:id/revisions/:version/restore',
      limitedStep('contributor'),
      async (request, reply) => {
        const id = articleIdOf(request);
        const version = idParam(request.params.version, 'That is not a version.');
        const outcome = await restoreRevision(options, request.staff!, id, version, clock());
        // A published story is not changed here: the editor opens with the old version as the change to Update.
        if (outcome.pending) return reply.redirect(`/admin/articles/${id}?restore=${version}`, 303);
        const text = `Version ${version} restored as version ${outcome.article.version}.`;
        setFlash(reply, { kind: 'ok', text });
        return reply.redirect(`/admin/articles/${id}`, 303);
      },
    );
  };
}

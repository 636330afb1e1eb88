// The newsroom's article routes: the list, new and edit pages, and saving (a form post, or the editor's
// autosave fetch with the same fields). A refused save answers with the form as typed, so nothing is lost.

import type { FastifyInstance } from 'fastify';
import { renderAdmin, setFlash } from '../admin/auth/render.js';
import { MINUTE_MS } from '../admin/auth/request-limits.js';
import { DomainError } from '../http/errors.js';
import { wantsJson } from '../http/negotiate.js';
import { createArticle } from './drafts.js';
import { renderEditPage, timeFormat } from './edit-view.js';
import { type EditableArticle, loadForEditing } from './editable.js';
import { parseArticleForm, readArticleForm } from './fields.js';
import { editorChoices, listArticles, readListQuery } from './listing.js';
import { searchMediaChoices } from './media-choices.js';
import { ArticleListPage } from './pages/list-page.js';
import {
  articleIdOf,
  contributor,
  type EditorialOptions,
  field,
  type IdParams,
  refusedForm,
  saveFromForm,
} from './route-shared.js';
import { workflowRoutes } from './workflow-routes.js';

// Autosave sends a request every few seconds per open editor; this is far above that and stops a runaway.
const saving = {
  config: { permission: 'contributor' as const, limit: { max: 120, windowMs: MINUTE_MS } },
};

function savedMessage(article: EditableArticle, saved: boolean): string {
  if (!saved) return 'Nothing had changed since the last save.';
  return article.status === 'published'
    ? `Updated: version ${article.version} is on the site now.`
    : `Saved as version ${article.version}.`;
}

export function editorialRoutes(options: EditorialOptions) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/articles', contributor, async (request, reply) => {
      const query = readListQuery(request.query);
      const [list, choices, { when }] = await Promise.all([
        listArticles(db, request.staff!, query),
        editorChoices(db),
        timeFormat(options.site),
      ]);
      return renderAdmin(request, reply, {
        title: 'Articles',
        assets: ['editor.css'],
        body: <ArticleListPage me={request.staff!} query={query} choices={choices} list={list} when={when} />,
      });
    });

    app.get('/admin/articles/new', contributor, (request, reply) =>
      renderEditPage(options, request, reply, { article: null }),
    );

    app.post('/admin/articles', saving, async (request, reply) => {
      const form = readArticleForm(request.body);
      const autosave = field(request.body, 'autosave') === '1';
      try {
        const fields = parseArticleForm(form);
        const article = await createArticle(
          db,
          request.staff!,
          fields,
          autosave ? 'autosave' : 'manual',
          clock(),
        );
        if (wantsJson(request)) {
          return reply
            .code(201)
            .send({ id: article.id, version: article.version, savedAt: article.savedAt, saved: true });
        }
        setFlash(reply, { kind: 'ok', text: 'Draft created.' });
        const next = field(request.body, 'intent') === 'preview' ? '/preview' : '';
        return reply.redirect(`/admin/articles/${article.id}${next}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500 || wantsJson(request)) throw error;
        return refusedForm(options, request, reply, null, form, error);
      }
    });

    app.get<IdParams>('/admin/articles/:id', contributor, async (request, reply) => {
      const article = await loadForEditing(db, request.staff!, articleIdOf(request));
      return renderEditPage(options, request, reply, { article });
    });

    app.post<IdParams>('/admin/articles/:id', saving, async (request, reply) => {
      const id = articleIdOf(request);
      const autosave = field(request.body, 'autosave') === '1';
      const outcome = await saveFromForm(options, request, reply, id, autosave ? 'autosave' : 'manual');
      if (!outcome.ok) return outcome.reply;
      const { article, saved } = outcome;
      if (wantsJson(request)) {
        return reply.send({
          id,
          version: article.version,
          savedAt: article.savedAt,
          saved,
          status: article.status,
        });
      }
      setFlash(reply, { kind: 'ok', text: savedMessage(article, saved) });
      const next = field(request.body, 'intent') === 'preview' ? '/preview' : '';
      return reply.redirect(`/admin/articles/${id}${next}`, 303);
    });

    // The editor's image chooser: recent images, or those whose words match.
    app.get<{ Querystring: { q?: string } }>(
      '/admin/articles/media-choices',
      contributor,
      async (request, reply) => {
        const search = typeof request.query.q === 'string' ? request.query.q : '';
        return reply
          .header('cache-control', 'no-store')
          .send({ items: await searchMediaChoices(db, search, clock()) });
      },
    );

    await app.register(workflowRoutes(options));
  };
}

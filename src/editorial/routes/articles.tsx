// The newsroom's article routes: the list, the new and edit pages, and saving (a form post, or the editor's
// autosave fetch with the same fields). A refused save answers with the form as typed, so nothing is lost.
import type { FastifyInstance } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { MINUTE_MS } from '../../admin/auth/request-limits.js';
import { formText } from '../../admin/views/form.js';
import { DomainError } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import { idParam } from '../../http/request-params.js';
import { formOf, parseArticleForm, readArticleForm } from '../article-form.js';
import { createArticle } from '../drafts.js';
import { renderEditPage } from '../edit-view.js';
import { type EditableArticle, loadForEditing, loadForEditPage } from '../editable.js';
import { editorChoices } from '../editor-choices.js';
import { listArticles, readListQuery } from '../listing.js';
import { ArticleListPage } from '../pages/list-page.js';
import { pendingRestore } from '../revisions.js';
import { timeFormat } from '../time-format.js';
import { articleIdOf, contributor, type EditorialOptions, type IdParams } from './options.js';
import { refusedForm, saveFromForm } from './save-form.js';
import { renderTrash } from './trash.js';

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

/** What loading an old version into the editor did, and what Update would change on the live story. */
function restoreNotice(article: EditableArticle, version: number, changed: string[]): string {
  const live = article.status === 'published';
  if (changed.length === 0)
    return `Version ${version} is the same as the current version: nothing to change.`;
  const what = `Version ${version} differs from the current version in: ${changed.join(', ')}.`;
  return live
    ? `${what} It is loaded here and nothing on the site has changed: press Update to publish it. ` +
        'If it corrects what readers saw, add a correction note after the Update.'
    : `${what} It is loaded here: press Save to keep it.`;
}

/** Where a save goes next: the preview when "Save and preview" was pressed, else the edit page. */
function afterSave(body: unknown, id: number): string {
  return `/admin/articles/${id}${formText(body, 'intent') === 'preview' ? '/preview' : ''}`;
}

export function articleRoutes(options: EditorialOptions) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/articles', contributor, async (request, reply) => {
      // The trash is a view of the list, not a status: its articles are out of every other list.
      if ((request.query as Record<string, unknown>).status === 'trash')
        return renderTrash(options, request, reply);
      const query = readListQuery(request.query);
      const [list, choices, { when }] = await Promise.all([
        listArticles(db, request.staff!, query),
        editorChoices(db),
        timeFormat(options.site),
      ]);
      return renderAdmin(request, reply, {
        title: 'Articles',
        assets: ['editor.css'],
        body: (
          <ArticleListPage
            me={request.staff!}
            query={query}
            choices={choices}
            list={list}
            when={when}
            csrfToken={request.csrfToken ?? ''}
          />
        ),
      });
    });

    app.get('/admin/articles/new', contributor, (request, reply) =>
      renderEditPage(options, request, reply, { article: null }),
    );

    app.post('/admin/articles', saving, async (request, reply) => {
      const form = readArticleForm(request.body);
      const autosave = formText(request.body, 'autosave') === '1';
      try {
        const fields = parseArticleForm(form);
        const kind = autosave ? 'autosave' : 'manual';
        const article = await createArticle(db, request.staff!, fields, kind, clock());
        if (wantsJson(request)) {
          return reply
            .code(201)
            .send({ id: article.id, version: article.version, savedAt: article.savedAt, saved: true });
        }
        setFlash(reply, { kind: 'ok', text: 'Draft created.' });
        return reply.redirect(afterSave(request.body, article.id), 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500 || wantsJson(request)) throw error;
        return refusedForm(options, request, reply, null, form, error);
      }
    });

    app.get<IdParams & { Querystring: { restore?: string } }>(
      '/admin/articles/:id',
      contributor,
      async (request, reply) => {
        const restore = request.query.restore;
        if (restore === undefined) {
          const { article, readOnly } = await loadForEditPage(db, request.staff!, articleIdOf(request));
          return renderEditPage(options, request, reply, { article, readOnly });
        }
        const article = await loadForEditing(db, request.staff!, articleIdOf(request));
        const version = idParam(restore, 'That is not a version.');
        const { fields, changed } = await pendingRestore(db, article, version);
        return renderEditPage(options, request, reply, {
          article,
          form: formOf(fields),
          notice: restoreNotice(article, version, changed),
        });
      },
    );

    app.post<IdParams>('/admin/articles/:id', saving, async (request, reply) => {
      const id = articleIdOf(request);
      const autosave = formText(request.body, 'autosave') === '1';
      const outcome = await saveFromForm(options, request, reply, id, autosave ? 'autosave' : 'manual');
      if (!outcome.ok) return outcome.reply;
      const { article, saved } = outcome;
      if (wantsJson(request)) {
        const { version, savedAt, status } = article;
        return reply.send({ id, version, savedAt, saved, status });
      }
      setFlash(reply, { kind: 'ok', text: savedMessage(article, saved) });
      return reply.redirect(afterSave(request.body, id), 303);
    });
  };
}

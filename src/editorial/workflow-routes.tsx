// Workflow steps (each saves the posted form first, so nothing typed is left behind), the preview, the
// revisions, corrections in the newsroom, and the public /corrections record.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../admin/auth/render.js';
import { canEditArticle, type StaffMember } from '../admin/guardian.js';
import { renderArticlePage } from '../articles/pages/article-page.js';
import { DomainError, Invalid } from '../http/errors.js';
import { withDirective } from '../http/security-headers.js';
import { addCorrection, withdrawCorrection } from './corrections.js';
import { renderEditPage, timeFormat } from './edit-view.js';
import { type EditorialDeps, loadArticle } from './editable.js';
import { readArticleForm } from './fields.js';
import { PreviewPage } from './pages/preview-page.js';
import { RevisionsPage } from './pages/revisions-page.js';
import { articleForPreview } from './preview.js';
import { compareRevisions, listRevisions, restoreRevision } from './revisions.js';
import {
  articleIdOf,
  contributor,
  type EditorialOptions,
  type IdParams,
  limitedStep,
  saveFromForm,
} from './route-shared.js';
import {
  publishArticle,
  returnToDraft,
  scheduleArticle,
  submitForReview,
  unpublishArticle,
  zonedTime,
} from './workflow.js';

const stepByContributor = limitedStep('contributor');
const stepByEditor = limitedStep('editor');
// The preview page is framed by the newsroom's own preview screen; every other page may not be framed.

type Step = (deps: EditorialDeps, actor: StaffMember, id: number, request: FastifyRequest) => Promise<string>;

function text(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

export function workflowRoutes(options: EditorialOptions) {
  const { db, clock, site } = options;

  /** Saves what the form holds, then takes the step; a refused step shows the saved article with why. */
  async function saveThenStep(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    step: Step,
    order: 'save-first' | 'step-first' = 'save-first',
  ) {
    const id = articleIdOf(request);
    const me = request.staff!;
    let saved = false;
    try {
      if (order === 'step-first') {
        const message = await step(options, me, id, request);
        const outcome = await saveFromForm(options, request, reply, id, 'manual');
        if (!outcome.ok) return outcome.reply;
        setFlash(reply, { kind: 'ok', text: message });
        return reply.redirect(`/admin/articles/${id}`, 303);
      }
      const outcome = await saveFromForm(options, request, reply, id, 'manual');
      if (!outcome.ok) return outcome.reply;
      saved = true;
      const message = await step(options, me, id, request);
      setFlash(reply, { kind: 'ok', text: message });
      return reply.redirect(`/admin/articles/${id}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const article = await loadArticle(db, id);
      // Someone who may no longer edit it (a contributor after submitting) sees the list instead.
      if (!canEditArticle(me, article)) throw error;
      return renderEditPage(options, request, reply, {
        article,
        // A step refused before the save leaves what was typed only in this request: show it again.
        ...(saved
          ? {}
          : {
              form: readArticleForm(request.body),
              baseVersion: Number(text(request.body, 'baseVersion')) || article.version,
            }),
        errors: error.fields,
        message: error.message,
        status: error.status,
      });
    }
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.post<IdParams>('/admin/articles/:id/submit', stepByContributor, (request, reply) =>
      saveThenStep(request, reply, async (deps, me, id) => {
        await submitForReview(deps, me, id, clock());
        return 'Submitted for review. An editor will take it from here.';
      }),
    );

    // Back to draft first: a scheduled article then takes what was typed as a draft, unfinished or not,
    // where saving it while still scheduled would be refused for leaving it unready.
    app.post<IdParams>('/admin/articles/:id/draft', stepByContributor, (request, reply) =>
      saveThenStep(
        request,
        reply,
        async (deps, me, id) => {
          await returnToDraft(deps, me, id, clock());
          return 'Back to draft.';
        },
        'step-first',
      ),
    );

    app.post<IdParams>('/admin/articles/:id/publish', stepByEditor, (request, reply) =>
      saveThenStep(request, reply, async (deps, me, id) => {
        await publishArticle(deps, me, id, clock());
        return 'Published. It is on the site now.';
      }),
    );

    app.post<IdParams>('/admin/articles/:id/schedule', stepByEditor, (request, reply) =>
      saveThenStep(request, reply, async (deps, me, id, req) => {
        const { timeZone, when } = await timeFormat(site);
        const at = zonedTime(text(req.body, 'scheduledAt'), timeZone);
        await scheduleArticle(deps, me, id, at, clock());
        return `Scheduled: it publishes itself at ${when(at.toISOString())}.`;
      }),
    );

    // Unpublished first: edits sent along must not reach readers on the way out.
    app.post<IdParams>('/admin/articles/:id/unpublish', stepByEditor, (request, reply) =>
      saveThenStep(
        request,
        reply,
        async (deps, me, id) => {
          await unpublishArticle(deps, me, id, clock());
          return 'Unpublished. Readers no longer find it; the old address answers “not found”.';
        },
        'step-first',
      ),
    );

    app.get<IdParams>('/admin/articles/:id/preview', contributor, async (request, reply) => {
      const { editable } = await articleForPreview(db, request.staff!, articleIdOf(request), clock());
      const { when } = await timeFormat(site);
      return renderAdmin(request, reply, {
        title: `Preview: ${editable.fields.headline}`,
        assets: ['editor.css'],
        body: <PreviewPage article={editable} when={when} />,
      });
    });

    app.get<IdParams>('/admin/articles/:id/preview/page', contributor, async (request, reply) => {
      const { article } = await articleForPreview(db, request.staff!, articleIdOf(request), clock());
      const ctx = await site.context();
      // The same additions the reader page gets, in the same order: support, then comments.
      const extend = options.previewExtensions ?? [];
      const extensions = await Promise.all(extend.map((add) => add(article, ctx)));
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .header(
          'content-security-policy',
          withDirective(app.contentSecurityPolicy, 'frame-ancestors', "'self'"),
        )
        .header('x-frame-options', 'SAMEORIGIN')
        .type('text/html; charset=utf-8')
        .send(renderArticlePage(article, ctx, extensions));
    });

    app.get<IdParams & { Querystring: { from?: string; to?: string } }>(
      '/admin/articles/:id/revisions',
      contributor,
      async (request, reply) => {
        const id = articleIdOf(request);
        const me = request.staff!;
        const { article, revisions } = await listRevisions(db, me, id);
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
      stepByContributor,
      async (request, reply) => {
        const id = articleIdOf(request);
        const version = Number(request.params.version);
        if (!Number.isSafeInteger(version) || version <= 0) throw new Invalid('That is not a version.');
        const { article } = await restoreRevision(options, request.staff!, id, version, clock());
        setFlash(reply, { kind: 'ok', text: `Version ${version} restored as version ${article.version}.` });
        return reply.redirect(`/admin/articles/${id}`, 303);
      },
    );

    app.post<IdParams>('/admin/articles/:id/corrections', stepByEditor, async (request, reply) => {
      const id = articleIdOf(request);
      const input = {
        kind: text(request.body, 'kind'),
        text: text(request.body, 'text'),
        weight: text(request.body, 'weight'),
      };
      try {
        await addCorrection(options, request.staff!, id, input, clock());
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        return renderEditPage(options, request, reply, {
          article: await loadArticle(db, id),
          correctionDraft: { ...input, errors: error.fields, message: error.message },
          status: error.status,
        });
      }
      setFlash(reply, {
        kind: 'ok',
        text: 'The note is published on the article and on the corrections page.',
      });
      return reply.redirect(`/admin/articles/${id}#corrections`, 303);
    });

    app.post<{ Params: { id: string; correction: string } }>(
      '/admin/articles/:id/corrections/:correction/withdraw',
      stepByEditor,
      async (request, reply) => {
        articleIdOf(request);
        const correctionId = Number(request.params.correction);
        if (!Number.isSafeInteger(correctionId) || correctionId <= 0)
          throw new Invalid('That is not a correction.');
        const articleId = await withdrawCorrection(options, request.staff!, correctionId, clock());
        setFlash(reply, { kind: 'ok', text: 'Withdrawn. It stays in the record, marked withdrawn.' });
        return reply.redirect(`/admin/articles/${articleId}#corrections`, 303);
      },
    );
  };
}

// The workflow steps from the edit page: submit, back to draft, publish, schedule, unpublish. Each button
// posts the article form itself, so what was typed is saved with the step and never left behind.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../admin/auth/render.js';
import { canEditArticle, type StaffMember } from '../../admin/guardian.js';
import { formText } from '../../admin/views/form.js';
import { DomainError } from '../../http/errors.js';
import { zonedTime } from '../../views/dates.js';
import { readArticleForm } from '../article-form.js';
import { renderEditPage } from '../edit-view.js';
import { type EditorialDeps, loadArticle } from '../editable.js';
import { timeFormat } from '../time-format.js';
import {
  publishArticle,
  returnToDraft,
  scheduleArticle,
  submitForReview,
  unpublishArticle,
} from '../workflow.js';
import { articleIdOf, type EditorialOptions, type IdParams, limitedStep } from './options.js';
import { saveFromForm } from './save-form.js';

const byContributor = limitedStep('contributor');
const byEditor = limitedStep('editor');

/** Takes a step; answers with the message that says it was taken. */
type Step = (deps: EditorialDeps, actor: StaffMember, id: number, request: FastifyRequest) => Promise<string>;

export function stepRoutes(options: EditorialOptions) {
  const { db, clock, site } = options;

  /**
   * Saves what the form holds, then takes the step (or the other way round, for the steps that must come
   * first); a refused step shows the article with why.
   */
  async function saveAndStep(
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
              baseVersion: Number(formText(request.body, 'baseVersion')) || article.version,
            }),
        errors: error.fields,
        message: error.message,
        status: error.status,
      });
    }
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.post<IdParams>('/admin/articles/:id/submit', byContributor, (request, reply) =>
      saveAndStep(request, reply, async (deps, me, id) => {
        await submitForReview(deps, me, id, clock());
        return 'Submitted for review. An editor will take it from here.';
      }),
    );

    // Back to draft first: a scheduled article then takes what was typed as a draft, unfinished or not,
    // where saving it while still scheduled would be refused for leaving it unready.
    app.post<IdParams>('/admin/articles/:id/draft', byContributor, (request, reply) =>
      saveAndStep(
        request,
        reply,
        async (deps, me, id) => {
          await returnToDraft(deps, me, id, clock());
          return 'Back to draft.';
        },
        'step-first',
      ),
    );

    app.post<IdParams>('/admin/articles/:id/publish', byEditor, (request, reply) =>
      saveAndStep(request, reply, async (deps, me, id) => {
        await publishArticle(deps, me, id, clock());
        return 'Published. It is on the site now.';
      }),
    );

    app.post<IdParams>('/admin/articles/:id/schedule', byEditor, (request, reply) =>
      saveAndStep(request, reply, async (deps, me, id, req) => {
        const { timeZone, when } = await timeFormat(site);
        const at = zonedTime(formText(req.body, 'scheduledAt'), timeZone);
        await scheduleArticle(deps, me, id, at, clock());
        return `Scheduled: it publishes itself at ${when(at.toISOString())}.`;
      }),
    );

    // Unpublished first: edits sent along must not reach readers on the way out.
    app.post<IdParams>('/admin/articles/:id/unpublish', byEditor, (request, reply) =>
      saveAndStep(
        request,
        reply,
        async (deps, me, id) => {
          await unpublishArticle(deps, me, id, clock());
          return 'Unpublished. Readers no longer find it; the old address answers “not found”.';
        },
        'step-first',
      ),
    );
  };
}

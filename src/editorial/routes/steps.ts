// The workflow steps from the edit page: submit, back to draft, publish, schedule, unpublish. Each button
// posts the article form itself, so what was typed is saved with the step and never left behind.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../admin/auth/render.js';
import { canEditArticle, type StaffMember } from '../../admin/guardian.js';
import { formText } from '../../admin/views/form.js';
import { DomainError, Invalid } from '../../http/errors.js';
import { zonedTime } from '../../views/dates.js';
import { readArticleForm } from '../article-form.js';
import { type EditState, renderEditPage } from '../edit-view.js';
import { type EditorialDeps, loadArticle } from '../editable.js';
import { mailReturnedArticle, type ReviewMailOutcome } from '../review-mail.js';
import { type ReturnedArticle, readReturnNote, returnToWriter } from '../review-returns.js';
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

/** Says who was told, by name (never by address), and whose mail did not go. */
function returnedMessage(returned: ReturnedArticle, mailed: ReviewMailOutcome): string {
  if (returned.writers.length === 0)
    return 'Returned to draft with your notes. Nobody else writes it, so nobody was emailed.';
  const names = (list: Array<{ name: string }>) => list.map((w) => w.name).join(', ');
  const told = `Returned to ${names(returned.writers)} with your notes; they see them in the newsroom.`;
  if (mailed.failed.length === 0) return `${told} An email told them too.`;
  return `${told} The email to ${names(mailed.failed.map((f) => f.writer))} could not be sent.`;
}

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
    order: 'save-first' | 'step-first' | 'step-only' = 'save-first',
    /** What the page keeps as typed if the step is refused (the notes for the writer). */
    keep: Pick<EditState, 'returnNote'> = {},
  ) {
    const id = articleIdOf(request);
    const me = request.staff!;
    let saved = false;
    try {
      if (order === 'step-only') {
        setFlash(reply, { kind: 'ok', text: await step(options, me, id, request) });
        return reply.redirect(`/admin/articles/${id}`, 303);
      }
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
        ...(saved || order === 'step-only'
          ? {}
          : {
              form: readArticleForm(request.body),
              baseVersion: Number(formText(request.body, 'baseVersion')) || article.version,
            }),
        errors: error.fields,
        message: error.message,
        status: error.status,
        ...keep,
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
    // where saving it while still scheduled would be refused for leaving it unready. A writer taking their
    // submitted article back from its read-only page sends no fields (withdraw=1): there is nothing to save.
    app.post<IdParams>('/admin/articles/:id/draft', byContributor, (request, reply) =>
      saveAndStep(
        request,
        reply,
        async (deps, me, id) => {
          await returnToDraft(deps, me, id, clock());
          return 'Back to draft.';
        },
        formText(request.body, 'withdraw') === '1' ? 'step-only' : 'step-first',
      ),
    );

    // The notes are checked before anything is saved, so a refusal shows the article and the notes as typed.
    app.post<IdParams>('/admin/articles/:id/return', byEditor, async (request, reply) => {
      const typed = formText(request.body, 'returnNote');
      try {
        readReturnNote(typed);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        const article = await loadArticle(db, articleIdOf(request));
        return renderEditPage(options, request, reply, {
          article,
          form: readArticleForm(request.body),
          baseVersion: Number(formText(request.body, 'baseVersion')) || article.version,
          errors: error.fields,
          message: error.message,
          status: error.status,
          returnNote: typed,
        });
      }
      return saveAndStep(
        request,
        reply,
        async (deps, me, id) => {
          const returned = await returnToWriter(deps, me, id, typed, clock());
          // After the return is committed: a mail that fails leaves the return, and the notice, in place.
          const mailed = await mailReturnedArticle(options.mail, returned);
          for (const { writer, failure } of mailed.failed) {
            request.log.warn({ articleId: id, staffId: writer.id, failure }, 'review return mail not sent');
          }
          return returnedMessage(returned, mailed);
        },
        'save-first',
        { returnNote: typed },
      );
    });

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

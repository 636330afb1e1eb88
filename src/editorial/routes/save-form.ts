// Saving a posted edit form to an existing article, with every refusal answered by the form as typed (or,
// for the editor's autosave fetch, JSON with the reason and, on a conflict, the newer version).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formText } from '../../admin/views/form.js';
import { DomainError, Forbidden, Invalid } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import { type ArticleForm, parseArticleForm, readArticleForm } from '../article-form.js';
import { saveArticle } from '../drafts.js';
import { renderEditPage } from '../edit-view.js';
import { type EditableArticle, loadForEditing, loadForEditPage, type RevisionKind } from '../editable.js';
import { StaleSave } from '../stale-save.js';
import type { EditorialOptions } from './options.js';

/** The version the form was based on; "save mine over it" sends the newer one deliberately. */
function baseVersionOf(body: unknown): number {
  const raw = formText(body, 'overwriteVersion') || formText(body, 'baseVersion');
  const version = Number(raw);
  if (!Number.isSafeInteger(version) || version < 0)
    throw new Invalid('The form is missing its version; reload the page.');
  return version;
}

export type SaveOutcome =
  | { ok: true; article: EditableArticle; saved: boolean }
  | { ok: false; reply: FastifyReply };

/**
 * Saves the posted form to an existing article. On a refusal the reply is already sent: the edit page with
 * the typed form (400, 403 or 409) or, for the editor's fetch, JSON with the reason.
 */
export async function saveFromForm(
  options: EditorialOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  kind: RevisionKind,
): Promise<SaveOutcome> {
  const form = readArticleForm(request.body);
  const json = wantsJson(request);
  let current: EditableArticle;
  try {
    current = await loadForEditing(options.db, request.staff!, id);
  } catch (error) {
    // The editor's fetch shows the reason and keeps the text in the browser; a posted form shows the article
    // read-only (when this person may read it) with what they typed, so it can be copied, not lost.
    if (json || !(error instanceof Forbidden)) throw error;
    const view = await loadForEditPage(options.db, request.staff!, id);
    const page = await renderEditPage(options, request, reply, {
      article: view.article,
      readOnly: true,
      form,
      message: error.message,
      status: 403,
    });
    return { ok: false, reply: page };
  }
  try {
    const fields = parseArticleForm(form, current.fields.body);
    try {
      const baseVersion = baseVersionOf(request.body);
      const result = await saveArticle(options, request.staff!, id, fields, {
        baseVersion,
        kind,
        now: options.clock(),
      });
      return { ok: true, ...result };
    } catch (error) {
      if (!(error instanceof StaleSave)) throw error;
      if (json) {
        return {
          ok: false,
          reply: reply.code(409).send({
            error: {
              code: error.code,
              message: error.message,
              fields: {},
              current: {
                version: error.current.version,
                savedBy: error.savedByName,
                savedByYou: error.savedByYou,
                savedAt: error.current.savedAt,
              },
            },
          }),
        };
      }
      const page = await renderEditPage(options, request, reply, {
        article: error.current,
        form,
        baseVersion: Number(formText(request.body, 'baseVersion')) || 0,
        message: error.message,
        conflict: { error, mine: fields },
        status: 409,
      });
      return { ok: false, reply: page };
    }
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500 || error instanceof StaleSave) throw error;
    if (json) throw error;
    return { ok: false, reply: await refusedForm(options, request, reply, current, form, error) };
  }
}

export function refusedForm(
  options: EditorialOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  article: EditableArticle | null,
  form: ArticleForm,
  error: DomainError,
) {
  return renderEditPage(options, request, reply, {
    article,
    form,
    baseVersion: Number(formText(request.body, 'baseVersion')) || (article?.version ?? 0),
    errors: error.fields,
    message: error.message,
    status: error.status,
  });
}

// What the article routes share: their options, reading ids and versions from requests, and saving a posted
// form with every refusal answered by the form as typed (or JSON for the editor's fetch).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { MINUTE_MS } from '../admin/auth/request-limits.js';
import type { ExtendArticle } from '../articles/article-extension.js';
import { DomainError, Invalid } from '../http/errors.js';
import { wantsJson } from '../http/negotiate.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { StaleSave, saveArticle } from './drafts.js';
import { renderEditPage } from './edit-view.js';
import { type EditableArticle, loadForEditing, type RevisionKind } from './editable.js';
import { type ArticleForm, parseArticleForm, readArticleForm } from './fields.js';

export interface EditorialOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  site: SiteState;
  clock: () => Date;
  /** What other capabilities add to the reader page (support, comments), so the preview shows it too. */
  previewExtensions?: ExtendArticle[];
}

export type IdParams = { Params: { id: string } };
export const contributor = { config: { permission: 'contributor' as const } };

/**
 * A state change (a workflow step, a restore, a note) by someone with at least `permission`, limited per
 * person: far above what anyone clicks, it stops a script gone wrong.
 */
export function limitedStep(permission: 'contributor' | 'editor') {
  return { config: { permission, limit: { max: 30, windowMs: MINUTE_MS } } };
}

export function articleIdOf(request: FastifyRequest<IdParams>): number {
  const id = Number(request.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Invalid('That is not an article.');
  return id;
}

export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The version the form was based on; "save mine over it" sends the newer one deliberately. */
function baseVersionOf(body: unknown): number {
  const raw = field(body, 'overwriteVersion') || field(body, 'baseVersion');
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
  const current = await loadForEditing(options.db, request.staff!, id);
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
        baseVersion: Number(field(request.body, 'baseVersion')) || 0,
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
    baseVersion: Number(field(request.body, 'baseVersion')) || (article?.version ?? 0),
    errors: error.fields,
    message: error.message,
    status: error.status,
  });
}

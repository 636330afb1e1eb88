// The admin API's article endpoints. Each one is the editor's own domain function (editorial/): the same
// permission checks, publish checks, revisions, conflict rule, announcements and review mail; the routes only
// read JSON, say which version a write is based on, and answer JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createArticle, saveArticle } from '../editorial/drafts.js';
import { type EditableArticle, loadArticle, loadForEditing, loadForViewing } from '../editorial/editable.js';
import { listArticles, readListQuery } from '../editorial/listing.js';
import { mailReturnedArticle } from '../editorial/review-mail.js';
import { returnToWriter } from '../editorial/review-returns.js';
import { StaleSave } from '../editorial/stale-save.js';
import { publishArticle, scheduleArticle, unpublishArticle } from '../editorial/workflow.js';
import { PreconditionFailed } from '../http/errors.js';
import { idParam } from '../http/request-params.js';
import { parseOrInvalid } from '../http/validation.js';
import {
  articleJson,
  baseVersionFrom,
  changedArticleFields,
  etagOf,
  newArticleFields,
} from './article-json.js';
import { actorOf } from './caller.js';
import { type AdminApiOptions, needs } from './route-config.js';

type IdParams = { Params: { id: string } };

const scheduleInput = z
  .object({
    at: z.iso.datetime({ offset: true, message: 'must be a date and time such as 2027-01-31T09:00:00Z' }),
  })
  .strict();

// The notes' field has the editor form's name, so the domain's refusal (readReturnNote) names it as sent;
// whether they are there and how long is the domain's rule, not this shape's.
const returnInput = z.object({ returnNote: z.string().optional() }).strict();

function articleIdOf(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'There is no such article.');
}

function sendArticle(reply: FastifyReply, article: EditableArticle, extra: Record<string, unknown> = {}) {
  return reply.header('etag', etagOf(article)).send({ article: articleJson(article), ...extra });
}

/** 412 with the version stored now, so the client can compare and send its change again on top of it. */
function stale(reply: FastifyReply, error: StaleSave | PreconditionFailed, current: EditableArticle) {
  return reply
    .code(412)
    .header('etag', etagOf(current))
    .send({
      error: {
        code: 'PRECONDITION_FAILED',
        message:
          error instanceof StaleSave
            ? 'The article was saved by someone else since the version you sent (If-Match); nothing was changed. ' +
              'Here is the current version.'
            : error.message,
        fields: {},
        current: articleJson(current),
      },
    });
}

export function articleApiRoutes(options: AdminApiOptions) {
  const { db, clock } = options;
  const deps = { db, events: options.events };

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/articles', needs('articles:read'), async (request) => {
      const caller = request.apiCaller!;
      const list = await listArticles(db, caller.staff, readListQuery(request.query));
      return list;
    });

    app.get<IdParams>('/articles/:id', needs('articles:read'), async (request, reply) => {
      return sendArticle(reply, await loadForViewing(db, request.apiCaller!.staff, articleIdOf(request)));
    });

    app.post('/articles', needs('articles:write'), async (request, reply) => {
      const fields = newArticleFields(request.body);
      const article = await createArticle(db, actorOf(request.apiCaller!), fields, 'manual', clock());
      reply.code(201).header('location', `/api/admin/articles/${article.id}`);
      return sendArticle(reply, article);
    });

    app.patch<IdParams>('/articles/:id', needs('articles:write'), async (request, reply) => {
      const id = articleIdOf(request);
      const actor = actorOf(request.apiCaller!);
      // The editor's rule for who may change it comes first: a refused caller learns nothing of versions.
      const current = await loadForEditing(db, actor, id);
      let baseVersion: number;
      try {
        baseVersion = baseVersionFrom(current, request.headers['if-match']);
      } catch (error) {
        if (error instanceof PreconditionFailed) return stale(reply, error, current);
        throw error;
      }
      const fields = changedArticleFields(current, request.body);
      try {
        const { article, saved } = await saveArticle(deps, actor, id, fields, {
          baseVersion,
          kind: 'manual',
          now: clock(),
        });
        return sendArticle(reply, article, { saved });
      } catch (error) {
        if (error instanceof StaleSave) return stale(reply, error, error.current);
        throw error;
      }
    });

    app.post<IdParams>('/articles/:id/publish', needs('articles:publish'), async (request, reply) => {
      const id = articleIdOf(request);
      await publishArticle(deps, actorOf(request.apiCaller!), id, clock());
      return sendArticle(reply, await loadArticle(db, id));
    });

    app.post<IdParams>('/articles/:id/schedule', needs('articles:publish'), async (request, reply) => {
      const id = articleIdOf(request);
      const { at } = parseOrInvalid(scheduleInput, request.body ?? {}, 'Say when to publish the article.');
      await scheduleArticle(deps, actorOf(request.apiCaller!), id, new Date(at), clock());
      return sendArticle(reply, await loadArticle(db, id));
    });

    // The newsroom's "Return to writer" without the form: no fields are saved with it (PATCH does that).
    app.post<IdParams>('/articles/:id/return', needs('articles:publish'), async (request, reply) => {
      const id = articleIdOf(request);
      const { returnNote } = parseOrInvalid(
        returnInput,
        request.body ?? {},
        'Send the notes for the writer as “returnNote”.',
      );
      const returned = await returnToWriter(deps, actorOf(request.apiCaller!), id, returnNote, clock());
      // After the return is committed: a mail that fails leaves the return, and the notice, in place.
      const mailed = await mailReturnedArticle(options.mail, returned);
      for (const { writer, failure } of mailed.failed) {
        request.log.warn({ articleId: id, staffId: writer.id, failure }, 'review return mail not sent');
      }
      const unmailed = new Set(mailed.failed.map((f) => f.writer.id));
      // Writers by name, never by address, as the newsroom says it.
      return sendArticle(reply, await loadArticle(db, id), {
        returned: {
          note: returned.note,
          writers: returned.writers.map((w) => ({
            staffId: w.id,
            name: w.name,
            emailed: !unmailed.has(w.id),
          })),
        },
      });
    });

    app.post<IdParams>('/articles/:id/unpublish', needs('articles:publish'), async (request, reply) => {
      const id = articleIdOf(request);
      await unpublishArticle(deps, actorOf(request.apiCaller!), id, clock());
      return sendArticle(reply, await loadArticle(db, id));
    });
  };
}

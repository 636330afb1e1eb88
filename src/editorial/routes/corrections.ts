// Corrections from the edit page: appending a note to a published article (a refused note shows the edit
// page with the note as typed) and withdrawing one, which keeps it in the record.
import type { FastifyInstance } from 'fastify';
import { setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import { addCorrection, withdrawCorrection } from '../corrections.js';
import { renderEditPage } from '../edit-view.js';
import { loadArticle } from '../editable.js';
import { articleIdOf, type EditorialOptions, type IdParams, limitedStep } from './options.js';

const byEditor = limitedStep('editor');

export function correctionRoutes(options: EditorialOptions) {
  const { db, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.post<IdParams>('/admin/articles/:id/corrections', byEditor, async (request, reply) => {
      const id = articleIdOf(request);
      const input = {
        kind: formText(request.body, 'kind'),
        text: formText(request.body, 'text'),
        weight: formText(request.body, 'weight'),
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
      byEditor,
      async (request, reply) => {
        articleIdOf(request);
        const correctionId = idParam(request.params.correction, 'That is not a correction.');
        const articleId = await withdrawCorrection(options, request.staff!, correctionId, clock());
        setFlash(reply, { kind: 'ok', text: 'Withdrawn. It stays in the record, marked withdrawn.' });
        return reply.redirect(`/admin/articles/${articleId}#corrections`, 303);
      },
    );
  };
}

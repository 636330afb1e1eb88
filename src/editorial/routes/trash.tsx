// The trash's routes: move a never-published article to the trash (from the editor or the list), restore it,
// delete it permanently. The trash screen itself is the article list's `?status=trash` (routes/articles.tsx).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { DomainError, Forbidden } from '../../http/errors.js';
import { TrashPage } from '../pages/trash-page.js';
import { timeFormat } from '../time-format.js';
import { deleteTrashedArticle, goneForGoodAt, listTrash, restoreArticle, trashArticle } from '../trash.js';
import { articleIdOf, type EditorialOptions, type IdParams, limitedStep } from './options.js';

const byContributor = limitedStep('contributor');
const byEditor = limitedStep('editor');

export const TRASH_LIST = '/admin/articles?status=trash';

/**
 * A refusal the person can read where they were: back to that page with the reason. A permission refusal
 * stays a 403 (nothing to show them there), and an error of ours is the error page.
 */
function refused(reply: FastifyReply, error: unknown, back: string): FastifyReply {
  if (!(error instanceof DomainError) || error instanceof Forbidden || error.status >= 500) throw error;
  setFlash(reply, { kind: 'error', text: error.message });
  return reply.redirect(back, 303);
}

/** Where the trash button was pressed: the editor sends `from=editor`, the list does not. */
function origin(request: FastifyRequest<IdParams>, id: number): string {
  const body = request.body as Record<string, unknown> | undefined;
  return body?.from === 'editor' ? `/admin/articles/${id}` : '/admin/articles';
}

export async function renderTrash(options: EditorialOptions, request: FastifyRequest, reply: FastifyReply) {
  const [items, { at }] = await Promise.all([
    listTrash(options.db, request.staff!),
    timeFormat(options.site),
  ]);
  return renderAdmin(request, reply, {
    title: 'Trash',
    assets: ['editor.css'],
    body: (
      <TrashPage
        items={items}
        csrfToken={request.csrfToken ?? ''}
        contributor={request.staff!.role === 'contributor'}
        at={at}
      />
    ),
  });
}

export function trashRoutes(options: EditorialOptions) {
  const { clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.post<IdParams>('/admin/articles/:id/trash', byContributor, async (request, reply) => {
      const id = articleIdOf(request);
      try {
        const now = clock();
        await trashArticle(options, request.staff!, id, now);
        const { at } = await timeFormat(options.site);
        setFlash(reply, {
          kind: 'ok',
          text:
            'Moved to the trash. Its slug is free for a new article, and it can be restored from the trash ' +
            `until ${at(goneForGoodAt(now.toISOString()).toISOString())}.`,
        });
        return reply.redirect('/admin/articles', 303);
      } catch (error) {
        return refused(reply, error, origin(request, id));
      }
    });

    app.post<IdParams>('/admin/articles/:id/restore', byContributor, async (request, reply) => {
      const id = articleIdOf(request);
      try {
        const restored = await restoreArticle(options, request.staff!, id, clock());
        setFlash(reply, {
          kind: 'ok',
          text: restored.lostSlug
            ? `Restored as a draft. Its slug “${restored.lostSlug}” was taken by another article meanwhile, ` +
              `so its slug is now “${restored.slug}”.`
            : 'Restored as a draft.',
        });
        return reply.redirect(`/admin/articles/${id}`, 303);
      } catch (error) {
        return refused(reply, error, TRASH_LIST);
      }
    });

    app.post<IdParams>('/admin/articles/:id/delete', byEditor, async (request, reply) => {
      const id = articleIdOf(request);
      try {
        await deleteTrashedArticle(options, request.staff!, id, clock());
        setFlash(reply, { kind: 'ok', text: 'Deleted permanently.' });
        return reply.redirect(TRASH_LIST, 303);
      } catch (error) {
        return refused(reply, error, TRASH_LIST);
      }
    });
  };
}

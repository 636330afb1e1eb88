// The routes of one comment's screen: showing it in full, and the editor's edit, reply in the newsroom's
// name, and ban of its author. A refused form comes back with what was typed and each field's message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { Invalid } from '../../http/errors.js';
import { banAuthorOf } from './bans.js';
import { type DetailForms, DetailPage } from './detail-page.js';
import { editComment } from './edit-comment.js';
import { loadComment } from './queue.js';
import { type AdminCommentOptions, EDITOR, type IdParams, idOf, staffOf } from './route-helpers.js';
import { replyAsStaff } from './staff-reply.js';

export function detailRoutes(options: AdminCommentOptions) {
  const { deps } = options;

  async function detail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    forms?: Omit<DetailForms, 'edit'> & Partial<DetailForms>,
    status?: number,
  ) {
    const { comment, context, thread, closed } = await loadComment(deps, id);
    const edit = forms?.edit ?? { body: comment.body, name: comment.author_name, url: comment.author_url };
    return renderAdmin(request, reply, {
      title: `Comment by ${comment.author_name}`,
      status,
      body: (
        <DetailPage
          comment={comment}
          context={context}
          thread={thread}
          closed={closed}
          forms={{ reply: '', ...forms, edit }}
          csrfToken={request.csrfToken}
          stylePath={options.stylePath}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<IdParams>('/admin/comments/:id', EDITOR, (request, reply) =>
      detail(request, reply, idOf(request.params.id)),
    );

    app.post<IdParams>('/admin/comments/:id/edit', EDITOR, async (request, reply) => {
      const id = idOf(request.params.id);
      const edit = {
        body: formText(request.body, 'body'),
        name: formText(request.body, 'name'),
        url: formText(request.body, 'url'),
      };
      try {
        await editComment(deps, staffOf(request), id, edit);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return detail(
          request,
          reply,
          id,
          { edit, reply: '', errors: error.fields, message: error.message },
          400,
        );
      }
      setFlash(reply, { kind: 'ok', text: 'The comment was saved.' });
      return reply.redirect(`/admin/comments/${id}`, 303);
    });

    app.post<IdParams>('/admin/comments/:id/reply', EDITOR, async (request, reply) => {
      const id = idOf(request.params.id);
      const text = formText(request.body, 'reply');
      let replyId: number;
      try {
        replyId = await replyAsStaff(deps, staffOf(request), id, text);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return detail(request, reply, id, { reply: text, errors: error.fields, message: error.message }, 400);
      }
      setFlash(reply, { kind: 'ok', text: 'Your reply is published.' });
      return reply.redirect(`/admin/comments/${replyId}`, 303);
    });

    app.post<IdParams>('/admin/comments/:id/ban', EDITOR, async (request, reply) => {
      const id = idOf(request.params.id);
      const moved = await banAuthorOf(deps, staffOf(request), id, formText(request.body, 'reason'));
      setFlash(reply, {
        kind: 'ok',
        text: `The commenter is banned.${moved ? ` ${moved} held comment${moved === 1 ? '' : 's'} moved to spam.` : ''}`,
      });
      return reply.redirect(`/admin/comments/${id}`, 303);
    });
  };
}

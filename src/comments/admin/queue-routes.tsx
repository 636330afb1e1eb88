// The moderation queue's routes: one folder a page at a time, and the actions on one comment or on the
// selected ones (every button of the queue is a plain form submit to /admin/comments/bulk).
import type { FastifyInstance } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { canManageCommenterData } from '../../admin/guardian.js';
import { formText } from '../../admin/views/form.js';
import { moderate, parseAction } from './moderate.js';
import { loadQueue, QUEUE_STATUSES } from './queue.js';
import { QueuePage } from './queue-page.js';
import { type AdminCommentOptions, backTo, EDITOR, PER_PAGE, staffOf } from './route-helpers.js';

function idsFrom(body: unknown): number[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).ids : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v))
    .map(Number)
    .slice(0, 500);
}

const DONE = {
  approve: 'approved',
  unapprove: 'back to pending',
  spam: 'moved to spam',
  trash: 'moved to trash',
};

export function queueRoutes(options: AdminCommentOptions) {
  const { deps } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { status?: string; page?: string } }>(
      '/admin/comments',
      EDITOR,
      async (request, reply) => {
        const status = QUEUE_STATUSES.find((s) => s === request.query.status) ?? 'pending';
        const asked = Number.parseInt(request.query.page ?? '1', 10) || 1;
        const queue = await loadQueue(deps, status, asked, PER_PAGE);
        return renderAdmin(request, reply, {
          title: 'Comments',
          body: (
            <QueuePage
              status={status}
              counts={queue.counts}
              items={queue.items}
              page={queue.page}
              pages={queue.pages}
              csrfToken={request.csrfToken}
              admin={canManageCommenterData(staffOf(request))}
              scriptPath={options.scriptPath}
              stylePath={options.stylePath}
            />
          ),
        });
      },
    );

    // A button of one comment sends "one" as action:id; the bulk form sends an action and the ticked ids.
    app.post('/admin/comments/bulk', EDITOR, async (request, reply) => {
      const one = /^(\w+):([1-9]\d{0,11})$/.exec(formText(request.body, 'one'));
      const [action, ids] = one
        ? [parseAction(one[1]), [Number(one[2])]]
        : [parseAction(formText(request.body, 'action')), idsFrom(request.body)];
      const changed = await moderate(deps, staffOf(request), ids, action);
      setFlash(reply, { kind: 'ok', text: `${changed} comment${changed === 1 ? '' : 's'} ${DONE[action]}.` });
      return reply.redirect(backTo(request.body, '/admin/comments'), 303);
    });
  };
}

// The admin's screen for a commenter's data: export everything under one address as a JSON download, or
// erase it (with a ticked confirmation). The address travels in the form body, never in a URL that logs
// and histories keep.
import type { FastifyInstance } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { isEmailAddress, normaliseEmail } from '../identity.js';
import { adminErase, adminExport } from './commenter-data.js';
import { CommenterDataPage } from './commenter-data-page.js';
import { ADMIN, type AdminCommentOptions, staffOf } from './route-helpers.js';

const TITLE = 'A commenter’s data';

export function commenterDataRoutes(options: AdminCommentOptions) {
  const { deps } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/comments/privacy', ADMIN, (request, reply) =>
      renderAdmin(request, reply, {
        title: TITLE,
        body: <CommenterDataPage email="" csrfToken={request.csrfToken} />,
      }),
    );

    app.post('/admin/comments/privacy', ADMIN, async (request, reply) => {
      const email = normaliseEmail(formText(request.body, 'email'));
      const action = formText(request.body, 'do');
      const again = (error: string) =>
        renderAdmin(request, reply, {
          title: TITLE,
          status: 400,
          body: <CommenterDataPage email={email} error={error} csrfToken={request.csrfToken} />,
        });
      if (!isEmailAddress(email)) return again('Enter an email address such as name@example.org.');
      if (action === 'export') {
        const data = await adminExport(deps, staffOf(request), email);
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', 'attachment; filename="commenter-data.json"')
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(data, null, 2));
      }
      if (action !== 'erase') return again('Choose Export or Erase.');
      if (formText(request.body, 'confirm') !== 'yes')
        return again('Tick the box to confirm that everything is to be erased.');
      const erased = await adminErase(deps, staffOf(request), email);
      return renderAdmin(request, reply, {
        title: TITLE,
        body: <CommenterDataPage email="" erased={erased} csrfToken={request.csrfToken} />,
      });
    });
  };
}

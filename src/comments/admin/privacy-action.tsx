// The admin's one action on a commenter's data: export it as a JSON download, or erase it (with a ticked
// confirmation). The address travels in the form body, never in a URL that logs and histories keep.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { renderAdmin } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import type { CommentDeps } from '../approval.js';
import { adminErase, adminExport } from '../privacy.js';
import { PrivacyPage } from './tool-pages.js';

const emailSchema = z.email().max(254);

export async function privacyAction(deps: CommentDeps, request: FastifyRequest, reply: FastifyReply) {
  const email = formText(request.body, 'email').trim().toLowerCase();
  const action = formText(request.body, 'do');
  const again = (error: string) =>
    renderAdmin(request, reply, {
      title: 'A commenter’s data',
      status: 400,
      body: <PrivacyPage email={email} error={error} csrfToken={request.csrfToken} />,
    });
  if (!emailSchema.safeParse(email).success) return again('Enter an email address such as name@example.org.');
  const staff = request.staff!;
  if (action === 'export') {
    const data = await adminExport(deps, staff, email);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="commenter-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  }
  if (action !== 'erase') return again('Choose Export or Erase.');
  if (formText(request.body, 'confirm') !== 'yes')
    return again('Tick the box to confirm that everything is to be erased.');
  const erased = await adminErase(deps, staff, email);
  return renderAdmin(request, reply, {
    title: 'A commenter’s data',
    body: <PrivacyPage email="" erased={erased} csrfToken={request.csrfToken} />,
  });
}

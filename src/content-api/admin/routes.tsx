// The newsroom's screens for content API keys, for admins only: list, make (the key shown once, in the answer
// to the form, never in a redirect or a cookie) and revoke.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { DEFAULT_RATE_PER_MINUTE, parseKeyForm } from './key-form.js';
import { type KeyFormState, KeysPage } from './keys-page.js';
import { createContentApiKey, listContentApiKeys, revokeContentApiKey } from './manage-keys.js';

export interface ContentApiAdminOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  secret: string;
  clock: () => Date;
}

const admin = { config: { permission: 'admin' as const } };
const EMPTY_FORM: KeyFormState = { name: '', origins: '', ratePerMinute: String(DEFAULT_RATE_PER_MINUTE) };

export function contentApiAdminRoutes(options: ContentApiAdminOptions) {
  const { db, clock } = options;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    form: KeyFormState = EMPTY_FORM,
    made?: { name: string; key: string },
    status = 200,
  ) {
    return renderAdmin(request, reply, {
      title: 'Content API keys',
      status,
      body: (
        <KeysPage csrfToken={request.csrfToken} keys={await listContentApiKeys(db)} form={form} made={made} />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/api-keys', admin, (request, reply) => page(request, reply));

    app.post('/admin/api-keys', admin, async (request, reply) => {
      const form = {
        name: formText(request.body, 'name'),
        origins: formText(request.body, 'origins'),
        ratePerMinute: formText(request.body, 'ratePerMinute'),
      };
      try {
        const input = parseKeyForm(form);
        const { key } = await createContentApiKey(options, request.staff!, input, clock());
        return page(request, reply, EMPTY_FORM, { name: input.name, key });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        return page(
          request,
          reply,
          { ...form, errors: error.fields, message: error.message },
          undefined,
          error.status,
        );
      }
    });

    app.post<{ Params: { id: string } }>('/admin/api-keys/:id/revoke', admin, async (request, reply) => {
      const id = idParam(request.params.id, 'There is no such key.');
      setFlash(reply, { kind: 'ok', text: await revokeContentApiKey(options, request.staff!, id, clock()) });
      return reply.redirect('/admin/api-keys', 303);
    });
  };
}

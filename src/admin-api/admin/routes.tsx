// The API tokens screen in the newsroom (admins only): list, make (the token shown once, on the answer to
// the form post itself, never put in a redirect or a cookie), and revoke.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { listStaff } from '../../admin/staff/staff.js';
import { formText } from '../../admin/views/form.js';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import type { Database } from '../../storage/schema.js';
import { createApiToken, listApiTokens, type NewTokenInput, revokeApiToken } from '../tokens.js';
import { ApiTokensPage, BLANK_TOKEN_FORM, type TokenForm } from './tokens-page.js';

export interface ApiTokenScreenOptions {
  db: Kysely<Database>;
  secret: string;
  clock: () => Date;
}

const admin = { config: { permission: 'admin' as const } };

function scopesFrom(body: unknown): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).scopes : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((s): s is string => typeof s === 'string');
}

export function apiTokenScreens(options: ApiTokenScreenOptions) {
  const { db, clock } = options;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    form: TokenForm,
    extra: { created?: { name: string; token: string }; status?: number } = {},
  ) {
    const me = request.staff!;
    const [tokens, staff] = await Promise.all([listApiTokens(db, me), listStaff(db)]);
    return renderAdmin(request, reply, {
      title: 'API tokens',
      status: extra.status,
      body: (
        <ApiTokensPage
          csrfToken={request.csrfToken}
          meId={me.id}
          tokens={tokens}
          staff={staff}
          form={form}
          created={extra.created}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/api-tokens', admin, (request, reply) => page(request, reply, BLANK_TOKEN_FORM));

    app.post('/admin/api-tokens', admin, async (request, reply) => {
      const values: NewTokenInput = {
        name: formText(request.body, 'name'),
        scopes: scopesFrom(request.body),
        staffId: formText(request.body, 'staffId'),
        expiresAt: formText(request.body, 'expiresAt'),
      };
      try {
        const { token } = await createApiToken(
          db,
          options.secret,
          request.staff!,
          values,
          clock(),
          request.staffZone.timeZone,
        );
        return page(request, reply, BLANK_TOKEN_FORM, {
          created: { name: values.name.trim(), token },
          status: 201,
        });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        return page(
          request,
          reply,
          { values, errors: error.fields, message: error.message },
          { status: error.status },
        );
      }
    });

    app.post<{ Params: { id: string } }>('/admin/api-tokens/:id/revoke', admin, async (request, reply) => {
      const id = idParam(request.params.id, 'There is no such token.');
      await revokeApiToken(db, request.staff!, id, clock());
      setFlash(reply, { kind: 'ok', text: 'Token revoked. Requests with it are refused from now on.' });
      return reply.redirect('/admin/api-tokens', 303);
    });
  };
}

// One-click unsubscribe from mail about comments: a confirmation button for people (mail scanners open
// links, and must not unsubscribe anyone), and a direct POST for mail clients per RFC 8058.
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../http/errors.js';
import { renderDocument } from '../../views/layout.js';
import { UnsubscribePage } from '../pages/self-service.js';
import { checkUnsubscribeLink, type UnsubscribeKind, unsubscribe } from '../unsubscribe.js';
import { personalPage, type ReaderRouteOptions } from './route-helpers.js';

type UnsubscribeParams = { Params: { kind: string; token: string } };

function kindOf(raw: string): UnsubscribeKind {
  if (raw === 'replies' || raw === 'digest') return raw;
  throw new NotFound();
}

export function unsubscribeRoutes(options: ReaderRouteOptions) {
  const { deps, site } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<UnsubscribeParams>('/comments/unsubscribe/:kind/:token', async (request, reply) => {
      const kind = kindOf(request.params.kind);
      checkUnsubscribeLink(deps.secret, kind, request.params.token);
      const ctx = await site.context();
      const action = `/comments/unsubscribe/${kind}/${request.params.token}`;
      const page = <UnsubscribePage ctx={ctx} kind={kind} action={action} done={false} />;
      return personalPage(reply, 200, renderDocument(page));
    });

    // Mail clients send this POST themselves (no Origin, no cookies); the signed token is the proof.
    app.post<UnsubscribeParams>(
      '/comments/unsubscribe/:kind/:token',
      { config: { csrf: false } },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        await unsubscribe(deps.db, deps.secret, kind, request.params.token, deps.clock());
        const ctx = await site.context();
        return personalPage(
          reply,
          200,
          renderDocument(<UnsubscribePage ctx={ctx} kind={kind} action="" done />),
        );
      },
    );
  };
}

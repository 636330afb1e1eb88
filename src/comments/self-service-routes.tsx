// Routes a commenter uses without an account: one-click unsubscribe (a confirmation button for people, a
// direct POST for mail clients per RFC 8058), and asking for, downloading or deleting their data through
// a link mailed to their address.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { Forbidden, NotFound, TooManyRequests } from '../http/errors.js';
import { checkRates } from '../http/rate-limit-store.js';
import type { SiteState } from '../site/site-state.js';
import { renderDocument } from '../views/layout.js';
import type { CommentDeps } from './approval.js';
import { ipKey } from './identity.js';
import { type UnsubscribeKind, unsubscribe, validUnsubscribeToken } from './notifications.js';
import { DataRequestPage, MyDataPage, UnsubscribePage } from './pages/self-service.js';
import { eraseByKey, exportByKey, keyFromDataLink, mailDataLink } from './privacy.js';

type UnsubscribeParams = { Params: { kind: string; token: string } };
type TokenParams = { Params: { token: string } };
const emailSchema = z.email().max(254);
// Asking for a data link sends mail: a few times per quarter hour per network is plenty for a person.
const DATA_LINK_RATE = { name: 'comment-data-link', max: 5, windowMs: 15 * 60_000 };

function kindOf(raw: string): UnsubscribeKind {
  if (raw === 'replies' || raw === 'digest') return raw;
  throw new NotFound();
}

function page(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html);
}

export function selfServiceRoutes(options: { deps: CommentDeps; site: SiteState }) {
  const { deps, site } = options;
  const { db, secret } = deps;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<UnsubscribeParams>('/comments/unsubscribe/:kind/:token', async (request, reply) => {
      const kind = kindOf(request.params.kind);
      if (!validUnsubscribeToken(secret, kind, request.params.token)) {
        throw new Forbidden(
          'This unsubscribe link is not valid. Please use the link from your latest email.',
        );
      }
      const ctx = await site.context();
      const action = `/comments/unsubscribe/${kind}/${request.params.token}`;
      return page(
        reply,
        200,
        renderDocument(<UnsubscribePage ctx={ctx} kind={kind} action={action} done={false} />),
      );
    });

    // Mail clients send this POST themselves (no Origin, no cookies); the signed token is the proof.
    app.post<UnsubscribeParams>(
      '/comments/unsubscribe/:kind/:token',
      { config: { csrf: false } },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        await unsubscribe(db, secret, kind, request.params.token, deps.clock());
        const ctx = await site.context();
        return page(reply, 200, renderDocument(<UnsubscribePage ctx={ctx} kind={kind} action="" done />));
      },
    );

    app.get('/comments/my-data', async (_request, reply) =>
      page(reply, 200, renderDocument(<DataRequestPage ctx={await site.context()} />)),
    );

    app.post('/comments/my-data', async (request, reply) => {
      const body = request.body as Record<string, unknown> | undefined;
      const email = typeof body?.email === 'string' ? body.email.trim().slice(0, 300) : '';
      const ctx = await site.context();
      if (!emailSchema.safeParse(email.toLowerCase()).success) {
        const html = renderDocument(
          <DataRequestPage
            ctx={ctx}
            email={email}
            error="Enter an email address such as name@example.org."
          />,
        );
        return page(reply, 400, html);
      }
      const rate = await checkRates(
        deps.rates,
        [{ rule: DATA_LINK_RATE, subject: ipKey(secret, request.ip) }],
        deps.clock(),
      );
      if (!rate.allowed) throw new TooManyRequests();
      await mailDataLink(deps, email);
      return page(reply, 200, renderDocument(<DataRequestPage ctx={ctx} sent />));
    });

    app.get<TokenParams>('/comments/my-data/:token', async (request, reply) => {
      const ctx = await site.context();
      let key: string;
      try {
        key = keyFromDataLink(secret, request.params.token, deps.clock());
      } catch (error) {
        if (!(error instanceof Forbidden)) throw error;
        return page(reply, 403, renderDocument(<DataRequestPage ctx={ctx} problem={error.message} />));
      }
      const data = await exportByKey(deps, key);
      return page(
        reply,
        200,
        renderDocument(<MyDataPage ctx={ctx} token={request.params.token} count={data.comments.length} />),
      );
    });

    app.get<TokenParams>('/comments/my-data/:token/export.json', async (request, reply) => {
      const data = await exportByKey(deps, keyFromDataLink(secret, request.params.token, deps.clock()));
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="my-comments.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.post<TokenParams>('/comments/my-data/:token/erase', async (request, reply) => {
      const key = keyFromDataLink(secret, request.params.token, deps.clock());
      const ctx = await site.context();
      if ((request.body as Record<string, unknown> | undefined)?.confirm !== 'yes') {
        const data = await exportByKey(deps, key);
        return page(
          reply,
          400,
          renderDocument(<MyDataPage ctx={ctx} token={request.params.token} count={data.comments.length} />),
        );
      }
      const erased = await eraseByKey(deps, key);
      return page(
        reply,
        200,
        renderDocument(<MyDataPage ctx={ctx} token={request.params.token} count={0} erased={erased} />),
      );
    });
  };
}

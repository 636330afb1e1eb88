// A commenter's data without an account: asking for a link (mailed to the address, and the same answer
// whether or not it has comments), then through that link a page to download or erase all of it.
import type { FastifyInstance } from 'fastify';
import { Forbidden, TooManyRequests } from '../../http/errors.js';
import { checkRates } from '../../http/rate-limit-store.js';
import { renderDocument } from '../../views/layout.js';
import { eraseByKey, exportByKey } from '../commenter-data.js';
import { keyFromDataLink, mailDataLink } from '../data-link.js';
import { formField } from '../form.js';
import { ipKey, isEmailAddress } from '../identity.js';
import { DataRequestPage, MyDataPage } from '../pages/self-service.js';
import { personalPage, type ReaderRouteOptions } from './route-helpers.js';

type TokenParams = { Params: { token: string } };
// Asking for a data link sends mail: a few times per quarter hour per network is plenty for a person.
const DATA_LINK_RATE = { name: 'comment-data-link', max: 5, windowMs: 15 * 60_000 };

export function myDataRoutes(options: ReaderRouteOptions) {
  const { deps, site } = options;
  const { secret } = deps;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/comments/my-data', async (_request, reply) =>
      personalPage(reply, 200, renderDocument(<DataRequestPage ctx={await site.context()} />)),
    );

    app.post('/comments/my-data', async (request, reply) => {
      const email = formField(request.body, 'email', 300).trim();
      const ctx = await site.context();
      if (!isEmailAddress(email.toLowerCase())) {
        const error = 'Enter an email address such as name@example.org.';
        return personalPage(
          reply,
          400,
          renderDocument(<DataRequestPage ctx={ctx} email={email} error={error} />),
        );
      }
      const subject = ipKey(secret, request.ip);
      const rate = await checkRates(deps.rates, [{ rule: DATA_LINK_RATE, subject }], deps.clock());
      if (!rate.allowed) throw new TooManyRequests();
      await mailDataLink(deps, email);
      return personalPage(reply, 200, renderDocument(<DataRequestPage ctx={ctx} sent />));
    });

    app.get<TokenParams>('/comments/my-data/:token', async (request, reply) => {
      const ctx = await site.context();
      let key: string;
      try {
        key = keyFromDataLink(secret, request.params.token, deps.clock());
      } catch (error) {
        if (!(error instanceof Forbidden)) throw error;
        return personalPage(
          reply,
          403,
          renderDocument(<DataRequestPage ctx={ctx} problem={error.message} />),
        );
      }
      const { comments } = await exportByKey(deps, key);
      const page = <MyDataPage ctx={ctx} token={request.params.token} count={comments.length} />;
      return personalPage(reply, 200, renderDocument(page));
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
      const { token } = request.params;
      const key = keyFromDataLink(secret, token, deps.clock());
      const ctx = await site.context();
      if (formField(request.body, 'confirm', 10) !== 'yes') {
        const { comments } = await exportByKey(deps, key);
        return personalPage(
          reply,
          400,
          renderDocument(<MyDataPage ctx={ctx} token={token} count={comments.length} />),
        );
      }
      const erased = await eraseByKey(deps, key);
      return personalPage(
        reply,
        200,
        renderDocument(<MyDataPage ctx={ctx} token={token} count={0} erased={erased} />),
      );
    });
  };
}

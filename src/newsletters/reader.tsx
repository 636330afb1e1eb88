// Newsletters as the reader site sees them: /newsletters with the sign-up form, the double opt-in steps,
// one-click unsubscribe (RFC 8058), the archive of past editions, and the form after every article body.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { ArticleExtension } from '../articles/article-extension.js';
import type { Article } from '../articles/model.js';
import { Invalid, NotFound } from '../http/errors.js';
import { idParam } from '../http/request-params.js';
import type { SiteContext } from '../site/site-context.js';
import { renderDocument } from '../views/layout.js';
import { archivedEdition, archivedEditions } from './editions.js';
import { allLists, listBySlug, NEWSLETTER_LISTS_TAG } from './lists.js';
import type { NewsletterDeps } from './newsletter-deps.js';
import {
  ArchivedEditionPage,
  ArchivePage,
  ConfirmPage,
  MessagePage,
  NewslettersPage,
  UnsubscribePage,
} from './pages.js';
import { NEWSLETTER_ARCHIVE_TAG } from './sender.js';
import {
  ConfirmLinkGone,
  checkConfirmation,
  confirmSubscription,
  requestSubscription,
  SIGNUP_FORMS,
} from './signup.js';
import { NewsletterSignupForm } from './signup-form.js';
import { subscriptionOfToken, unsubscribe } from './unsubscribe.js';
import { bounceWebhookRoutes } from './webhooks/bounce-webhooks.js';

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function text(body: unknown, name: string): string {
  const value = field(body, name);
  return typeof value === 'string' ? value : '';
}

function listIds(body: unknown): number[] {
  const value = field(body, 'lists');
  const all = Array.isArray(value) ? value : [value];
  return all.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);
}

const sendPrivate = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

export interface NewslettersForReaders {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;
}

export function newslettersForReaders(deps: NewsletterDeps): NewslettersForReaders {
  const { db, site, clock } = deps;

  async function routes(app: FastifyInstance): Promise<void> {
    await app.register(bounceWebhookRoutes({ db, clock, ...deps.webhooks }));
    app.get('/newsletters', (request, reply) =>
      deps.serve(request, reply, '/newsletters', async () => ({
        body: renderDocument(<NewslettersPage ctx={await site.context()} lists={await allLists(db)} />),
        tags: [NEWSLETTER_LISTS_TAG],
      })),
    );

    app.post('/newsletters/subscribe', async (request, reply) => {
      const form = SIGNUP_FORMS.find((f) => f === text(request.body, 'form')) ?? 'page';
      const email = text(request.body, 'email');
      const chosen = listIds(request.body);
      const ctx = await site.context();
      try {
        await requestSubscription(
          { ...deps, siteName: ctx.settings.siteName, now: clock() },
          { email, listIds: chosen, form, ip: request.ip },
        );
      } catch (error) {
        // The form comes back with what was typed and the reason beside each field.
        if (!(error instanceof Invalid) || request.headers.accept?.includes('application/json')) throw error;
        const page = (
          <NewslettersPage
            ctx={ctx}
            lists={await allLists(db)}
            email={email}
            chosen={chosen}
            errors={error.fields}
            message={error.message}
          />
        );
        return sendPrivate(reply, 400, renderDocument(page));
      }
      return sendPrivate(
        reply,
        200,
        renderDocument(
          <MessagePage ctx={ctx} title="Check your inbox">
            <p role="status">
              We have sent a link to confirm your subscription. It works for 48 hours. Check your inbox (and
              the spam folder).
            </p>
          </MessagePage>,
        ),
      );
    });

    const gone = async (reply: FastifyReply, error: ConfirmLinkGone) =>
      sendPrivate(
        reply,
        410,
        renderDocument(
          <MessagePage ctx={await site.context()} title="This link cannot be used">
            <p role="alert">{error.message}</p>
            <p>
              <a href="/newsletters">Newsletters</a>
            </p>
          </MessagePage>,
        ),
      );

    app.get<{ Querystring: { token?: string } }>('/newsletters/confirm', async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        await checkConfirmation(db, token, clock());
      } catch (error) {
        if (error instanceof ConfirmLinkGone) return gone(reply, error);
        throw error;
      }
      return sendPrivate(
        reply,
        200,
        renderDocument(<ConfirmPage ctx={await site.context()} token={token} />),
      );
    });

    app.post('/newsletters/confirm', async (request, reply) => {
      let names: string[];
      try {
        names = await confirmSubscription(db, text(request.body, 'token'), clock());
      } catch (error) {
        if (error instanceof ConfirmLinkGone) return gone(reply, error);
        throw error;
      }
      return sendPrivate(
        reply,
        200,
        renderDocument(
          <MessagePage ctx={await site.context()} title="You are subscribed">
            <p role="status">Thank you. You will receive {names.join(', ')}.</p>
          </MessagePage>,
        ),
      );
    });

    app.get<{ Params: { token: string } }>('/newsletters/unsubscribe/:token', async (request, reply) => {
      if (subscriptionOfToken(deps.secret, request.params.token) === null)
        throw new NotFound('This unsubscribe link is not valid.');
      const page = <UnsubscribePage ctx={await site.context()} token={request.params.token} />;
      return sendPrivate(reply, 200, renderDocument(page));
    });

    // RFC 8058: mail clients POST here from no page of ours (no Origin to check); the signed token is the proof.
    app.post<{ Params: { token: string } }>(
      '/newsletters/unsubscribe/:token',
      { config: { csrf: false } },
      async (request, reply) => {
        const id = subscriptionOfToken(deps.secret, request.params.token);
        if (id === null) throw new NotFound('This unsubscribe link is not valid.');
        const name = await unsubscribe(db, id, clock());
        return sendPrivate(
          reply,
          200,
          renderDocument(
            <MessagePage ctx={await site.context()} title="You are unsubscribed">
              <p role="status">
                {name ? `You will receive no more ${name}.` : 'You receive nothing from this newsletter.'}
              </p>
            </MessagePage>,
          ),
        );
      },
    );

    app.get<{ Params: { list: string } }>('/newsletters/:list', (request, reply) =>
      deps.serve(request, reply, `/newsletters/${request.params.list}`, async () => {
        const list = await listBySlug(db, request.params.list);
        const page = (
          <ArchivePage
            ctx={await site.context()}
            list={list}
            editions={await archivedEditions(db, list.id)}
          />
        );
        return { body: renderDocument(page), tags: [NEWSLETTER_LISTS_TAG, NEWSLETTER_ARCHIVE_TAG] };
      }),
    );

    app.get<{ Params: { list: string; id: string } }>('/newsletters/:list/:id', (request, reply) =>
      deps.serve(request, reply, `/newsletters/${request.params.list}/${request.params.id}`, async () => {
        const list = await listBySlug(db, request.params.list);
        const edition = await archivedEdition(
          db,
          list.id,
          idParam(request.params.id, 'We could not find that edition.'),
        );
        const page = (
          <ArchivedEditionPage
            ctx={await site.context()}
            list={list}
            subject={edition.subject}
            startedAt={edition.started_at}
            html={edition.web_html}
          />
        );
        return { body: renderDocument(page), tags: [NEWSLETTER_LISTS_TAG, NEWSLETTER_ARCHIVE_TAG] };
      }),
    );
  }

  return {
    routes,
    async articleExtension() {
      const lists = await allLists(db);
      if (lists.length === 0) return {};
      const form = <NewsletterSignupForm lists={lists} form="article" heading="Get our newsletters" />;
      return { afterBody: renderToString(form), tags: [NEWSLETTER_LISTS_TAG] };
    },
  };
}

// The reader account at /account: sign in by emailed link, manage newsletters, find the donor pages, and
// download or erase one's data (the newsletters', the comments' — the "my data" flow of comments, reached
// here without a second emailed link because the session proves the address — and the account's own).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CommentDeps } from '../comments/comment-deps.js';
import { eraseByKey, exportByKey } from '../comments/commenter-data.js';
import { emailKey } from '../comments/identity.js';
import { Invalid, Unauthorized } from '../http/errors.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import {
  eraseNewsletterData,
  newsletterDataOf,
  newslettersOf,
  setSubscription,
} from '../newsletters/reader-subscriptions.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import { AccountLayout, AccountPage, ConfirmSignInPage, SignInPage } from './pages.js';
import {
  accountOfSession,
  checkSignInLink,
  endSession,
  eraseAccount,
  type ReaderAccount,
  requestSignInLink,
  SignInLinkGone,
  signInWithLink,
} from './sign-in.js';

export interface ReaderAccountOptions {
  db: Kysely<Database>;
  site: SiteState;
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  comments: CommentDeps;
}

const COOKIE = 'broadsheet_reader';
const ACCOUNT_WORDING = 'Chosen on the reader account page, signed in by a link emailed to this address.';

function text(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

const sendPrivate = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

export function readerAccountRoutes(options: ReaderAccountOptions) {
  const { db, site, clock } = options;
  const secure = options.publicUrl.startsWith('https://');
  const signedIn = (request: FastifyRequest) => accountOfSession(db, request.cookies[COOKIE], clock());
  const requireAccount = async (request: FastifyRequest): Promise<ReaderAccount> => {
    const account = await signedIn(request);
    if (!account) throw new Unauthorized('Please sign in to your reader account.');
    return account;
  };

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/account', async (request, reply) => {
      const ctx = await site.context();
      const account = await signedIn(request);
      if (!account) return sendPrivate(reply, 200, renderDocument(<SignInPage ctx={ctx} />));
      const [newsletters, comments] = await Promise.all([
        newslettersOf(db, account.email),
        exportByKey(options.comments, emailKey(options.secret, account.email), account.email),
      ]);
      const page = (
        <AccountPage
          ctx={ctx}
          email={account.email}
          newsletters={newsletters}
          comments={comments.comments.length}
        />
      );
      return sendPrivate(reply, 200, renderDocument(page));
    });

    app.post('/account/sign-in', async (request, reply) => {
      const ctx = await site.context();
      const email = text(request.body, 'email');
      try {
        await requestSignInLink(options, email, request.ip, ctx.settings.siteName);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return sendPrivate(
          reply,
          400,
          renderDocument(<SignInPage ctx={ctx} email={email} error={error.fields.email} />),
        );
      }
      return sendPrivate(reply, 200, renderDocument(<SignInPage ctx={ctx} sent />));
    });

    const gone = async (reply: FastifyReply, error: SignInLinkGone) =>
      sendPrivate(
        reply,
        410,
        renderDocument(
          <AccountLayout ctx={await site.context()} title="This link cannot be used">
            <p role="alert">{error.message}</p>
            <p>
              <a href="/account">Ask for a new link</a>
            </p>
          </AccountLayout>,
        ),
      );

    app.get<{ Querystring: { token?: string } }>('/account/sign-in/confirm', async (request, reply) => {
      const token = String(request.query.token ?? '');
      try {
        await checkSignInLink(db, token, clock());
      } catch (error) {
        if (error instanceof SignInLinkGone) return gone(reply, error);
        throw error;
      }
      return sendPrivate(
        reply,
        200,
        renderDocument(<ConfirmSignInPage ctx={await site.context()} token={token} />),
      );
    });

    app.post('/account/sign-in/confirm', async (request, reply) => {
      let signedInNow: Awaited<ReturnType<typeof signInWithLink>>;
      try {
        signedInNow = await signInWithLink(db, text(request.body, 'token'), clock());
      } catch (error) {
        if (error instanceof SignInLinkGone) return gone(reply, error);
        throw error;
      }
      return reply
        .setCookie(COOKIE, signedInNow.session, {
          path: '/account',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          expires: signedInNow.expires,
        })
        .header('cache-control', 'no-store')
        .redirect('/account', 303);
    });

    app.post('/account/sign-out', async (request, reply) => {
      await endSession(db, request.cookies[COOKIE]);
      return reply.clearCookie(COOKIE, { path: '/account' }).redirect('/account', 303);
    });

    app.post('/account/newsletters', async (request, reply) => {
      const account = await requireAccount(request);
      const list = text(request.body, 'list');
      const lists = await newslettersOf(db, account.email);
      const chosen = lists.find((l) => String(l.id) === list);
      if (!chosen) throw new Invalid('We have no such newsletter.', { list: 'Unknown newsletter.' });
      await setSubscription(
        db,
        account.email,
        chosen.id,
        text(request.body, 'subscribed') === 'yes',
        ACCOUNT_WORDING,
        clock(),
      );
      return reply.header('cache-control', 'no-store').redirect('/account', 303);
    });

    app.get('/account/export.json', async (request, reply) => {
      const account = await requireAccount(request);
      const [newsletters, comments] = await Promise.all([
        newsletterDataOf(db, account.email),
        exportByKey(options.comments, emailKey(options.secret, account.email), account.email),
      ]);
      const data = {
        exportedAt: clock().toISOString(),
        account: { email: account.email },
        newsletters,
        comments,
      };
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="my-data.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.post('/account/erase', async (request, reply) => {
      const account = await requireAccount(request);
      if (text(request.body, 'confirm') !== 'yes') {
        throw new Invalid('Tick the box to confirm the erasure.', { confirm: 'Required.' });
      }
      await eraseByKey(options.comments, emailKey(options.secret, account.email), account.email);
      await eraseNewsletterData(db, account.email, clock());
      await eraseAccount(db, account);
      const page = (
        <AccountLayout ctx={await site.context()} title="Your data is erased">
          <p role="status">
            Your account, subscriptions and comments are gone. We keep only a note never to email this address
            again, unless you sign up anew.
          </p>
        </AccountLayout>
      );
      return sendPrivate(reply.clearCookie(COOKIE, { path: '/account' }), 200, renderDocument(page));
    });
  };
}

// A reader's account pages: signing in by emailed link, and the account itself (newsletters, donations,
// comments, and their data to download or erase). Never indexed, never cached.
import type { ComponentChildren } from 'preact';
import type { ReaderNewsletter } from '../newsletters/reader-subscriptions.js';
import type { SiteContext } from '../site/site-context.js';
import { Layout } from '../views/layout.js';

export function AccountLayout(props: { ctx: SiteContext; title: string; children: ComponentChildren }) {
  return (
    <Layout
      ctx={props.ctx}
      head={
        <>
          <title>{`${props.title} – ${props.ctx.settings.siteName}`}</title>
          <meta name="robots" content="noindex" />
        </>
      }
    >
      <div class="account-page">
        <h1 class="page-title">{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}

export function SignInPage(props: { ctx: SiteContext; email?: string; error?: string; sent?: boolean }) {
  return (
    <AccountLayout ctx={props.ctx} title="Your reader account">
      {props.sent ? (
        <p role="status">We have sent a sign-in link to that address. It works once, for 30 minutes.</p>
      ) : (
        <>
          <p>No password: enter your email and we will send you a link to sign in.</p>
          <form method="post" action="/account/sign-in">
            <label for="account-email">Your email</label>
            <input
              id="account-email"
              name="email"
              type="email"
              required
              autocomplete="email"
              maxLength={254}
              value={props.email ?? ''}
              {...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': 'account-email-error' } : {})}
            />
            {props.error && (
              <p class="field-error" id="account-email-error">
                {props.error}
              </p>
            )}
            <button type="submit">Email me a link</button>
          </form>
        </>
      )}
    </AccountLayout>
  );
}

export function ConfirmSignInPage(props: { ctx: SiteContext; token: string }) {
  // A button, not the link itself: a mail scanner opening the link must not use it up.
  return (
    <AccountLayout ctx={props.ctx} title="Sign in">
      <form method="post" action="/account/sign-in/confirm">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Sign me in</button>
      </form>
    </AccountLayout>
  );
}

export function AccountPage(props: {
  ctx: SiteContext;
  email: string;
  newsletters: ReaderNewsletter[];
  comments: number;
}) {
  return (
    <AccountLayout ctx={props.ctx} title="Your reader account">
      <p>
        Signed in as <strong>{props.email}</strong>.
      </p>
      <form method="post" action="/account/sign-out" class="inline-form">
        <button type="submit">Sign out</button>
      </form>
      <h2>Newsletters</h2>
      {props.newsletters.length === 0 ? (
        <p>We have no newsletters yet.</p>
      ) : (
        <ul class="account-newsletters">
          {props.newsletters.map((n) => (
            <li>
              <strong>{n.name}</strong> ({n.frequency}): {n.subscribed ? 'subscribed' : 'not subscribed'}
              <form method="post" action="/account/newsletters" class="inline-form">
                <input type="hidden" name="list" value={String(n.id)} />
                <input type="hidden" name="subscribed" value={n.subscribed ? 'no' : 'yes'} />
                <button type="submit">{n.subscribed ? 'Unsubscribe' : 'Subscribe'}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>Donations</h2>
      <p>
        <a href="/support/manage">See and manage your donations</a> (we email a link to this address).
      </p>
      <h2>Comments</h2>
      <p>
        {props.comments === 0
          ? 'No comments have been posted with this address.'
          : `${props.comments} ${props.comments === 1 ? 'comment has' : 'comments have'} been posted with this address; they are part of your data below.`}
      </p>
      <h2>Your data</h2>
      <p>
        <a href="/account/export.json">Download everything we keep about this address</a> (newsletters,
        comments, account).
      </p>
      <form method="post" action="/account/erase">
        <input type="checkbox" name="confirm" value="yes" id="erase-confirm" required />
        <label for="erase-confirm">
          Erase my account, my newsletter subscriptions and my comments. This cannot be undone.
        </label>
        <button type="submit">Erase my data</button>
      </form>
    </AccountLayout>
  );
}

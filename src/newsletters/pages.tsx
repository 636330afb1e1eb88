// The reader's newsletter pages: the list of newsletters with the sign-up form, what follows a sign-up,
// the confirming step, the unsubscribe answer, and the public archive of past editions.
import type { ComponentChildren } from 'preact';
import type { SiteContext } from '../site/site-context.js';
import { readableDate } from '../views/dates.js';
import { Layout } from '../views/layout.js';

/** The day an edition went out, as the site's readers count days (its zone, its language), not UTC's. */
function siteDay(ctx: SiteContext, iso: string): string {
  return readableDate(iso, ctx.settings.language, ctx.settings.timeZone);
}

import type { NewsletterList } from './lists.js';
import { NewsletterSignupForm } from './signup-form.js';

function NewsletterLayout(props: {
  ctx: SiteContext;
  title: string;
  index?: boolean;
  children: ComponentChildren;
}) {
  return (
    <Layout
      ctx={props.ctx}
      head={
        <>
          <title>{`${props.title} – ${props.ctx.settings.siteName}`}</title>
          {!props.index && <meta name="robots" content="noindex" />}
        </>
      }
    >
      <div class="newsletter-page">{props.children}</div>
    </Layout>
  );
}

export function NewslettersPage(props: {
  ctx: SiteContext;
  lists: NewsletterList[];
  email?: string;
  chosen?: number[];
  errors?: Record<string, string>;
  message?: string;
}) {
  return (
    <NewsletterLayout ctx={props.ctx} title="Newsletters" index={!props.message}>
      <h1 class="page-title">Newsletters</h1>
      {props.message && (
        <p class="form-errors" role="alert">
          {props.message}
        </p>
      )}
      {props.lists.length === 0 ? (
        <p>We have no newsletters yet.</p>
      ) : (
        <>
          <ul class="newsletter-lists">
            {props.lists.map((list) => (
              <li>
                <h2>{list.name}</h2>
                <p>
                  {list.frequency}. {list.description}
                </p>
                <a href={`/newsletters/${list.slug}`}>Past editions</a>
              </li>
            ))}
          </ul>
          <NewsletterSignupForm
            lists={props.lists}
            form="page"
            email={props.email}
            chosen={props.chosen}
            errors={props.errors}
          />
        </>
      )}
    </NewsletterLayout>
  );
}

export function MessagePage(props: { ctx: SiteContext; title: string; children: ComponentChildren }) {
  return (
    <NewsletterLayout ctx={props.ctx} title={props.title}>
      <h1 class="page-title">{props.title}</h1>
      {props.children}
    </NewsletterLayout>
  );
}

export function ConfirmPage(props: { ctx: SiteContext; token: string }) {
  // A button, not the link itself: mail scanners that open every link must not subscribe anyone.
  return (
    <MessagePage ctx={props.ctx} title="Confirm your subscription">
      <form method="post" action="/newsletters/confirm">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Yes, subscribe me</button>
      </form>
    </MessagePage>
  );
}

export function UnsubscribePage(props: { ctx: SiteContext; token: string }) {
  return (
    <MessagePage ctx={props.ctx} title="Unsubscribe">
      <form method="post" action={`/newsletters/unsubscribe/${props.token}`}>
        <button type="submit">Unsubscribe me</button>
      </form>
    </MessagePage>
  );
}

export function ArchivePage(props: {
  ctx: SiteContext;
  list: NewsletterList;
  editions: Array<{ id: number; subject: string; started_at: string | null }>;
}) {
  const { list } = props;
  return (
    <NewsletterLayout ctx={props.ctx} title={list.name} index>
      <h1 class="page-title">{list.name}</h1>
      <p>
        {list.frequency}. {list.description} <a href="/newsletters">Sign up</a>
      </p>
      {props.editions.length === 0 ? (
        <p>No editions have been sent yet.</p>
      ) : (
        <ul class="edition-archive">
          {props.editions.map((e) => (
            <li>
              <a href={`/newsletters/${list.slug}/${e.id}`}>{e.subject}</a>{' '}
              {e.started_at && <time datetime={e.started_at}>{siteDay(props.ctx, e.started_at)}</time>}
            </li>
          ))}
        </ul>
      )}
    </NewsletterLayout>
  );
}

export function ArchivedEditionPage(props: {
  ctx: SiteContext;
  list: NewsletterList;
  subject: string;
  startedAt: string | null;
  html: string;
}) {
  return (
    <NewsletterLayout ctx={props.ctx} title={props.subject} index>
      <p class="kicker">
        <a href={`/newsletters/${props.list.slug}`}>{props.list.name}</a>
      </p>
      <h1 class="page-title">{props.subject}</h1>
      {props.startedAt && <time datetime={props.startedAt}>{siteDay(props.ctx, props.startedAt)}</time>}
      {/* Rendered from escaped parts when the edition was frozen (edition-email.ts). */}
      <div class="edition-web" dangerouslySetInnerHTML={{ __html: props.html }} />
    </NewsletterLayout>
  );
}

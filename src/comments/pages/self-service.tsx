// Pages a commenter reaches from a mail or the form, without an account: unsubscribing with one click,
// asking for their data, and the signed page where they download or delete all of it.
import type { SiteContext } from '../../site/site-context.js';
import type { UnsubscribeKind } from '../unsubscribe.js';
import { ReaderShell } from './reader-pages.js';

const WHAT: Record<UnsubscribeKind, string> = {
  replies: 'emails about replies to your comments',
  digest: 'the digest of comments waiting for moderation',
};

export function UnsubscribePage(props: {
  ctx: SiteContext;
  kind: UnsubscribeKind;
  action: string;
  done: boolean;
}) {
  return (
    <ReaderShell ctx={props.ctx} title="Unsubscribe">
      <h1>Unsubscribe</h1>
      {props.done ? (
        <p role="status">Done: you will no longer receive {WHAT[props.kind]}.</p>
      ) : (
        // A button, not the link itself: mail scanners open links, and must not unsubscribe anyone.
        <form method="post" action={props.action}>
          <p>Stop {WHAT[props.kind]}?</p>
          <button type="submit">Unsubscribe</button>
        </form>
      )}
    </ReaderShell>
  );
}

export function DataRequestPage(props: {
  ctx: SiteContext;
  email?: string;
  error?: string;
  problem?: string;
  sent?: boolean;
}) {
  return (
    <ReaderShell ctx={props.ctx} title="Your comments and your data">
      <h1>Your comments and your data</h1>
      <p>
        We keep your name, email address, website and the text of your comments. Your email address is never
        published. Your IP address is never stored; a keyed hash of your network is kept for spam checks and
        deleted after a few weeks.
      </p>
      {props.problem && (
        <p class="form-message" role="alert">
          {props.problem}
        </p>
      )}
      {props.sent ? (
        <p role="status">
          If there are comments under that address, we have sent it a link to download or delete them. The
          link works for 24 hours.
        </p>
      ) : (
        <form method="post" action="/comments/my-data" class="comment-form" novalidate>
          <div class="field">
            <label for="data-email">The email address you comment with</label>
            <input
              id="data-email"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={props.email ?? ''}
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby="data-email-error"
            />
            <p class="field-error" id="data-email-error" hidden={!props.error}>
              {props.error ?? ''}
            </p>
          </div>
          <button type="submit">Send me a link</button>
        </form>
      )}
    </ReaderShell>
  );
}

export function MyDataPage(props: { ctx: SiteContext; token: string; count: number; erased?: number }) {
  const base = `/comments/my-data/${props.token}`;
  return (
    <ReaderShell ctx={props.ctx} title="Your comments and your data">
      <h1>Your comments and your data</h1>
      {props.erased !== undefined ? (
        <p role="status">
          Deleted: {props.erased} comment{props.erased === 1 ? '' : 's'} and everything else stored under your
          email address.
        </p>
      ) : (
        <>
          <p>
            We have {props.count} comment{props.count === 1 ? '' : 's'} from this email address.
          </p>
          <p>
            <a href={`${base}/export.json`} download="my-comments.json">
              Download all of it (JSON)
            </a>
          </p>
          <form method="post" action={`${base}/erase`} class="comment-form">
            <div class="field field-check">
              <input id="erase-confirm" name="confirm" type="checkbox" value="yes" required />
              <label for="erase-confirm">
                Yes, delete all my comments and everything stored under my address
              </label>
            </div>
            <button type="submit">Delete everything</button>
          </form>
        </>
      )}
    </ReaderShell>
  );
}

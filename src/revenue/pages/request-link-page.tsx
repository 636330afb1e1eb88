// Asking for a link to manage one's donations: the email form, the answer that a link is on its way, and
// what went wrong with a link that was followed (forged, expired).
import type { SiteContext } from '../../site/site-context.js';
import { DonorLayout } from './donor-layout.js';

export function RequestLinkPage(props: {
  ctx: SiteContext;
  sent?: boolean;
  email?: string;
  error?: string;
  problem?: string;
}) {
  return (
    <DonorLayout ctx={props.ctx} title="Manage your donation">
      <h1 class="page-title">Manage your donation</h1>
      {props.problem && (
        <p class="support-errors" role="alert">
          {props.problem}
        </p>
      )}
      {props.sent ? (
        <p role="status">
          If we have donations under that address, we have sent it a link. It works for 24 hours. Check your
          inbox (and the spam folder).
        </p>
      ) : (
        <>
          <p>Enter the email address you gave with your donation. We will send you a link to manage it.</p>
          <form method="post" action="/support/manage" class="support-form">
            <div class="support-field">
              <label for="manage-email">Your email</label>
              <input
                id="manage-email"
                name="email"
                type="email"
                required
                autocomplete="email"
                maxLength={254}
                value={props.email ?? ''}
                {...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': 'manage-email-error' } : {})}
              />
              {props.error && (
                <p class="field-error" id="manage-email-error">
                  {props.error}
                </p>
              )}
            </div>
            <button type="submit" class="support-button">
              Email me a link
            </button>
          </form>
        </>
      )}
    </DonorLayout>
  );
}

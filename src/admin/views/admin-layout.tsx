// The newsroom's page shell: its own stylesheet and script, a navigation that shows only what the signed-in
// person's role may use (the server still checks every action), the page's message and a sign-out form.
import type { ComponentChildren } from 'preact';
import {
  canCurateFronts,
  canEditSettings,
  canExportSite,
  canManageApiTokens,
  canManageAuthors,
  canManageContentApiKeys,
  canManagePages,
  canManageStaff,
  canModerateComments,
  canSendNewsletters,
  canViewAnalytics,
  canViewDonations,
  type StaffMember,
} from '../guardian.js';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

export const ROLE_LABELS = { contributor: 'Contributor', editor: 'Editor', admin: 'Admin' } as const;

interface NavItem {
  href: string;
  label: string;
}

/** The sections of the newsroom this person may open, in menu order. */
export function adminSections(staff: StaffMember, options: { outbox: boolean }): NavItem[] {
  const items: NavItem[] = [
    { href: '/admin/articles', label: 'Articles' },
    { href: '/admin/media', label: 'Media' },
  ];
  if (canManagePages(staff)) items.push({ href: '/admin/pages', label: 'Pages' });
  if (canCurateFronts(staff)) items.push({ href: '/admin/fronts', label: 'Fronts' });
  if (canManageAuthors(staff)) items.push({ href: '/admin/authors', label: 'Authors' });
  if (canModerateComments(staff)) items.push({ href: '/admin/comments', label: 'Comments' });
  if (canViewAnalytics(staff)) items.push({ href: '/admin/analytics', label: 'Analytics' });
  if (canSendNewsletters(staff)) items.push({ href: '/admin/newsletters', label: 'Newsletters' });
  if (canViewDonations(staff)) items.push({ href: '/admin/donations', label: 'Donations' });
  if (canManageStaff(staff)) items.push({ href: '/admin/staff', label: 'Staff' });
  if (canEditSettings(staff)) items.push({ href: '/admin/settings', label: 'Settings' });
  if (canManageApiTokens(staff)) items.push({ href: '/admin/api-tokens', label: 'API tokens' });
  if (canEditSettings(staff)) items.push({ href: '/admin/consent', label: 'Third-party tags' });
  if (canEditSettings(staff)) items.push({ href: '/admin/webhooks', label: 'Webhooks' });
  if (canManageContentApiKeys(staff)) items.push({ href: '/admin/api-keys', label: 'API keys' });
  if (canExportSite(staff)) items.push({ href: '/admin/export', label: 'Export' });
  if (options.outbox && canManageStaff(staff)) items.push({ href: '/admin/outbox', label: 'Outbox' });
  return items;
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function AdminLayout(props: {
  staff: StaffMember | null;
  title: string;
  csrfToken: string;
  children: ComponentChildren;
  flash?: Flash;
  /** Mail goes to the outbox: show it in the menu (admins). */
  outbox?: boolean;
  /** The current path, to mark the open section in the menu. */
  path?: string;
  /** The hashed path of a built asset (see http/assets.ts). */
  assetPath: (name: string) => string;
  /** Extra bundles by entry name (see scripts/build-assets.ts), e.g. ['editor.js', 'editor.css']. */
  assets?: string[];
  /** Narrow single-column pages: sign-in, setup. */
  narrow?: boolean;
  /** Returned articles waiting unopened for the signed-in writer: a link to them beside their name. */
  returnedToYou?: number;
}) {
  const { staff } = props;
  const extra = props.assets ?? [];
  const path = props.path ?? '';
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="same-origin" />
        <title>{`${props.title} · Newsroom`}</title>
        <link rel="stylesheet" href={props.assetPath('admin.css')} />
        {extra
          .filter((name) => name.endsWith('.css'))
          .map((name) => (
            <link rel="stylesheet" href={props.assetPath(name)} />
          ))}
        <script type="module" src={props.assetPath('admin.js')} />
        {extra
          .filter((name) => name.endsWith('.js'))
          .map((name) => (
            <script type="module" src={props.assetPath(name)} />
          ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <a class="admin-brand" href="/admin">
            Newsroom
          </a>
          {staff && (
            <nav class="admin-nav" aria-label="Newsroom">
              <ul>
                {adminSections(staff, { outbox: props.outbox ?? false }).map((item) => (
                  <li>
                    <a
                      href={item.href}
                      aria-current={
                        path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined
                      }
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {staff && (
            <div class="admin-who">
              {(props.returnedToYou ?? 0) > 0 && (
                <a class="returned-link" href="/admin#returned-heading">
                  {props.returnedToYou === 1
                    ? '1 article returned to you'
                    : `${props.returnedToYou} articles returned to you`}
                </a>
              )}
              <span>
                {staff.name} <span class="badge">{ROLE_LABELS[staff.role]}</span>
              </span>
              <form method="post" action="/admin/sign-out" class="inline-form">
                <CsrfField token={props.csrfToken} />
                <button type="submit">Sign out</button>
              </form>
            </div>
          )}
          {!staff && <a href="/">View the site</a>}
        </header>
        <main id="main" tabindex={-1} class={props.narrow ? 'narrow' : undefined}>
          {props.flash && (
            <p
              class={`flash flash-${props.flash.kind}`}
              role={props.flash.kind === 'error' ? 'alert' : 'status'}
            >
              {props.flash.text}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}

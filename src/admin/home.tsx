// The newsroom's landing page and the mail outbox: who is signed in and where they may go, and, when no
// SMTP server is configured, the mail the app would have sent (invitations, resets) with clickable links.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { linkifyit } from 'linkify-it';
import { listOutbox } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { renderAdmin } from './auth/render.js';
import { countSessions } from './auth/sessions.js';
import { adminSections, CsrfField, ROLE_LABELS } from './views/admin-layout.js';

const SECTION_HINTS: Record<string, string> = {
  '/admin/articles': 'Write, edit, review and publish',
  '/admin/media': 'Images, captions, credits and rights',
  '/admin/authors': 'Bylines, and who writes as whom',
  '/admin/comments': 'Readers’ comments waiting for you',
  '/admin/donations': 'Donors and payments',
  '/admin/staff': 'Invite people, change roles',
  '/admin/settings': 'Site name, language, sections, app links',
  '/admin/outbox': 'Mail kept here because no SMTP server is set',
};

const linkify = linkifyit();

/** Mail text with its web links made clickable; everything else stays text (escaped when rendered). */
function MailText(props: { text: string }) {
  const parts: Array<string | { url: string; text: string }> = [];
  let at = 0;
  for (const m of linkify.match(props.text) ?? []) {
    if (!/^https?:$/.test(new URL(m.url).protocol)) continue;
    parts.push(props.text.slice(at, m.index), { url: m.url, text: m.text });
    at = m.lastIndex;
  }
  parts.push(props.text.slice(at));
  return (
    <pre class="mail">
      {parts.map((p) =>
        typeof p === 'string' ? (
          p
        ) : (
          <a href={p.url} rel="noreferrer">
            {p.text}
          </a>
        ),
      )}
    </pre>
  );
}

export function homeRoutes(options: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin', { config: { permission: 'contributor' } }, async (request, reply) => {
      const me = request.staff!;
      const sessions = await countSessions(db, me.id, clock());
      return renderAdmin(request, reply, {
        title: 'Newsroom',
        body: (
          <>
            <h1>Hello, {me.name}</h1>
            <p>
              You are signed in as <strong>{ROLE_LABELS[me.role]}</strong>.
            </p>
            <ul class="cards">
              {adminSections(me, { outbox: app.adminShell.outbox }).map((s) => (
                <li>
                  <a href={s.href}>
                    <strong>{s.label}</strong>
                    <span class="muted">{SECTION_HINTS[s.href]}</span>
                  </a>
                </li>
              ))}
            </ul>
            <section class="panel" aria-labelledby="sessions-heading">
              <h2 id="sessions-heading">Your sessions</h2>
              <p>
                You are signed in on {sessions} {sessions === 1 ? 'device or browser' : 'devices or browsers'}
                . Lost a laptop or signed in on a shared computer? Sign out everywhere.
              </p>
              <form
                method="post"
                action="/admin/sign-out-everywhere"
                data-confirm="Sign out on every device, this one included?"
              >
                <CsrfField token={request.csrfToken} />
                <button type="submit" class="secondary">
                  Sign out everywhere
                </button>
              </form>
            </section>
          </>
        ),
      });
    });

    app.get('/admin/outbox', { config: { permission: 'admin' } }, async (request, reply) => {
      const mails = await listOutbox(db, 100);
      return renderAdmin(request, reply, {
        title: 'Outbox',
        body: (
          <>
            <h1>Outbox</h1>
            <p class="hint">
              {app.adminShell.outbox
                ? 'No SMTP server is configured (SMTP_URL), so the mail the newsroom sends is kept here, ' +
                  'newest first. Pass the links on to the people they are for.'
                : 'Mail is sent through SMTP now; these are the mails kept from before it was configured.'}
            </p>
            {mails.length === 0 && <p>The outbox is empty.</p>}
            {mails.map((m) => (
              <article class="panel">
                <h2>{m.subject}</h2>
                <p class="muted">
                  To {m.recipient} · {m.created_at.replace('T', ' ').slice(0, 16)} UTC
                </p>
                <MailText text={m.text_body} />
              </article>
            ))}
          </>
        ),
      });
    });
  };
}

// The mail outbox for admins: when no SMTP server is configured, the mail the app would have sent
// (invitations, resets), newest first, with its web links made clickable. linkify-it loads with the first
// outbox shown, not at start-up.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { LinkifyIt } from 'linkify-it';
import { listOutbox } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { renderAdmin } from './auth/render.js';
import { StaffTime } from './views/staff-time.js';

let linkifier: Promise<LinkifyIt> | null = null;
function loadLinkifier(): Promise<LinkifyIt> {
  linkifier ??= import('linkify-it').then(({ linkifyit }) => linkifyit());
  return linkifier;
}

/** Mail text with its web links made clickable; everything else stays text (escaped when rendered). */
function MailText(props: { text: string; linkify: LinkifyIt }) {
  const parts: Array<string | { url: string; text: string }> = [];
  let at = 0;
  for (const m of props.linkify.match(props.text) ?? []) {
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

export function outboxRoutes(options: { db: Kysely<Database> }) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/outbox', { config: { permission: 'admin' } }, async (request, reply) => {
      const [mails, linkify] = await Promise.all([listOutbox(options.db, 100), loadLinkifier()]);
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
                  To {m.recipient} · <StaffTime iso={m.created_at} />
                </p>
                <MailText text={m.text_body} linkify={linkify} />
              </article>
            ))}
          </>
        ),
      });
    });
  };
}

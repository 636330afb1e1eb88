// The newsroom's landing page: who is signed in, what editors returned to them with notes, the sections they
// may open, and their sessions with a way to end them all.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type ReturnedToYou as ReturnedToYouItem, returnedTo } from '../editorial/review-returns.js';
import { timeFormat } from '../editorial/time-format.js';
import type { SiteState } from '../site/site-state.js';
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

/** Articles an editor sent back with notes that wait for this writer; the unread ones marked. */
function ReturnedToYou(props: {
  returned: ReturnedToYouItem[];
  when: { when: (iso: string) => string; timeZone: string };
}) {
  const unread = props.returned.filter((r) => r.unread).length;
  return (
    <section class="panel returned-to-you" aria-labelledby="returned-heading">
      <h2 id="returned-heading">
        Returned to you{unread > 0 && <span class="badge">{` ${unread} new`}</span>}
      </h2>
      <ul>
        {props.returned.map((r) => (
          <li class={r.unread ? 'unread' : undefined}>
            <a href={`/admin/articles/${r.articleId}`}>{r.headline}</a>{' '}
            <span class="muted">
              returned by {r.by ?? 'an editor'} on {props.when.when(r.at)} ({props.when.timeZone})
              {r.unread ? ' · not opened yet' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function homeRoutes(options: { db: Kysely<Database>; site: SiteState; clock: () => Date }) {
  const { db, clock, site } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin', { config: { permission: 'contributor' } }, async (request, reply) => {
      const me = request.staff!;
      const [sessions, returned, time] = await Promise.all([
        countSessions(db, me.id, clock()),
        returnedTo(db, me.id),
        timeFormat(site),
      ]);
      return renderAdmin(request, reply, {
        title: 'Newsroom',
        body: (
          <>
            <h1>Hello, {me.name}</h1>
            <p>
              You are signed in as <strong>{ROLE_LABELS[me.role]}</strong>.
            </p>
            {returned.length > 0 && <ReturnedToYou returned={returned} when={time} />}
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
  };
}

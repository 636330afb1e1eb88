// The moderation screens for editors (the queue, one comment, settings, per-article opening and closing)
// and, for admins, a commenter's data by email address. Routes read the form and call the domain.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { canManageCommenterData, type StaffMember } from '../../admin/guardian.js';
import { formText } from '../../admin/views/form.js';
import { articlesByIds, publishedArticlesPage } from '../../articles/article-refs.js';
import { type DomainError, Invalid, NotFound } from '../../http/errors.js';
import { pageNumber } from '../../http/request-params.js';
import type { SiteState } from '../../site/site-state.js';
import * as aq from '../admin-queries.js';
import type { CommentDeps } from '../approval.js';
import { closedByAge, commentsClosed } from '../comments.js';
import { maskedEmail } from '../identity.js';
import {
  banAuthorOf,
  editComment,
  liftBan,
  moderate,
  parseAction,
  replyAsStaff,
  setCommentsClosed,
} from '../moderate.js';
import * as q from '../queries.js';
import { readCommentSettings, saveCommentSettings } from '../settings.js';
import { type DetailForms, DetailPage } from './detail-page.js';
import { privacyAction } from './privacy-action.js';
import { queueContext } from './queue-context.js';
import { QueuePage } from './queue-page.js';
import { formToSettings, readSettingsForm, settingsToForm } from './settings-form.js';
import { ArticlesPage, PrivacyPage, SettingsPage } from './tool-pages.js';

export interface AdminCommentOptions {
  deps: CommentDeps;
  site: SiteState;
  scriptPath: string;
  stylePath: string;
}

const editor = { config: { permission: 'editor' as const } };
const admin = { config: { permission: 'admin' as const } };
const PER_PAGE = 50;
const STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
type IdParams = { Params: { id: string } };

function idOf(raw: string): number {
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new NotFound('There is no such comment.');
  return Number(raw);
}

function staffOf(request: FastifyRequest): StaffMember {
  // The permission hook has already refused anyone not signed in.
  return request.staff!;
}

/** Only a moderation screen may be the page to return to. */
function backTo(body: unknown, fallback: string): string {
  const back = formText(body, 'back');
  // The query of a search comes back percent-encoded; none of these characters leaves the path.
  return /^\/admin\/comments(?:[/?][\w/?=&%+.~-]*)?$/.test(back) ? back : fallback;
}

function idsFrom(body: unknown): number[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).ids : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v))
    .map(Number)
    .slice(0, 500);
}

export function adminCommentRoutes(options: AdminCommentOptions) {
  const { deps } = options;
  const { db } = deps;

  async function detail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    forms?: DetailForms,
    status?: number,
  ) {
    const comment = await q.selectComment(db, id);
    if (!comment || comment.status === 'erased') throw new NotFound('There is no such comment.');
    const [[context], thread, settings] = await Promise.all([
      queueContext(db, [comment]),
      aq.selectThreadOf(db, comment),
      readCommentSettings(db),
    ]);
    const article = context!.article;
    const closed = article ? await commentsClosed(db, article, settings, deps.clock()) : true;
    return renderAdmin(request, reply, {
      title: `Comment by ${comment.author_name}`,
      status,
      body: (
        <DetailPage
          comment={comment}
          context={context!}
          thread={thread}
          closed={closed}
          forms={
            forms ?? {
              edit: { body: comment.body, name: comment.author_name, url: comment.author_url },
              reply: '',
            }
          }
          csrfToken={request.csrfToken}
          stylePath={options.stylePath}
        />
      ),
    });
  }

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: ReturnType<typeof readSettingsForm>,
    error?: DomainError,
  ) {
    const [settings, bans] = await Promise.all([readCommentSettings(db), aq.listBans(db)]);
    const emails = await Promise.all(bans.map((b) => aq.latestEmailOf(db, b.email_key)));
    return renderAdmin(request, reply, {
      title: 'Comment settings',
      status: error?.status,
      body: (
        <SettingsPage
          values={values ?? settingsToForm(settings)}
          keyStored={Boolean(settings.akismetKey)}
          errors={error?.fields}
          message={error?.message}
          bans={bans.map((b, i) => ({
            id: b.id,
            email: emails[i] ? maskedEmail(emails[i]) : '(no comments left)',
            reason: b.reason,
            createdAt: b.created_at,
          }))}
          csrfToken={request.csrfToken}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { status?: string; page?: string } }>(
      '/admin/comments',
      editor,
      async (request, reply) => {
        const status = STATUSES.find((s) => s === request.query.status) ?? 'pending';
        const counts = await aq.countByStatus(db);
        const pages = Math.max(1, Math.ceil(counts[status] / PER_PAGE));
        const page = Math.min(pages, Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1));
        const rows = await aq.selectQueue(db, status, PER_PAGE, (page - 1) * PER_PAGE);
        const contexts = await queueContext(db, rows);
        return renderAdmin(request, reply, {
          title: 'Comments',
          body: (
            <QueuePage
              status={status}
              counts={counts}
              items={rows.map((comment, i) => ({ comment, context: contexts[i]! }))}
              page={page}
              pages={pages}
              csrfToken={request.csrfToken}
              admin={canManageCommenterData(staffOf(request))}
              scriptPath={options.scriptPath}
              stylePath={options.stylePath}
            />
          ),
        });
      },
    );

    app.post('/admin/comments/bulk', editor, async (request, reply) => {
      const one = formText(request.body, 'one');
      const match = /^(\w+):([1-9]\d{0,11})$/.exec(one);
      const [action, ids] = match
        ? [parseAction(match[1]), [Number(match[2])]]
        : [parseAction(formText(request.body, 'action')), idsFrom(request.body)];
      const changed = await moderate(deps, staffOf(request), ids, action);
      setFlash(reply, {
        kind: 'ok',
        text: `${changed} comment${changed === 1 ? '' : 's'} ${action === 'unapprove' ? 'back to pending' : action === 'approve' ? 'approved' : `moved to ${action}`}.`,
      });
      return reply.redirect(backTo(request.body, '/admin/comments'), 303);
    });

    app.get('/admin/comments/settings', editor, (request, reply) => settingsPage(request, reply));

    app.post('/admin/comments/settings', editor, async (request, reply) => {
      const values = readSettingsForm(request.body);
      try {
        await saveCommentSettings(db, formToSettings(values, await readCommentSettings(db)), deps.clock());
      } catch (error) {
        if (error instanceof Invalid)
          return settingsPage(request, reply, { ...values, akismetKey: '' }, error);
        throw error;
      }
      // Closing by age and the page size change what every article page shows.
      await deps.allPagesChanged();
      setFlash(reply, { kind: 'ok', text: 'Comment settings saved.' });
      return reply.redirect('/admin/comments/settings', 303);
    });

    app.post<IdParams>('/admin/comments/bans/:id/lift', editor, async (request, reply) => {
      await liftBan(deps, staffOf(request), idOf(request.params.id));
      setFlash(reply, { kind: 'ok', text: 'The ban was lifted.' });
      return reply.redirect('/admin/comments/settings', 303);
    });

    app.get<{ Querystring: { q?: unknown } }>('/admin/comments/articles', editor, async (request, reply) => {
      const typed = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
      const words = typed.split(/\s+/).filter(Boolean).slice(0, 10);
      const search = words.join(' ');
      const asked = pageNumber(request.query);
      let found = await publishedArticlesPage(db, { words, limit: PER_PAGE, offset: (asked - 1) * PER_PAGE });
      const pages = Math.max(1, Math.ceil(found.total / PER_PAGE));
      // A page past the end (the list shrank since the link was made) shows the last one.
      const page = Math.min(asked, pages);
      if (page !== asked)
        found = await publishedArticlesPage(db, { words, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
      const { articles } = found;
      const settings = await readCommentSettings(db);
      const ids = articles.map((a) => a.id);
      const [counts, flags] = await Promise.all([aq.commentCountsOf(db, ids), aq.closedFlagsOf(db, ids)]);
      const flag = new Map(flags.map((f) => [f.article_id, f.closed === 1]));
      const now = deps.clock();
      const rows = articles.map((a) => {
        const auto = closedByAge(a, settings, now);
        return {
          ...a,
          comments: counts.get(a.id) ?? 0,
          closed: flag.get(a.id) ?? auto,
          auto: !flag.has(a.id) && auto,
        };
      });
      return renderAdmin(request, reply, {
        title: 'Open or close comments',
        body: (
          <ArticlesPage
            articles={rows}
            search={search}
            total={found.total}
            page={page}
            pages={pages}
            csrfToken={request.csrfToken}
          />
        ),
      });
    });

    app.post<IdParams>('/admin/comments/articles/:id/closed', editor, async (request, reply) => {
      const articleId = idOf(request.params.id);
      if (!(await articlesByIds(db, [articleId])).has(articleId))
        throw new NotFound('There is no such article.');
      const closed = formText(request.body, 'closed') === '1';
      await setCommentsClosed(deps, staffOf(request), articleId, closed);
      setFlash(reply, {
        kind: 'ok',
        text: closed ? 'Comments are closed on that article.' : 'Comments are open on that article.',
      });
      return reply.redirect(backTo(request.body, '/admin/comments/articles'), 303);
    });

    app.get('/admin/comments/privacy', admin, (request, reply) =>
      renderAdmin(request, reply, {
        title: 'A commenter’s data',
        body: <PrivacyPage email="" csrfToken={request.csrfToken} />,
      }),
    );

    app.post('/admin/comments/privacy', admin, (request, reply) => privacyAction(deps, request, reply));

    app.get<IdParams>('/admin/comments/:id', editor, (request, reply) =>
      detail(request, reply, idOf(request.params.id)),
    );

    app.post<IdParams>('/admin/comments/:id/edit', editor, async (request, reply) => {
      const id = idOf(request.params.id);
      const edit = {
        body: formText(request.body, 'body'),
        name: formText(request.body, 'name'),
        url: formText(request.body, 'url'),
      };
      try {
        await editComment(deps, staffOf(request), id, edit);
      } catch (error) {
        if (error instanceof Invalid)
          return detail(
            request,
            reply,
            id,
            { edit, reply: '', errors: error.fields, message: error.message },
            400,
          );
        throw error;
      }
      setFlash(reply, { kind: 'ok', text: 'The comment was saved.' });
      return reply.redirect(`/admin/comments/${id}`, 303);
    });

    app.post<IdParams>('/admin/comments/:id/reply', editor, async (request, reply) => {
      const id = idOf(request.params.id);
      const text = formText(request.body, 'reply');
      let replyId: number;
      try {
        replyId = await replyAsStaff(deps, staffOf(request), id, text);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        const row = await q.selectComment(db, id);
        const edit = { body: row?.body ?? '', name: row?.author_name ?? '', url: row?.author_url ?? '' };
        return detail(
          request,
          reply,
          id,
          { edit, reply: text, errors: error.fields, message: error.message },
          400,
        );
      }
      setFlash(reply, { kind: 'ok', text: 'Your reply is published.' });
      return reply.redirect(`/admin/comments/${replyId}`, 303);
    });

    app.post<IdParams>('/admin/comments/:id/ban', editor, async (request, reply) => {
      const id = idOf(request.params.id);
      const moved = await banAuthorOf(deps, staffOf(request), id, formText(request.body, 'reason'));
      setFlash(reply, {
        kind: 'ok',
        text: `The commenter is banned.${moved ? ` ${moved} held comment${moved === 1 ? '' : 's'} moved to spam.` : ''}`,
      });
      return reply.redirect(`/admin/comments/${id}`, 303);
    });
  };
}

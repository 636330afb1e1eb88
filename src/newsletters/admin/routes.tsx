// The newsroom's newsletter screens (editors and admins): lists, CSV import and export, editions written,
// previewed, tested, sent now or scheduled, and a send's progress, paused and resumed. Registered from
// src/newsroom.ts. The page of an edition being sent refreshes itself (a meta refresh: no script needed).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { DomainError, Invalid } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import { localInputValue, zonedTime } from '../../views/dates.js';
import { UNSUBSCRIBE_SLOT } from '../edition-email.js';
import {
  createEdition,
  type EditionInput,
  getEdition,
  listEditions,
  pauseEdition,
  renderEdition,
  resumeEdition,
  scheduleEdition,
  startSending,
  unscheduleEdition,
  updateEdition,
} from '../editions.js';
import { allLists, createList, type ListInput, listById, NEWSLETTER_LISTS_TAG } from '../lists.js';
import type { NewsletterDeps } from '../newsletter-deps.js';
import { sendProgress } from '../send-queue.js';
import { NEWSLETTER_ARCHIVE_TAG } from '../sender.js';
import { exportSubscribers, importSubscribers, subscriberCounts } from '../subscriber-import.js';
import { type EditionForm, EditionFormPage, EditionPage, ImportPage, NewslettersAdminPage } from './pages.js';

const editors = { config: { permission: 'editor' as const } };
type Id = { Params: { id: string } };

const EMPTY_LIST: ListInput = { slug: '', name: '', description: '', sender: '', frequency: '' };

function editionForm(body: unknown): EditionForm {
  const sections = body && typeof body === 'object' ? (body as Record<string, unknown>).sections : undefined;
  return {
    listId: formText(body, 'listId'),
    subject: formText(body, 'subject'),
    intro: formText(body, 'intro'),
    articles: formText(body, 'articles'),
    sections: (Array.isArray(sections) ? sections : [sections]).filter(
      (s): s is string => typeof s === 'string',
    ),
  };
}

function editionInput(form: EditionForm): EditionInput {
  return {
    listId: /^\d{1,9}$/.test(form.listId) ? Number(form.listId) : 0,
    subject: form.subject,
    intro: form.intro,
    articleSlugs: form.articles
      .split(/\s+/)
      .map((s) =>
        s
          .trim()
          .replace(/^.*\/articles\//, '')
          .replace(/\/$/, ''),
      )
      .filter(Boolean),
    sectionIds: form.sections.filter((s) => /^\d{1,9}$/.test(s)).map(Number),
  };
}

export function newsletterAdminRoutes(deps: NewsletterDeps) {
  const { db, site, clock, events } = deps;
  const editionId = (request: FastifyRequest<Id>) =>
    idParam(request.params.id, 'We could not find that edition.');

  async function overview(
    request: FastifyRequest,
    reply: FastifyReply,
    draft = EMPTY_LIST,
    error?: DomainError,
  ) {
    const [lists, counts, editions] = await Promise.all([
      allLists(db),
      subscriberCounts(db),
      listEditions(db),
    ]);
    const byList = new Map<number, Record<string, number>>();
    for (const c of counts) byList.set(c.list_id, { ...byList.get(c.list_id), [c.status]: Number(c.n) });
    return renderAdmin(request, reply, {
      title: 'Newsletters',
      status: error?.status,
      body: (
        <NewslettersAdminPage
          csrfToken={request.csrfToken}
          lists={lists}
          counts={byList}
          editions={editions}
          draft={draft}
          errors={error?.fields}
          message={error?.message}
        />
      ),
    });
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    form: EditionForm,
    error?: DomainError,
  ) {
    const [lists, ctx] = await Promise.all([allLists(db), site.context()]);
    return renderAdmin(request, reply, {
      title: 'Edition',
      status: error?.status,
      body: (
        <EditionFormPage
          csrfToken={request.csrfToken}
          action={action}
          lists={lists}
          sections={ctx.sections}
          form={form}
          errors={error?.fields}
          message={error?.message}
        />
      ),
    });
  }

  /** Runs a change of an edition, then back to its page with a note, or the reason it could not be done. */
  async function acting(reply: FastifyReply, id: number, act: () => Promise<unknown>, done: string) {
    try {
      await act();
      setFlash(reply, { kind: 'ok', text: done });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      setFlash(reply, { kind: 'error', text: [error.message, ...Object.values(error.fields)].join(' ') });
    }
    return reply.redirect(`/admin/newsletters/editions/${id}`, 303);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/newsletters', editors, (request, reply) => overview(request, reply));

    app.post('/admin/newsletters/lists', editors, async (request, reply) => {
      const input: ListInput = {
        slug: formText(request.body, 'slug'),
        name: formText(request.body, 'name'),
        description: formText(request.body, 'description'),
        sender: formText(request.body, 'sender'),
        frequency: formText(request.body, 'frequency'),
      };
      try {
        await createList(db, input, clock());
      } catch (error) {
        if (error instanceof DomainError && error.status < 500) return overview(request, reply, input, error);
        throw error;
      }
      await events.changed([NEWSLETTER_LISTS_TAG, EVERYTHING]);
      setFlash(reply, { kind: 'ok', text: `Newsletter ${input.name.trim()} added.` });
      return reply.redirect('/admin/newsletters', 303);
    });

    app.get<Id>('/admin/newsletters/lists/:id/subscribers.csv', editors, async (request, reply) => {
      const list = await listById(db, idParam(request.params.id, 'We have no such newsletter.'));
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${list.slug}-subscribers.csv"`)
        .type('text/csv; charset=utf-8')
        .send(await exportSubscribers(db, list.id));
    });

    app.get<Id>('/admin/newsletters/lists/:id/import', editors, async (request, reply) => {
      const list = await listById(db, idParam(request.params.id, 'We have no such newsletter.'));
      return renderAdmin(request, reply, {
        title: 'Import subscribers',
        body: <ImportPage csrfToken={request.csrfToken} list={list} />,
      });
    });

    // Its own context: only the import takes a multipart body (the file), read whole up to 20 MB.
    await app.register(async (upload) => {
      await upload.register(multipart, {
        attachFieldsToBody: 'keyValues',
        limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5 },
      });
      upload.post<Id>('/admin/newsletters/lists/:id/import', editors, async (request, reply) => {
        const list = await listById(db, idParam(request.params.id, 'We have no such newsletter.'));
        const file = (request.body as Record<string, unknown> | undefined)?.file;
        const page = (extra: {
          report?: Awaited<ReturnType<typeof importSubscribers>>;
          error?: DomainError;
        }) =>
          renderAdmin(request, reply, {
            title: 'Import subscribers',
            status: extra.error?.status,
            body: (
              <ImportPage
                csrfToken={request.csrfToken}
                list={list}
                report={extra.report}
                errors={extra.error?.fields}
                message={extra.error?.message}
              />
            ),
          });
        try {
          if (!Buffer.isBuffer(file) || file.length === 0) {
            throw new Invalid('Choose a CSV file to import.', { file: 'No file was sent.' });
          }
          const report = await importSubscribers(db, list.id, file.toString('utf8'), 'a CSV import', clock());
          return page({ report });
        } catch (error) {
          if (error instanceof DomainError && error.status < 500) return page({ error });
          throw error;
        }
      });
    });

    app.get('/admin/newsletters/editions/new', editors, async (request, reply) => {
      const lists = await allLists(db);
      const form = { listId: String(lists[0]?.id ?? ''), subject: '', intro: '', articles: '', sections: [] };
      return formPage(request, reply, '/admin/newsletters/editions/new', form);
    });

    app.post('/admin/newsletters/editions/new', editors, async (request, reply) => {
      const form = editionForm(request.body);
      let id: number;
      try {
        id = await createEdition(db, editionInput(form), clock());
      } catch (error) {
        if (error instanceof DomainError && error.status < 500) {
          return formPage(request, reply, '/admin/newsletters/editions/new', form, error);
        }
        throw error;
      }
      setFlash(reply, { kind: 'ok', text: 'Draft saved.' });
      return reply.redirect(`/admin/newsletters/editions/${id}`, 303);
    });

    app.get<Id>('/admin/newsletters/editions/:id/edit', editors, async (request, reply) => {
      const e = await getEdition(db, editionId(request));
      const form = {
        listId: String(e.listId),
        subject: e.subject,
        intro: e.intro,
        articles: e.articleSlugs.join('\n'),
        sections: e.sectionIds.map(String),
      };
      return formPage(request, reply, `/admin/newsletters/editions/${e.id}/edit`, form);
    });

    app.post<Id>('/admin/newsletters/editions/:id/edit', editors, async (request, reply) => {
      const id = editionId(request);
      const form = editionForm(request.body);
      try {
        await updateEdition(db, id, editionInput(form));
      } catch (error) {
        if (error instanceof DomainError && error.status < 500) {
          return formPage(request, reply, `/admin/newsletters/editions/${id}/edit`, form, error);
        }
        throw error;
      }
      setFlash(reply, { kind: 'ok', text: 'Draft saved.' });
      return reply.redirect(`/admin/newsletters/editions/${id}`, 303);
    });

    app.get<Id>('/admin/newsletters/editions/:id', editors, async (request, reply) => {
      const edition = await getEdition(db, editionId(request));
      const [list, ctx] = await Promise.all([listById(db, edition.listId), site.context()]);
      const sending =
        edition.status === 'sending' || edition.status === 'paused' || edition.status === 'sent';
      const progress = sending ? await sendProgress(db, edition.id, clock()) : null;
      const zone = ctx.settings.timeZone;
      const at = edition.scheduledAt ?? new Date(clock().getTime() + 3600_000).toISOString();
      // While it is being sent the page refreshes itself: the numbers stay live without a script.
      if (edition.status === 'sending') reply.header('refresh', '5');
      return renderAdmin(request, reply, {
        title: edition.subject,
        body: (
          <EditionPage
            csrfToken={request.csrfToken}
            edition={edition}
            listName={list.name}
            progress={progress}
            scheduleValue={localInputValue(at, zone)}
            timeZone={zone}
          />
        ),
      });
    });

    app.get<Id>('/admin/newsletters/editions/:id/progress', editors, async (request, reply) => {
      const edition = await getEdition(db, editionId(request));
      const progress = await sendProgress(db, edition.id, clock());
      return reply
        .header('cache-control', 'no-store')
        .send({ status: edition.status, lastError: edition.lastError, ...progress });
    });

    app.get<Id>('/admin/newsletters/editions/:id/preview/email', editors, async (request, reply) => {
      const edition = await getEdition(db, editionId(request));
      const rendered = await renderEdition(db, await site.context(), edition);
      // The email as a client shows it: its inline styles and remote images allowed, no script, no forms.
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; form-action 'none'; frame-ancestors 'self'",
        )
        .type('text/html; charset=utf-8')
        .send(rendered.html.replaceAll(UNSUBSCRIBE_SLOT, '#unsubscribe'));
    });

    app.get<Id>('/admin/newsletters/editions/:id/preview/web', editors, async (request, reply) => {
      const edition = await getEdition(db, editionId(request));
      const rendered = await renderEdition(db, await site.context(), edition);
      return renderAdmin(request, reply, {
        title: `Preview: ${edition.subject}`,
        body: (
          <>
            <h1>{edition.subject}</h1>
            {/* Rendered from escaped parts (edition-email.ts). */}
            <div class="edition-web" dangerouslySetInnerHTML={{ __html: rendered.web }} />
          </>
        ),
      });
    });

    app.post<Id>('/admin/newsletters/editions/:id/test', editors, async (request, reply) => {
      const edition = await getEdition(db, editionId(request));
      const to = request.staff?.email;
      return acting(
        reply,
        edition.id,
        async () => {
          if (!to) throw new Invalid('Your account has no address to send a test to.');
          const rendered = await renderEdition(db, await site.context(), edition);
          const unsubscribe = `${deps.publicUrl}/newsletters`;
          await deps.mailer.send({
            to,
            subject: `[Test] ${edition.subject}`,
            html: rendered.html.replaceAll(UNSUBSCRIBE_SLOT, unsubscribe),
            text: rendered.text.replaceAll(UNSUBSCRIBE_SLOT, unsubscribe),
          });
        },
        'A test was sent to your address.',
      );
    });

    app.post<Id>('/admin/newsletters/editions/:id/send', editors, async (request, reply) => {
      const id = editionId(request);
      return acting(
        reply,
        id,
        async () => {
          if (!(await startSending(db, await site.context(), id, clock()))) {
            throw new Invalid('This edition is already being sent.');
          }
          await events.changed([NEWSLETTER_ARCHIVE_TAG]);
        },
        'Sending has started.',
      );
    });

    app.post<Id>('/admin/newsletters/editions/:id/schedule', editors, async (request, reply) => {
      const id = editionId(request);
      const ctx = await site.context();
      const at = zonedTime(formText(request.body, 'at'), ctx.settings.timeZone);
      return acting(
        reply,
        id,
        async () => {
          if (Number.isNaN(at.getTime())) throw new Invalid('That is not a date and time.');
          await scheduleEdition(db, id, at, clock());
        },
        'The edition is scheduled.',
      );
    });

    app.post<Id>('/admin/newsletters/editions/:id/unschedule', editors, async (request, reply) => {
      const id = editionId(request);
      return acting(reply, id, () => unscheduleEdition(db, id), 'Back to draft.');
    });
    app.post<Id>('/admin/newsletters/editions/:id/pause', editors, async (request, reply) => {
      const id = editionId(request);
      return acting(reply, id, () => pauseEdition(db, id), 'Sending is paused.');
    });
    app.post<Id>('/admin/newsletters/editions/:id/resume', editors, async (request, reply) => {
      const id = editionId(request);
      return acting(reply, id, () => resumeEdition(db, id), 'Sending goes on.');
    });
  };
}

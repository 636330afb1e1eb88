// The newsroom's page screens at /admin/pages (editors and admins): list, write in the shared editor, publish,
// unpublish, revisions. Every change announces the page's tag, which drops its cached copy at every address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { mediaIdsOf } from '../../articles/render/document.js';
import { mediaChoicesFor } from '../../editorial/media-choices.js';
import { timeFormat } from '../../editorial/time-format.js';
import { DomainError, Invalid } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import type { ReservedPaths } from '../../http/reserved-paths.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import type { SiteState } from '../../site/site-state.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { pageTag } from '../cache-tags.js';
import { type PageForm, parsePageForm, readPageForm, slugProblem } from './page-input.js';
import {
  createPage,
  findPage,
  listPageRevisions,
  listPages,
  type ManagedPage,
  pageRevisionFields,
  savePage,
  setPagePublished,
} from './page-store.js';
import { BLANK_PAGE_FORM, PageEditPage, PageListPage, PageRevisionsPage, pageToForm } from './page-views.js';

export interface PageAdminOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  site: SiteState;
  clock: () => Date;
  reservedPaths: ReservedPaths;
}

const editor = { config: { permission: 'editor' as const } };
type IdParams = { Params: { id: string } };

function pageId(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'That is not a page.');
}

function mediaIdsInForm(form: PageForm): number[] {
  return [...form.body.matchAll(/"mediaId":(\d+)/g)].map((m) => Number(m[1]));
}

export function pageAdminRoutes(options: PageAdminOptions) {
  const { db, events, site, clock, reservedPaths } = options;

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { page: ManagedPage | null; form?: PageForm; error?: DomainError; baseVersion?: number },
  ) {
    const form = state.form ?? (state.page ? pageToForm(state.page) : BLANK_PAGE_FORM);
    const usedIds = state.page && !state.form ? mediaIdsOf(state.page.body) : mediaIdsInForm(form);
    const [media, { when }] = await Promise.all([mediaChoicesFor(db, usedIds, clock()), timeFormat(site)]);
    const editorMedia = Object.fromEntries(media.filter((m) => usedIds.includes(m.id)).map((m) => [m.id, m]));
    return renderAdmin(request, reply, {
      title: state.page ? `Edit: ${state.page.title}` : 'New page',
      status: state.error?.status ?? 200,
      assets: ['editor.css', 'editor.js'],
      body: (
        <PageEditPage
          csrfToken={request.csrfToken}
          page={state.page}
          form={form}
          baseVersion={state.baseVersion ?? state.page?.version ?? 0}
          errors={state.error?.fields}
          message={state.error?.message}
          editorMedia={editorMedia}
          when={when}
        />
      ),
    });
  }

  /** Runs a save; a refusal shows the form again with everything typed and the errors beside the fields. */
  async function trySave(
    request: FastifyRequest,
    reply: FastifyReply,
    page: ManagedPage | null,
    form: PageForm,
    save: () => Promise<{ id: number; renamed: boolean }>,
  ) {
    let saved: { id: number; renamed: boolean };
    try {
      saved = await save();
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 404) throw error;
      const baseVersion = Number(formText(request.body, 'baseVersion')) || 0;
      return editPage(request, reply, { page, form, error, baseVersion });
    }
    const { id, renamed } = saved;
    // A menu shows a page's address and title: a new one of either is a change to every page's shell.
    await events.changed(renamed ? [pageTag(id), EVERYTHING] : [pageTag(id)]);
    setFlash(reply, { kind: 'ok', text: 'Page saved.' });
    return reply.redirect(`/admin/pages/${id}`, 303);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/pages', editor, async (request, reply) => {
      const [pages, { when }] = await Promise.all([listPages(db), timeFormat(site)]);
      return renderAdmin(request, reply, {
        title: 'Pages',
        body: <PageListPage pages={pages} when={when} />,
      });
    });

    app.get('/admin/pages/new', editor, (request, reply) => editPage(request, reply, { page: null }));

    app.post('/admin/pages', editor, (request, reply) => {
      const form = readPageForm(request.body);
      return trySave(request, reply, null, form, async () => ({
        id: await createPage(db, parsePageForm(form, reservedPaths), request.staff!.id, clock()),
        renamed: false,
      }));
    });

    app.get<IdParams>('/admin/pages/:id', editor, async (request, reply) =>
      editPage(request, reply, { page: await findPage(db, pageId(request)) }),
    );

    app.post<IdParams>('/admin/pages/:id', editor, async (request, reply) => {
      const page = await findPage(db, pageId(request));
      const form = readPageForm(request.body);
      const baseVersion = Number(formText(request.body, 'baseVersion')) || 0;
      return trySave(request, reply, page, form, async () => {
        const fields = parsePageForm(form, reservedPaths, page.body);
        const { before } = await savePage(db, page.id, fields, baseVersion, request.staff!.id, clock());
        return { id: page.id, renamed: before.slug !== fields.slug || before.title !== fields.title };
      });
    });

    for (const [action, published] of [
      ['publish', true],
      ['unpublish', false],
    ] as const) {
      app.post<IdParams>(`/admin/pages/:id/${action}`, editor, async (request, reply) => {
        const page = await findPage(db, pageId(request));
        await setPagePublished(db, page.id, published, clock());
        // A menu links only published pages.
        await events.changed([pageTag(page.id), EVERYTHING]);
        setFlash(reply, {
          kind: 'ok',
          text: published ? `Published at /${page.slug}.` : 'Unpublished: readers no longer see it.',
        });
        return reply.redirect(`/admin/pages/${page.id}`, 303);
      });
    }

    app.get<IdParams>('/admin/pages/:id/revisions', editor, async (request, reply) => {
      const page = await findPage(db, pageId(request));
      const [revisions, { when }] = await Promise.all([listPageRevisions(db, page.id), timeFormat(site)]);
      return renderAdmin(request, reply, {
        title: `Revisions: ${page.title}`,
        body: (
          <PageRevisionsPage csrfToken={request.csrfToken} page={page} revisions={revisions} when={when} />
        ),
      });
    });

    app.post<{ Params: { id: string; revision: string } }>(
      '/admin/pages/:id/revisions/:revision/restore',
      editor,
      async (request, reply) => {
        const page = await findPage(db, idParam(request.params.id, 'That is not a page.'));
        const fields = await pageRevisionFields(
          db,
          page.id,
          idParam(request.params.revision, 'That is not a revision.'),
        );
        const problem = slugProblem(fields.slug, reservedPaths);
        if (problem) throw new Invalid('That version cannot be restored.', { slug: problem });
        const baseVersion = Number(formText(request.body, 'baseVersion')) || 0;
        const { version } = await savePage(db, page.id, fields, baseVersion, request.staff!.id, clock());
        await events.changed([pageTag(page.id), EVERYTHING]);
        setFlash(reply, { kind: 'ok', text: `Restored as version ${version}.` });
        return reply.redirect(`/admin/pages/${page.id}`, 303);
      },
    );
  };
}

// The newsroom's fronts screens, for editors and admins: the fronts and the banner form (GET /admin/fronts),
// a front's editor (save the draft, move a slot, publish), its preview as readers will see it, and setting
// or removing the banner. Publishing announces only the front's own tag; the banner only the banner's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { HOME_FRONT, sectionFront } from '../../articles/curation.js';
import type { ArticleSummary } from '../../articles/model.js';
import { listLatest, publishedSummaries } from '../../articles/queries/list-queries.js';
import { renderFrontPage } from '../../articles/routes/front-page-route.js';
import { renderSectionPage } from '../../articles/routes/listing-routes.js';
import { DomainError, NotFound } from '../../http/errors.js';
import type { SectionRef } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import type { SiteState } from '../../site/site-state.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { localInputValue, zonedTime } from '../../views/dates.js';
import { clearBanner, readBanner, setBanner } from '../banner.js';
import { BANNER_TAG, frontTag } from '../cache-tags.js';
import { curatedStories } from '../curated-front.js';
import type { FrontLayout } from '../front-layout.js';
import { publishDraft, readDraft, saveDraft } from '../front-store.js';
import { FrontEditorPage } from './front-editor-page.js';
import { readFrontForm } from './front-form.js';
import { type BannerFormValues, FrontsIndexPage } from './fronts-index-page.js';

export interface FrontsAdminOptions {
  db: Kysely<Database>;
  site: SiteState;
  events: ContentEvents;
  clock: () => Date;
}

// canCurateFronts (guardian.ts) is the editor role; the route permission enforces it.
const editor = { config: { permission: 'editor' as const } };
const RECENT_CHOICES = 60;
const SECTION_PAGE_SIZE = 18;

type FrontParams = { Params: { front: string } };

interface FrontRef {
  path: string;
  key: string;
  name: string;
  section: SectionRef | null;
}

function frontOf(ctx: SiteContext, path: string): FrontRef {
  if (path === HOME_FRONT) return { path, key: HOME_FRONT, name: 'Home page', section: null };
  const section = ctx.sections.find((s) => s.slug === path);
  if (!section) throw new NotFound('There is no such front.');
  return { path, key: sectionFront(section.id), name: section.name, section };
}

export function frontsAdminRoutes(options: FrontsAdminOptions) {
  const { db, site, events, clock } = options;

  /** Recent published stories (the section's, on its front), and any already chosen that are older. */
  async function choices(ctx: SiteContext, front: FrontRef, layout: FrontLayout): Promise<ArticleSummary[]> {
    const filter = front.section
      ? { kind: 'section' as const, sectionId: front.section.id }
      : { kind: 'all' as const };
    const recent = await listLatest(db, filter, RECENT_CHOICES, ctx.sectionsById);
    const known = new Set(recent.map((a) => a.id));
    const chosen = [...layout.stories, ...(layout.pinned ? [layout.pinned.id] : [])].filter(
      (id) => !known.has(id),
    );
    return [...(await publishedSummaries(db, chosen, ctx.sectionsById)), ...recent];
  }

  async function showEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    front: FrontRef,
    extra: { layout?: FrontLayout; error?: DomainError } = {},
  ) {
    const ctx = await site.context();
    const draft = await readDraft(db, front.key);
    const layout = extra.layout ?? draft.layout;
    return renderAdmin(request, reply, {
      title: `Front: ${front.name}`,
      status: extra.error?.status,
      assets: ['fronts.js'],
      body: (
        <FrontEditorPage
          csrfToken={request.csrfToken}
          path={front.path}
          name={front.name}
          layout={layout}
          unpublished={draft.unpublished}
          choices={await choices(ctx, front, layout)}
          timeZone={ctx.settings.timeZone}
          errors={extra.error?.fields}
          message={extra.error?.message}
        />
      ),
    });
  }

  async function index(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: BannerFormValues,
    error?: DomainError,
  ) {
    const ctx = await site.context();
    const banner = await readBanner(db);
    const timeZone = ctx.settings.timeZone;
    const values = form ?? {
      text: banner?.text ?? '',
      link: banner?.link ?? '',
      style: banner?.style ?? 'breaking',
      expiresAt: banner?.expiresAt ? localInputValue(banner.expiresAt, timeZone) : '',
    };
    return renderAdmin(request, reply, {
      title: 'Fronts',
      status: error?.status,
      body: (
        <FrontsIndexPage
          csrfToken={request.csrfToken}
          fronts={[
            { path: HOME_FRONT, name: 'Home page' },
            ...ctx.sections.map((s) => ({ path: s.slug, name: s.name })),
          ]}
          banner={values}
          bannerVersion={banner?.version ?? null}
          timeZone={timeZone}
          errors={error?.fields}
          message={error?.message}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/fronts', editor, (request, reply) => index(request, reply));

    app.get<FrontParams>('/admin/fronts/:front', editor, async (request, reply) =>
      showEditor(request, reply, frontOf(await site.context(), request.params.front)),
    );

    app.post<FrontParams>('/admin/fronts/:front', editor, async (request, reply) => {
      const ctx = await site.context();
      const front = frontOf(ctx, request.params.front);
      const now = clock();
      let read: ReturnType<typeof readFrontForm>;
      try {
        read = readFrontForm(request.body, ctx.settings.timeZone, now);
      } catch (error) {
        if (error instanceof DomainError && error.status < 500)
          return showEditor(request, reply, front, { error });
        throw error;
      }
      const staffId = request.staff!.id;
      await saveDraft(db, front.key, read.layout, staffId, now);
      const back = `/admin/fronts/${front.path}`;
      if (read.action.kind === 'publish') {
        await publishDraft(db, front.key, staffId, now);
        await events.changed([frontTag(front.key)]);
        setFlash(reply, { kind: 'ok', text: `${front.name} published. Readers see it from now on.` });
      } else if (read.action.kind === 'move') {
        setFlash(reply, { kind: 'ok', text: 'Moved. The draft is saved; publish to show it to readers.' });
      } else {
        setFlash(reply, { kind: 'ok', text: 'Draft saved. Preview it, then publish.' });
      }
      return reply.redirect(back, 303);
    });

    // The draft as readers would see it: the reader site's own page, never cached and never indexed.
    app.get<FrontParams>('/admin/fronts/:front/preview', editor, async (request, reply) => {
      const ctx = await site.context();
      const front = frontOf(ctx, request.params.front);
      const { layout } = await readDraft(db, front.key);
      const curated = await curatedStories(db, ctx, front.key, layout, clock());
      const page = front.section
        ? await renderSectionPage(db, ctx, front.section, 1, SECTION_PAGE_SIZE, curated)
        : await renderFrontPage(db, ctx, curated);
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .type('text/html; charset=utf-8')
        .send(page.body);
    });

    app.post('/admin/banner', editor, async (request, reply) => {
      const ctx = await site.context();
      const form: BannerFormValues = {
        text: formText(request.body, 'text'),
        link: formText(request.body, 'link'),
        style: formText(request.body, 'style'),
        expiresAt: formText(request.body, 'expiresAt'),
      };
      try {
        await setBanner(
          db,
          {
            ...form,
            expiresAt: form.expiresAt.trim() ? zonedTime(form.expiresAt, ctx.settings.timeZone) : null,
          },
          request.staff!.id,
          clock(),
        );
      } catch (error) {
        if (error instanceof DomainError && error.status < 500) return index(request, reply, form, error);
        throw error;
      }
      await events.changed([BANNER_TAG]);
      setFlash(reply, { kind: 'ok', text: 'The banner is showing on every page.' });
      return reply.redirect('/admin/fronts#banner', 303);
    });

    app.post('/admin/banner/remove', editor, async (_request, reply) => {
      await clearBanner(db);
      await events.changed([BANNER_TAG]);
      setFlash(reply, { kind: 'ok', text: 'The banner was removed.' });
      return reply.redirect('/admin/fronts#banner', 303);
    });
  };
}

// Site settings and sections for admins. Saving validates the whole document (each error beside its field,
// the typed values kept), then announces the change so cached pages and every instance's SiteState refresh.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DomainError, Invalid, NotFound } from '../../http/errors.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import { getMedia } from '../../media/library.js';
import { parseSiteSettings, readSiteSettings, saveSiteSettings } from '../../site/settings.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { renderAdmin, setFlash } from '../auth/render.js';
import { formText } from '../views/form.js';
import { type SectionDraft, SectionsPage, SettingsPage } from './pages.js';
import {
  addSection,
  listManagedSections,
  moveSection,
  type SectionInput,
  updateSection,
} from './sections.js';
import { formErrors, formToSettings, readSettingsForm, settingsToForm } from './settings-form.js';

export interface SettingsRouteOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  clock: () => Date;
}

const admin = { config: { permission: 'admin' as const } };
const NOT_SAVED =
  'The settings were not saved. Please correct the marked fields; everything else you typed is kept.';
type IdParams = { Params: { id: string } };

function sectionInput(body: unknown, prefix: string): SectionInput {
  return {
    name: formText(body, `${prefix}name`),
    slug: formText(body, `${prefix}slug`),
    description: formText(body, `${prefix}description`),
  };
}

function sectionId(request: FastifyRequest<IdParams>): number {
  const id = Number(request.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Invalid('That is not a section.');
  return id;
}

export function settingsRoutes(options: SettingsRouteOptions) {
  const { db, events, clock } = options;

  async function sectionsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    draft?: SectionDraft,
    status = 200,
  ) {
    return renderAdmin(request, reply, {
      title: 'Sections',
      status,
      body: (
        <SectionsPage csrfToken={request.csrfToken} sections={await listManagedSections(db)} draft={draft} />
      ),
    });
  }

  /** Saves a section and redirects, or re-shows the page with that form's typed values and errors. */
  async function saveSection(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | 'new',
    values: SectionInput,
    save: () => Promise<unknown>,
    done: string,
  ) {
    try {
      await save();
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      return sectionsPage(
        request,
        reply,
        { id, values, errors: error.fields, message: error.message },
        error.status,
      );
    }
    await events.changed([EVERYTHING]);
    setFlash(reply, { kind: 'ok', text: done });
    return reply.redirect('/admin/settings/sections', 303);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/settings', admin, async (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Settings',
        body: (
          <SettingsPage csrfToken={request.csrfToken} values={settingsToForm(await readSiteSettings(db))} />
        ),
      }),
    );

    app.post('/admin/settings', admin, async (request, reply) => {
      const values = readSettingsForm(request.body);
      const { input, errors } = formToSettings(values);
      // Every problem at once: the schema's on top of those found while reading the form.
      try {
        parseSiteSettings(input);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        Object.assign(errors, { ...formErrors(error.fields), ...errors });
      }
      if (typeof input.logoMediaId === 'number' && !errors.logoMediaId) {
        await getMedia(db, input.logoMediaId).catch((error: unknown) => {
          if (!(error instanceof NotFound)) throw error;
          errors.logoMediaId = 'There is no image with this number in the media library.';
        });
      }
      if (Object.keys(errors).length > 0) {
        return renderAdmin(request, reply, {
          title: 'Settings',
          status: 400,
          body: (
            <SettingsPage csrfToken={request.csrfToken} values={values} errors={errors} message={NOT_SAVED} />
          ),
        });
      }
      await saveSiteSettings(db, input, clock());
      await events.changed([EVERYTHING]);
      setFlash(reply, { kind: 'ok', text: 'Settings saved. The site shows them from now on.' });
      return reply.redirect('/admin/settings', 303);
    });

    app.get('/admin/settings/sections', admin, (request, reply) => sectionsPage(request, reply));

    app.post('/admin/settings/sections', admin, (request, reply) => {
      const values = sectionInput(request.body, 'new-');
      return saveSection(
        request,
        reply,
        'new',
        values,
        () => addSection(db, values),
        `Section ${values.name.trim()} added.`,
      );
    });

    app.post<IdParams>('/admin/settings/sections/:id', admin, (request, reply) => {
      const id = sectionId(request);
      const values = sectionInput(request.body, `s${id}-`);
      return saveSection(request, reply, id, values, () => updateSection(db, id, values), 'Section saved.');
    });

    app.post<IdParams>('/admin/settings/sections/:id/move', admin, async (request, reply) => {
      const direction = formText(request.body, 'direction') === 'up' ? 'up' : 'down';
      await moveSection(db, sectionId(request), direction);
      await events.changed([EVERYTHING]);
      return reply.redirect('/admin/settings/sections', 303);
    });
  };
}

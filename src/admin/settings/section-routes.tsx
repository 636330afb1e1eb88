// The site's sections for admins: the list with a form per section, adding, saving and reordering. Every
// change is announced, as sections are on every reader page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { renderAdmin, setFlash } from '../auth/render.js';
import { formText } from '../views/form.js';
import {
  addSection,
  listManagedSections,
  moveSection,
  type SectionInput,
  updateSection,
} from './sections.js';
import { type SectionDraft, SectionsPage } from './sections-page.js';

const admin = { config: { permission: 'admin' as const } };
type IdParams = { Params: { id: string } };

function sectionInput(body: unknown, prefix: string): SectionInput {
  return {
    name: formText(body, `${prefix}name`),
    slug: formText(body, `${prefix}slug`),
    description: formText(body, `${prefix}description`),
  };
}

function sectionId(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'That is not a section.');
}

export function sectionRoutes(options: { db: Kysely<Database>; events: ContentEvents }) {
  const { db, events } = options;

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

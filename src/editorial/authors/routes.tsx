// The author profiles in the newsroom (editors and admins): the list, a new profile, one profile's form, and
// "create my own byline". A refused save shows the form again as typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { searchMediaChoices } from '../media-choices.js';
import { type AuthorForm, blankAuthorForm, formOfProfile, readAuthorForm } from './author-form.js';
import { AuthorEditPage } from './edit-page.js';
import { AuthorsPage } from './list-page.js';
import { createAuthorProfile, createOwnProfile, updateAuthorProfile } from './profile-changes.js';
import { type AuthorProfile, listAuthorProfiles, loadAuthorProfile, staffBylines } from './profiles.js';

export interface AuthorRouteOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  clock: () => Date;
}

type IdParams = { Params: { id: string } };
const editor = { config: { permission: 'editor' as const } };

function idOf(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'That is not an author profile.');
}

export function authorRoutes(options: AuthorRouteOptions) {
  const { db, clock } = options;

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    profile: AuthorProfile | null,
    form: AuthorForm,
    refusal?: DomainError,
  ) {
    const [staff, recent] = await Promise.all([staffBylines(db), searchMediaChoices(db, '', clock(), 200)]);
    return renderAdmin(request, reply, {
      title: profile ? `Author: ${profile.name}` : 'New author profile',
      status: refusal?.status,
      body: (
        <AuthorEditPage
          csrfToken={request.csrfToken}
          profile={profile}
          form={form}
          staff={staff}
          photos={recent}
          errors={refusal?.fields}
          message={refusal?.message}
        />
      ),
    });
  }

  /** Runs a save; a refusal with field messages re-shows the form as typed. */
  async function saving(
    request: FastifyRequest,
    reply: FastifyReply,
    profile: AuthorProfile | null,
    save: (form: AuthorForm) => Promise<number>,
  ) {
    const form = readAuthorForm(request.body);
    try {
      const id = await save(form);
      setFlash(reply, { kind: 'ok', text: profile ? 'Profile saved.' : 'Profile created.' });
      return reply.redirect(`/admin/authors/${id}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 403) throw error;
      return editPage(request, reply, profile, form, error);
    }
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/authors', editor, async (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Authors',
        body: (
          <AuthorsPage
            me={request.staff!}
            csrfToken={request.csrfToken}
            authors={await listAuthorProfiles(db, request.staff!)}
          />
        ),
      }),
    );

    app.get('/admin/authors/new', editor, (request, reply) =>
      editPage(request, reply, null, blankAuthorForm()),
    );

    app.post('/admin/authors', editor, (request, reply) =>
      saving(request, reply, null, (form) => createAuthorProfile(options, request.staff!, form, clock())),
    );

    app.post('/admin/authors/mine', editor, async (request, reply) => {
      const id = await createOwnProfile(options, request.staff!, clock());
      setFlash(reply, { kind: 'ok', text: 'Your byline is ready: new articles you write carry it.' });
      return reply.redirect(`/admin/authors/${id}`, 303);
    });

    app.get<IdParams>('/admin/authors/:id', editor, async (request, reply) => {
      const profile = await loadAuthorProfile(db, request.staff!, idOf(request));
      return editPage(request, reply, profile, formOfProfile(profile));
    });

    app.post<IdParams>('/admin/authors/:id', editor, async (request, reply) => {
      const id = idOf(request);
      const profile = await loadAuthorProfile(db, request.staff!, id);
      return saving(request, reply, profile, async (form) => {
        await updateAuthorProfile(options, request.staff!, id, form);
        return id;
      });
    });
  };
}

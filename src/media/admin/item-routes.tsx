// One image's page in the newsroom: its facts, uses and licence, and the form that changes its words and
// rights (kept as typed when refused).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { canEditMedia } from '../../admin/guardian.js';
import { DomainError, type FieldErrors } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { libraryEntry } from './browse.js';
import { type DetailValues, detailsFromBody, detailsOf } from './detail-values.js';
import { editMediaDetails } from './edit-details.js';
import { ItemPage } from './pages/item.js';
import { forContributors, MEDIA_ASSETS } from './route-config.js';

type IdParams = { Params: { id: string } };

function mediaId(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'We could not find that image in the library.');
}

export function itemRoutes(options: { db: Kysely<Database>; events: ContentEvents; clock: () => Date }) {
  const { db, events, clock } = options;

  async function itemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form?: { values: DetailValues; errors: FieldErrors; message: string },
  ) {
    const now = clock();
    const { entry, timeZone } = await libraryEntry(db, request.staff!, id, now);
    return renderAdmin(request, reply, {
      title: entry.item.caption || `Image ${id}`,
      status: form ? 400 : 200,
      assets: MEDIA_ASSETS,
      body: (
        <ItemPage
          entry={entry}
          now={now}
          timeZone={timeZone}
          csrfToken={request.csrfToken}
          canEdit={canEditMedia(request.staff!, entry.item)}
          values={form?.values ?? detailsOf(entry.item)}
          errors={form?.errors}
          message={form?.message}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<IdParams>('/admin/media/:id', forContributors, (request, reply) =>
      itemPage(request, reply, mediaId(request)),
    );

    app.post<IdParams>('/admin/media/:id', forContributors, async (request, reply) => {
      const id = mediaId(request);
      const values = detailsFromBody(request.body);
      try {
        await editMediaDetails({ db, events }, request.staff!, id, values, clock());
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 400) throw error;
        return itemPage(request, reply, id, {
          values,
          errors: error.fields,
          message: `${error.message} Everything you typed is kept below.`,
        });
      }
      setFlash(reply, { kind: 'ok', text: 'Details saved. Pages showing the image now use them.' });
      return reply.redirect(`/admin/media/${id}`, 303);
    });
  };
}

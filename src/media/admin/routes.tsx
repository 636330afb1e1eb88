// The newsroom's media library under /admin/media: browse and search, the picker the editor opens, upload
// (a plain multipart form, or the same form sent by the media script, which asks for JSON), and edit.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { safeNext } from '../../admin/auth/plugin.js';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { MINUTE_MS } from '../../admin/auth/request-limits.js';
import { canEditMedia } from '../../admin/guardian.js';
import { formText } from '../../admin/views/form.js';
import { DomainError, type FieldErrors, NotFound } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import type { FileStore } from '../file-store.js';
import { MAX_UPLOAD_BYTES } from '../library.js';
import { browseLibrary, libraryEntry, parseLibraryQuery } from './browse.js';
import { editMediaDetails, tooLargeMessage, type UploadedFile, uploadImage } from './items.js';
import {
  type DetailValues,
  detailsFromBody,
  detailsOf,
  EMPTY_DETAILS,
  labelledErrors,
} from './pages/details-fields.js';
import { ItemPage } from './pages/item.js';
import { LibraryPage } from './pages/library.js';
import { UploadPage } from './pages/upload.js';

export interface MediaRouteOptions {
  db: Kysely<Database>;
  store: FileStore;
  events: ContentEvents;
  clock: () => Date;
}

const ASSETS = ['media.css', 'media.js'];
const contributor = { config: { permission: 'contributor' as const } };
// Past this the request is refused before it is read; below it the file is read, found too large and the
// typed words are shown again. Five times the limit covers any photograph sent by mistake.
const REFUSE_UNREAD_BYTES = MAX_UPLOAD_BYTES * 5;
const CHOOSE_AGAIN =
  'Everything you typed is kept below, but choose the file again: browsers forget a chosen file when a page reloads.';

type IdParams = { Params: { id: string } };

function mediaId(request: FastifyRequest<IdParams>): number {
  const id = Number(request.params.id);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new NotFound('We could not find that image in the library.');
  return id;
}

/** A picker return address: only a newsroom path, as after sign-in. */
function returnTarget(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const safe = safeNext(value);
  return safe === value ? safe : null;
}

function declaredBytes(request: FastifyRequest): number | null {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > 0 ? length : null;
}

function uploadedFile(body: unknown): UploadedFile | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  return value && typeof value === 'object' && Buffer.isBuffer((value as UploadedFile).data)
    ? (value as UploadedFile)
    : null;
}

export function newsroomMediaRoutes(options: MediaRouteOptions) {
  const { db, store, events, clock } = options;

  function uploadForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: DetailValues; returnTo: string | null; errors?: FieldErrors; message?: string },
    status = 200,
  ) {
    if (wantsJson(request) && status >= 400) {
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .send({
          error: { code: 'INVALID', message: form.message, fields: labelledErrors(form.errors ?? {}) },
        });
    }
    return renderAdmin(request, reply, {
      title: 'Upload an image',
      status,
      assets: ASSETS,
      body: <UploadPage csrfToken={request.csrfToken} {...form} />,
    });
  }

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
      assets: ASSETS,
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
    // Only this plugin's routes take multipart bodies. Fields arrive as plain values (the CSRF check reads
    // `_csrf` from them); the file is read whole, up to the limit, and a larger one is marked rather than
    // thrown, so the form can come back with the words typed and the file's real size.
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 30, fieldSize: 20_000, parts: 32 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const data = await part.toBuffer();
        const tooLarge = part.file.truncated;
        part.value = {
          filename: part.filename,
          data: tooLarge ? Buffer.alloc(0) : data,
          tooLarge,
          declaredBytes: declaredBytes(this),
        } satisfies UploadedFile;
      },
    });

    app.get('/admin/media', contributor, async (request, reply) => {
      const now = clock();
      const view = await browseLibrary(db, request.staff!, parseLibraryQuery(request.query), now);
      return renderAdmin(request, reply, {
        title: 'Media library',
        assets: ASSETS,
        body: <LibraryPage view={view} now={now} mode={{ kind: 'library' }} />,
      });
    });

    app.get<{ Querystring: { return?: string } }>(
      '/admin/media/picker',
      contributor,
      async (request, reply) => {
        const now = clock();
        const view = await browseLibrary(db, request.staff!, parseLibraryQuery(request.query), now);
        const returnTo = returnTarget(request.query.return);
        return renderAdmin(request, reply, {
          title: 'Choose an image',
          assets: ASSETS,
          body: <LibraryPage view={view} now={now} mode={{ kind: 'picker', returnTo }} />,
        });
      },
    );

    app.get<{ Querystring: { return?: string } }>('/admin/media/new', contributor, (request, reply) =>
      uploadForm(request, reply, { values: EMPTY_DETAILS, returnTo: returnTarget(request.query.return) }),
    );

    app.post(
      '/admin/media',
      {
        config: {
          permission: 'contributor',
          // Each upload renders a dozen variants; this is far above a person's pace and well below a loop's.
          limit: { max: 60, windowMs: MINUTE_MS },
        },
        // Runs after the sign-in check (an app-wide hook) and before the body is read.
        onRequest: async (request, reply) => {
          const bytes = declaredBytes(request);
          if (bytes === null || bytes <= REFUSE_UNREAD_BYTES) return;
          reply.header('connection', 'close');
          return uploadForm(
            request,
            reply,
            {
              values: EMPTY_DETAILS,
              returnTo: null,
              errors: { file: tooLargeMessage(bytes) },
              message: tooLargeMessage(bytes),
            },
            413,
          );
        },
      },
      async (request, reply) => {
        const values = detailsFromBody(request.body);
        const returnTo = returnTarget(formText(request.body, 'return'));
        const file = uploadedFile(request.body);
        try {
          const item = await uploadImage({ db, store }, request.staff!, { file, details: values }, clock());
          const location = returnTo
            ? `/admin/media/picker?return=${encodeURIComponent(returnTo)}`
            : `/admin/media/${item.id}`;
          if (wantsJson(request)) {
            return reply.code(201).header('cache-control', 'no-store').send({ id: item.id, location });
          }
          setFlash(reply, {
            kind: 'ok',
            text: returnTo
              ? 'Image added. Choose “Use this image” to place it.'
              : 'Image added to the library.',
          });
          return reply.redirect(location, 303);
        } catch (error) {
          if (!(error instanceof DomainError) || error.status >= 500 || error.status === 403) throw error;
          const message = wantsJson(request) ? error.message : `${error.message} ${CHOOSE_AGAIN}`;
          const status = file?.tooLarge ? 413 : error.status;
          return uploadForm(request, reply, { values, returnTo, errors: error.fields, message }, status);
        }
      },
    );

    app.get<IdParams>('/admin/media/:id', contributor, (request, reply) =>
      itemPage(request, reply, mediaId(request)),
    );

    app.post<IdParams>('/admin/media/:id', contributor, async (request, reply) => {
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

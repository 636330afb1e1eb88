// Uploading an image: the form, and its post (a plain multipart form, or the same form sent by the media
// script, which asks for JSON). A refusal of any kind (a wrong field, a file too large, a full image queue,
// a full disk, an unwritable media folder or an unreachable bucket) comes back with everything typed, and a full queue says when to
// try again. A body cut off before its end is a 400 naming that, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { MINUTE_MS } from '../../admin/auth/request-limits.js';
import { newsroomPath } from '../../admin/safe-return.js';
import { formText } from '../../admin/views/form.js';
import { DomainError, type FieldErrors } from '../../http/errors.js';
import { wantsJson } from '../../http/negotiate.js';
import { MediaStorageFailed } from '../file-store.js';
import { ImageQueueFull } from '../image-queue.js';
import { MAX_UPLOAD_BYTES } from '../library.js';
import { type DetailValues, detailsFromBody, EMPTY_DETAILS } from './detail-values.js';
import { labelledErrors } from './pages/details-fields.js';
import { UploadPage } from './pages/upload.js';
import { forContributors, MEDIA_ASSETS } from './route-config.js';
import { tooLargeMessage, type UploadDeps, uploadImage } from './upload.js';
import { declaredBytes, isCutOffUpload, readUploads, uploadedFile } from './upload-body.js';

// Past this the request is refused before it is read; below it the file is read, found too large and the
// typed words are shown again. Five times the limit covers any photograph sent by mistake.
const REFUSE_UNREAD_BYTES = MAX_UPLOAD_BYTES * 5;
const CHOOSE_AGAIN =
  'Everything you typed is kept below, but choose the file again: browsers forget a chosen file when a page reloads.';

interface UploadForm {
  values: DetailValues;
  returnTo: string | null;
  error?: { code: string; message: string; fields: FieldErrors };
}

function uploadForm(request: FastifyRequest, reply: FastifyReply, form: UploadForm, status = 200) {
  const { error } = form;
  if (wantsJson(request) && error) {
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .send({ error: { ...error, fields: labelledErrors(error.fields) } });
  }
  return renderAdmin(request, reply, {
    title: 'Upload an image',
    status,
    assets: MEDIA_ASSETS,
    body: (
      <UploadPage
        csrfToken={request.csrfToken}
        values={form.values}
        returnTo={form.returnTo}
        errors={error?.fields}
        message={error?.message}
      />
    ),
  });
}

const CUT_OFF =
  'The upload did not arrive whole: the connection ended before the end of the file. Nothing was saved; please choose the file and upload it again.';

function tooLarge(bytes: number) {
  const message = tooLargeMessage(bytes);
  return { code: 'TOO_LARGE', message, fields: { file: message } };
}

export function uploadRoutes(deps: UploadDeps & { clock: () => Date }) {
  return async function register(app: FastifyInstance): Promise<void> {
    await readUploads(app);
    // A multipart body that ends early fails while it is read, before the handler runs: it is the sender's
    // connection, not the server, at fault (400), and nothing of it was kept (files are read into memory and
    // stored only once whole). Any other error goes on to the app's handler.
    app.setErrorHandler((error, request, reply) => {
      if (!isCutOffUpload(error)) throw error;
      const refusal = { code: 'UPLOAD_CUT_OFF', message: CUT_OFF, fields: { file: CUT_OFF } };
      reply.header('connection', 'close');
      return uploadForm(request, reply, { values: EMPTY_DETAILS, returnTo: null, error: refusal }, 400);
    });

    app.get<{ Querystring: { return?: string } }>('/admin/media/new', forContributors, (request, reply) =>
      uploadForm(request, reply, { values: EMPTY_DETAILS, returnTo: newsroomPath(request.query.return) }),
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
            { values: EMPTY_DETAILS, returnTo: null, error: tooLarge(bytes) },
            413,
          );
        },
      },
      async (request, reply) => {
        const values = detailsFromBody(request.body);
        const returnTo = newsroomPath(formText(request.body, 'return'));
        const file = uploadedFile(request.body);
        try {
          const item = await uploadImage(deps, request.staff!, { file, details: values }, deps.clock());
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
          if (error instanceof ImageQueueFull) reply.header('retry-after', String(error.retryAfterSeconds));
          else if (error instanceof MediaStorageFailed) {
            // The person is told the cause; whoever runs the server needs the log line to act on it.
            request.log.error(
              { errno: error.errno, reason: error.reason },
              'the media storage refused an upload',
            );
            if (error.status === 503) reply.header('retry-after', '30');
          } else if (!(error instanceof DomainError) || error.status >= 500 || error.status === 403)
            throw error;
          const message = wantsJson(request) ? error.message : `${error.message} ${CHOOSE_AGAIN}`;
          const status = file?.tooLarge ? 413 : error.status;
          const refusal = { code: error.code, message, fields: error.fields };
          return uploadForm(request, reply, { values, returnTo, error: refusal }, status);
        }
      },
    );
  };
}

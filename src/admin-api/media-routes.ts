// The admin API's image upload: a multipart body (the file and the library's words and rights), added by
// the media library's own uploadImage: the same permission, the same required alt text, credit and rights,
// the same image queue.
import type { FastifyInstance } from 'fastify';
import { Invalid } from '../http/errors.js';
import { detailsFromBody } from '../media/admin/detail-values.js';
import { uploadImage } from '../media/admin/upload.js';
import { isCutOffUpload, readUploads, uploadedFile } from '../media/admin/upload-body.js';
import { MediaStorageFailed } from '../media/file-store.js';
import { ImageQueueFull } from '../media/image-queue.js';
import { type AdminApiOptions, needs } from './route-config.js';

export function mediaApiRoutes(options: AdminApiOptions) {
  const deps = { db: options.db, store: options.files, images: options.images };
  return async function register(app: FastifyInstance): Promise<void> {
    await readUploads(app);
    // A body that ends early fails while it is read: the sender's connection, not the server, is at fault.
    app.setErrorHandler((error, _request, reply) => {
      if (!isCutOffUpload(error)) throw error;
      reply.header('connection', 'close');
      throw new Invalid('The upload did not arrive whole; nothing was saved. Send it again.', {
        file: 'the body ended before the end of the file',
      });
    });

    app.post('/media', needs('media:write'), async (request, reply) => {
      if (!request.isMultipart()) {
        throw new Invalid('Send the image as multipart/form-data with a “file” part.', {
          file: 'send the image as a multipart part named “file”',
        });
      }
      try {
        const item = await uploadImage(
          deps,
          request.apiCaller!.staff,
          { file: uploadedFile(request.body), details: detailsFromBody(request.body) },
          options.clock(),
        );
        return reply
          .code(201)
          .header('location', `/admin/media/${item.id}`)
          .send({
            media: {
              id: item.id,
              altText: item.altText,
              caption: item.caption,
              creditPerson: item.creditPerson,
              creditOrganization: item.creditOrganization,
              rights: item.rights,
              width: item.width,
              height: item.height,
            },
          });
      } catch (error) {
        if (error instanceof ImageQueueFull) reply.header('retry-after', String(error.retryAfterSeconds));
        if (error instanceof MediaStorageFailed) {
          // The client is told the cause; whoever runs the server needs the log line to act on it.
          request.log.error(
            { errno: error.errno, reason: error.reason },
            'the media storage refused an upload',
          );
          if (error.status === 503) reply.header('retry-after', '30');
        }
        throw error;
      }
    });
  };
}

// Serves media files from the store (the folder, or a private bucket streamed through) at /media/<key>. A key's
// bytes never change, so browsers and CDNs may keep a file for a year; the ETag lets a cautious client
// revalidate for the price of a 304.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type FileStore, isSafeKey, MediaStorageFailed } from './file-store.js';
import { contentTypeOf } from './image-formats.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** RFC 9110 If-None-Match: a list of tags or '*', compared weakly (a W/ prefix does not matter). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

// Errors here are plain text: the client is an <img> element, which never shows an error page, and a
// missing file may yet appear, so nothing about the answer may be cached.
function plainError(reply: FastifyReply, status: 400 | 404 | 503, message: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send(message);
}

export function mediaRoutes(options: { store: FileStore }) {
  const { store } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/media/*', async (request, reply) => {
      const key = (request.params as { '*': string })['*'];
      if (!isSafeKey(key)) return plainError(reply, 400, 'That is not a valid media address.');
      // Only the formats we write are served; anything else (a leftover '.tmp') does not exist to readers.
      const contentType = contentTypeOf(key);
      if (!contentType) return plainError(reply, 404, 'No such media file.');
      try {
        const info = await store.stat(key);
        if (!info) return plainError(reply, 404, 'No such media file.');
        if (matchesIfNoneMatch(request.headers['if-none-match'], info.etag)) {
          return reply.code(304).header('cache-control', IMMUTABLE).header('etag', info.etag).send();
        }
        const body = await store.stream(key);
        if (!body) return plainError(reply, 404, 'No such media file.');
        return reply
          .header('cache-control', IMMUTABLE)
          .header('etag', info.etag)
          .type(contentType)
          .header('content-length', info.size)
          .send(body);
      } catch (error) {
        if (!(error instanceof MediaStorageFailed)) throw error;
        // A bucket away for a moment: the image may come on the next try, so nothing is cached meanwhile.
        request.log.error(
          { errno: error.errno, reason: error.reason },
          'the media storage could not be read',
        );
        reply.header('retry-after', '5');
        return plainError(reply, 503, 'The media storage cannot be reached right now.');
      }
    });
  };
}

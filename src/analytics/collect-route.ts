// POST /a/event: where the beacon sends each event (navigator.sendBeacon, so text/plain or JSON). The body is
// read here, not by the app's parsers, so that anything oversized, unparsable or unknown is a 400 like any
// other invalid field. CSRF is the app's rule (http/csrf.ts): only our own pages may post.
import type { FastifyInstance } from 'fastify';
import { Invalid } from '../http/errors.js';
import { type Collector, collectEvent } from './collect.js';
import { eventInput, MAX_EVENT_BYTES } from './event-input.js';

// Past this the rest of an oversized body is not even read: the connection is dropped.
const DRAIN_AT_MOST = 64 * 1024;

export const COLLECT_PATH = '/a/event';

export function collectRoute(collector: Collector) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Encapsulated: these parsers are for this route only.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let refused = false;
      payload.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (refused) {
          if (size > DRAIN_AT_MOST) payload.destroy();
          return;
        }
        if (size > MAX_EVENT_BYTES) {
          refused = true;
          done(new Invalid(`An event is at most ${MAX_EVENT_BYTES} bytes.`), undefined);
          return;
        }
        chunks.push(chunk);
      });
      payload.on('end', () => {
        if (refused) return;
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          done(null, JSON.parse(text));
        } catch {
          done(new Invalid('An event is a JSON object.'), undefined);
        }
      });
      payload.on('error', (error) => {
        if (!refused) done(error, undefined);
      });
    });

    app.post(COLLECT_PATH, async (request, reply) => {
      const parsed = eventInput.safeParse(request.body);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'event')] ??= issue.message;
        throw new Invalid('That event is not valid.', fields);
      }
      await collectEvent(collector, request, parsed.data);
      // The same answer whether counted or not: a robot learns nothing from it.
      return reply.header('cache-control', 'no-store').code(204).send();
    });
  };
}

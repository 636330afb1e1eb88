// Maps every error to one response: a styled page for browsers, JSON for API clients. Domain errors
// carry their own safe message; a database that does not answer is a 503 with Retry-After; anything else is
// logged with the request id and shown as a plain 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../storage/database-errors.js';
import { DomainError, ServiceUnavailable } from './errors.js';
import { wantsJson } from './negotiate.js';

export interface ErrorHandlerOptions {
  /** The styled page for an error; it must not fail when the database is down (the app falls back). */
  renderPage: (status: number, message: string) => Promise<string>;
}

export type ErrorResponder = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
) => Promise<FastifyReply>;

/** Sends one error as a styled page or JSON; the error handler and the router's bad-URL hook share it. */
export function errorResponder(options: ErrorHandlerOptions): ErrorResponder {
  return async function send(request, reply, status, code, message, fields = {}) {
    // Error pages must not be stored by a CDN as if they were the page.
    reply.code(status).header('cache-control', 'no-store');
    if (wantsJson(request)) return reply.send({ error: { code, message, fields } });
    return reply.type('text/html; charset=utf-8').send(await options.renderPage(status, message));
  };
}

/** A last look at an address nobody answered (a moved page's old address): true when it answered. */
export type NotFoundRescue = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

export function errorHandling(send: ErrorResponder, rescue?: NotFoundRescue) {
  // fastify-plugin: this must apply to every route, not only to routes inside this plugin.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.setNotFoundHandler(async (request, reply) => {
        if (rescue && (await rescue(request, reply))) return reply;
        return send(
          request,
          reply,
          404,
          'NOT_FOUND',
          'We could not find that page. It may have moved or been removed.',
        );
      });
      app.setErrorHandler(async (error: FastifyError | DomainError | Error, request, reply) => {
        if (isDatabaseUnavailable(error)) {
          request.log.warn({ err: error }, 'database unavailable');
          error = new ServiceUnavailable();
        }
        if (error instanceof ServiceUnavailable) reply.header('retry-after', String(error.retryAfterSeconds));
        // A route that found nothing for its address (a page's /:slug) gives the address that last look too.
        if (
          error instanceof DomainError &&
          error.status === 404 &&
          rescue &&
          (await rescue(request, reply))
        ) {
          return reply;
        }
        if (error instanceof DomainError)
          return send(request, reply, error.status, error.code, error.message, error.fields);
        const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
        if (status >= 400 && status < 500) {
          // Fastify's own client errors (bad JSON, body too large, rate limits): their message is about the request.
          return send(
            request,
            reply,
            status,
            (error as FastifyError).code ?? 'BAD_REQUEST',
            safeClientMessage(status, error),
          );
        }
        // The request by its method and route pattern (http/log-redaction.ts), beside the id the reader sees.
        request.log.error({ err: error, req: request }, 'request failed');
        return send(
          request,
          reply,
          500,
          'INTERNAL',
          `Please try again in a moment. If it keeps happening, tell us and quote ${request.id}.`,
        );
      });
    },
    { name: 'error-handling' },
  );
}

function safeClientMessage(status: number, error: Error): string {
  if (status === 413) return 'That upload is too large.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status === 415) return 'That kind of content is not accepted here.';
  return error.message.length < 200 ? error.message : 'That request could not be understood.';
}

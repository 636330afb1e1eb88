// Errors as WordPress's REST API answers them, `{code, message, data: {status, params?}}`, because clients
// written for WordPress branch on those codes (rest_post_invalid_id, rest_invalid_param …), not on ours.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ServiceUnavailable } from '../http/errors.js';
import { isDatabaseUnavailable } from '../storage/database-errors.js';
import { CORS } from './respond.js';

export class WpError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Per-parameter messages of a rest_invalid_param error. */
    readonly params?: Record<string, string>,
  ) {
    super(message);
    this.name = 'WpError';
  }

  body() {
    const data: Record<string, unknown> = { status: this.status };
    if (this.params) {
      data.params = this.params;
      data.details = Object.fromEntries(
        Object.entries(this.params).map(([name, message]) => [
          name,
          { code: 'rest_invalid_param', message, data: null },
        ]),
      );
    }
    return { code: this.code, message: this.message, data };
  }
}

/** A query parameter WordPress would refuse: one error naming every bad parameter, as WP collects them. */
export function invalidParams(params: Record<string, string>): WpError {
  return new WpError(
    'rest_invalid_param',
    400,
    `Invalid parameter(s): ${Object.keys(params).join(', ')}`,
    params,
  );
}

export const invalidPostId = () => new WpError('rest_post_invalid_id', 404, 'Invalid post ID.');
export const invalidTerm = () => new WpError('rest_term_invalid', 404, 'Term does not exist.');
export const invalidUserId = () => new WpError('rest_user_invalid_id', 404, 'Invalid user ID.');
export const invalidCommentId = () => new WpError('rest_comment_invalid_id', 404, 'Invalid comment ID.');
export const noRoute = () =>
  new WpError('rest_no_route', 404, 'No route was found matching the URL and request method.');
export const pageTooLarge = (kind: 'post' | 'page' | 'term' | 'user' | 'comment') =>
  new WpError(
    `rest_${kind}_invalid_page_number`,
    400,
    'The page number requested is larger than the number of pages available.',
  );

/** Every answer of the API in WordPress's error shape, whatever went wrong; never a stack or a row. */
export function wpErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | WpError | Error, request, reply) => {
    reply.headers({ ...CORS, 'cache-control': 'no-store' });
    if (error instanceof WpError) return reply.code(error.status).send(error.body());
    if (isDatabaseUnavailable(error) || error instanceof ServiceUnavailable) {
      reply.header('retry-after', '5');
      return reply.code(503).send({
        code: 'rest_unavailable',
        message: 'Please try again in a few seconds.',
        data: { status: 503 },
      });
    }
    const status =
      error instanceof DomainError
        ? error.status
        : 'statusCode' in error && typeof error.statusCode === 'number'
          ? error.statusCode
          : 500;
    if (status >= 400 && status < 500) {
      const message = error instanceof DomainError ? error.message : 'That request could not be understood.';
      return reply.code(status).send({ code: 'rest_invalid_request', message, data: { status } });
    }
    request.log.error({ err: error, req: request }, 'request failed');
    return reply.code(500).send({
      code: 'internal_server_error',
      message: `There has been a critical error. Please quote ${request.id}.`,
      data: { status: 500 },
    });
  });
}

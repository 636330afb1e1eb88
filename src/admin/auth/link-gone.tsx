// The answer to a one-time link that no longer works (used, expired, withdrawn): why, and where to go instead.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../http/errors.js';
import { renderAdmin } from './render.js';

function LinkGonePage(props: { message: string }) {
  return (
    <>
      <h1>This link does not work any more</h1>
      <p>{props.message}</p>
      <p>
        <a href="/admin/sign-in">Sign in</a> · <a href="/admin/password-reset">Reset your password</a>
      </p>
    </>
  );
}

/** The page for a link found gone (NotFound); any other error is thrown on. */
export function linkGone(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (!(error instanceof NotFound)) throw error;
  return renderAdmin(request, reply, {
    title: 'Link not valid',
    status: 404,
    narrow: true,
    body: <LinkGonePage message={error.message} />,
  });
}

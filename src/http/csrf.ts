// Cross-site request forgery protection for every state-changing request: the browser must say the
// request came from our own origin (Sec-Fetch-Site, else Origin). This works on cached public pages,
// where a per-reader token cannot be embedded; signed-in forms add a session token on top (newsroom).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false on endpoints called by other servers (payment webhooks), which prove themselves otherwise. */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfProtection(options: { publicUrl: string }) {
  const allowedOrigin = new URL(options.publicUrl).origin;
  // fastify-plugin: this must apply to every route, not only to routes inside this plugin.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.addHook('onRequest', (request, _reply, done) => {
        if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return done();
        const site = request.headers['sec-fetch-site'];
        if (site !== undefined) {
          // "none" is a user typing or bookmarking, never a form on another site.
          if (site === 'same-origin' || site === 'none') return done();
          return done(new Forbidden('This form was sent from another site, so we did not accept it.'));
        }
        const origin = request.headers.origin;
        const host = request.headers.host;
        if (origin && (origin === allowedOrigin || (host && origin === `${request.protocol}://${host}`)))
          return done();
        done(
          new Forbidden(
            'We could not confirm this form came from our own site. Please reload the page and try again.',
          ),
        );
      });
    },
    { name: 'csrf-protection' },
  );
}

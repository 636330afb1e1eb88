// Security headers on every response. The CSP allows no inline script and no third-party script or style
// (only the players of embeds a reader asked to load may be framed); JSON-LD is a data block, not script.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { EMBED_FRAME_ORIGINS } from '../articles/render/embeds.js';

export interface SecurityHeaderOptions {
  /** Behind TLS (directly or via a proxy that says so): send HSTS. */
  hsts: boolean;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  // Only the players of embeds a reader chose to load (articles/render/embeds.ts), never their scripts.
  `frame-src 'self' ${EMBED_FRAME_ORIGINS.join(' ')}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the headers on one reply; the hook below calls it, and so does the router's bad-URL path. */
export function securityHeaderSetter(options: SecurityHeaderOptions) {
  const fixed: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  return (request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(fixed);
    // HSTS only means something over TLS; sending it on plain http to 127.0.0.1 would be noise.
    if (options.hsts && request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  };
}

export function securityHeaders(setHeaders: ReturnType<typeof securityHeaderSetter>) {
  // fastify-plugin: this must apply to every route, not only to routes inside this plugin.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      // A callback hook, not an async one: it runs on every request, cached pages included.
      app.addHook('onRequest', (request, reply, done) => {
        setHeaders(request, reply);
        done();
      });
    },
    { name: 'security-headers' },
  );
}

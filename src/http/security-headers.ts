// Security headers on every response. The CSP allows no inline script and no third-party script or style;
// only the frame sources the app names (the players of embeds a reader asked to load) may be framed, and
// JSON-LD is a data block, not script. Third-party hosts appear only when the app names some for a request
// (the consent domain's configured tags, on reader pages): the same for every reader of a page, so the
// header can be cached with it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The site's Content-Security-Policy, for the few routes that must widen it (a payment redirect). */
    contentSecurityPolicy: string;
  }
}

export interface SecurityHeaderOptions {
  /** Behind TLS (directly or via a proxy that says so): send HSTS. */
  hsts: boolean;
  /** Origins that may be framed besides our own. */
  frameSources: readonly string[];
  /** Origins images come from besides our own (the media's public address, a CDN). */
  imageSources?: readonly string[];
  /** Hosts a request's page may also load from; null or absent: none. Same object, same policy (memoised). */
  thirdParty?: (request: FastifyRequest) => ExtraSources | null;
}

/** Third-party hosts added to script-src, connect-src and img-src. */
export interface ExtraSources {
  script: readonly string[];
  connect: readonly string[];
  img: readonly string[];
}

export function contentSecurityPolicy(
  frameSources: readonly string[],
  imageSources: readonly string[] = [],
  extra: ExtraSources | null = null,
): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${extra?.script.join(' ') ?? ''}`.trim(),
    "style-src 'self'",
    `img-src 'self' data: ${[...imageSources, ...(extra?.img ?? [])].join(' ')}`.trim(),
    "font-src 'self'",
    `connect-src 'self' ${extra?.connect.join(' ') ?? ''}`.trim(),
    "media-src 'self'",
    `frame-src 'self' ${frameSources.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** One directive of a policy replaced, e.g. form-action widened to a payment provider's origins. */
export function withDirective(policy: string, name: string, value: string): string {
  return policy
    .split('; ')
    .map((d) => (d === name || d.startsWith(`${name} `) ? `${name} ${value}` : d))
    .join('; ');
}

/** Sets the headers on one reply; the hook below calls it, and so does the router's bad-URL path. */
export function securityHeaderSetter(options: SecurityHeaderOptions) {
  const fixed: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options.frameSources, options.imageSources),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  const widened = new WeakMap<ExtraSources, string>();
  const setHeaders = (request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(fixed);
    const extra = options.thirdParty?.(request);
    if (extra) {
      let policy = widened.get(extra);
      if (policy === undefined) {
        policy = contentSecurityPolicy(options.frameSources, options.imageSources, extra);
        widened.set(extra, policy);
      }
      reply.header('content-security-policy', policy);
    }
    // HSTS only means something over TLS; sending it on plain http to 127.0.0.1 would be noise.
    if (options.hsts && request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  };
  return Object.assign(setHeaders, { policy: fixed['content-security-policy']! });
}

export function securityHeaders(setHeaders: ReturnType<typeof securityHeaderSetter>) {
  // fastify-plugin: this must apply to every route, not only to routes inside this plugin.
  return fp(
    async function register(app: FastifyInstance): Promise<void> {
      app.decorate('contentSecurityPolicy', setHeaders.policy);
      // A callback hook, not an async one: it runs on every request, cached pages included.
      app.addHook('onRequest', (request, reply, done) => {
        setHeaders(request, reply);
        done();
      });
    },
    { name: 'security-headers' },
  );
}

// What may reach the log: never who a reader is nor a secret. Fields named like a secret or an address are
// censored: up to three levels deep in anything logged (pino's redact paths), at any depth in an error (its
// own properties, its cause, a library's request config); and in the strings of an error (message, stack,
// properties) email addresses and the values of query strings are masked, since a library's error
// may quote the address it failed to reach. A request is logged by its method and route pattern, not its
// address: some addresses carry tokens in their path (/admin/setup/:token), and query strings carry them too.
import type { FastifyRequest } from 'fastify';
import { stdSerializers } from 'pino';

export const CENSOR = '[redacted]';

const SECRET_FIELDS = [
  'email',
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'apiKey',
  'api_key',
];

/** pino's redact paths: the named headers, and every secret-named field at the top and two levels down. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

const EMAIL = /[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+\.[a-z]{2,}/gi;
const QUERY_VALUE = /([?&][^\s=&#"'<>?]+=)[^\s&#"'<>]*/g;

/** Masks email addresses and query-string values in a string. */
export function scrub(text: string): string {
  return text.replace(EMAIL, '[email]').replace(QUERY_VALUE, `$1${CENSOR}`);
}

const SECRET_KEYS = new Set([...SECRET_FIELDS, 'set-cookie'].map((field) => field.toLowerCase()));

/** An error's strings scrubbed and its secret-named fields censored, however deep a library nests them. */
function scrubDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth === 0) return CENSOR;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth - 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : scrubDeep(item, depth - 1),
    ]),
  );
}

/** Fastify's logger serializers: requests by method and route, errors with their strings scrubbed. */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      // The pattern when a route matched; else the path alone, its query's values masked.
      route: request.routeOptions?.url ?? scrub(request.url.split('?')[0] ?? ''),
    };
  },
  err(error: Error) {
    return scrubDeep(stdSerializers.err(error), 6) as ReturnType<typeof stdSerializers.err>;
  },
};

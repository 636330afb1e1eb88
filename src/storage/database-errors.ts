// Which errors mean "the database is not answering now" rather than "this request is wrong": those are
// answered 503 with Retry-After (http/error-handler.ts), and let a stale cached page be served instead.

// SQLSTATE classes and codes of a server that is away, shutting down, overloaded or too slow.
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: the statement timeout
  '55P03', // lock_not_available
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// What pg and pg-pool say without a code: no connection in time, no answer in time, a connection lost.
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connection timeout|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true; // 08: connection exceptions
    if (NETWORK_CODES.has(code)) return true;
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') return true;
  }
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true;
  // Kysely and pg may wrap the cause.
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

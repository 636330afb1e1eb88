// What the webhooks domain is given: the database, the time, how host names are resolved, the hosts allowed
// off the public internet (development), the site's address for URLs, and where admins are told of trouble.
import type { Kysely } from 'kysely';
import type { ResolveHost } from '../http/checked-lookup.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';

export interface WebhookDeps {
  db: Kysely<Database>;
  /** Schedules retries and stamps events; tests move it instead of waiting. */
  clock: () => Date;
  resolveHost: ResolveHost;
  /** Host names or IP addresses that may be used although they are not public (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: readonly string[];
  publicUrl: string;
  mailer: Mailer;
}

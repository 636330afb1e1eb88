// An admin changing the third-party tags. Only admins: every tag sends readers' visits to another company,
// and a custom script runs on every reader page with the site's own rights. A change announces EVERYTHING,
// since every cached page carries the loader's data and its CSP.

import type { Kysely } from 'kysely';
import { canEditSettings, type StaffMember } from '../admin/guardian.js';
import { Forbidden } from '../http/errors.js';
import { EVERYTHING } from '../http/tagged-cache.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { type ConsentSettings, parseConsentSettings, saveConsentSettings } from './settings.js';

export interface ConsentAdminDeps {
  db: Kysely<Database>;
  events: ContentEvents;
  clock: () => Date;
}

export async function changeConsentSettings(
  deps: ConsentAdminDeps,
  staff: StaffMember,
  input: unknown,
): Promise<ConsentSettings> {
  if (!canEditSettings(staff)) throw new Forbidden('Only an admin may change the third-party tags.');
  const settings = await saveConsentSettings(deps.db, parseConsentSettings(input), deps.clock());
  await deps.events.changed([EVERYTHING]);
  return settings;
}

// The secret of the day that visitor hashes are made with, shared by every instance through the database:
// the first instance to need a day's salt writes a random one, the others read it. The rotation job deletes
// every earlier day's, so once a day has passed nobody, not even we, can tell whether two days' visitors
// were the same person.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/** The UTC day of a time, YYYY-MM-DD: salts and daily roll-ups change at UTC midnight. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export class DailySalt {
  #day = '';
  #salt: Promise<string> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** The salt of `at`'s day; read from the database once per day per instance. */
  saltFor(at: Date): Promise<string> {
    const day = utcDay(at);
    if (day !== this.#day || !this.#salt) {
      this.#day = day;
      this.#salt = readOrCreateSalt(this.db, day);
      // A failed read (the database away) is tried again on the next event.
      this.#salt.catch(() => {
        if (this.#day === day) this.#salt = null;
      });
    }
    return this.#salt;
  }
}

async function readOrCreateSalt(db: Kysely<Database>, day: string): Promise<string> {
  await db
    .insertInto('analytics_salts')
    .values({ day, salt: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  const row = await db
    .selectFrom('analytics_salts')
    .select('salt')
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  return row.salt;
}

/** Forgets every salt but today's: yesterday's visitors can no longer be linked to anyone. */
export async function deleteOldSalts(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('analytics_salts').where('day', '<', utcDay(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A visitor as Plausible and Ghost count one: a hash of the day's salt, the site, the address and the browser.
 * Neither the address nor the user agent is kept anywhere.
 */
export function visitorHash(salt: string, site: string, ip: string, userAgent: string): string {
  return createHash('sha256')
    .update(`${salt}\u0000${site}\u0000${ip}\u0000${userAgent}`)
    .digest('base64url')
    .slice(0, 22);
}

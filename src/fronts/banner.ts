// The breaking-news banner: one at a time, set by an editor with its wording, an optional link (a web
// address or a path of this site) and expiry, and a style; every change moves its version, so a reader who
// dismissed one wording sees the next.
import type { Kysely } from 'kysely';
import { Invalid } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { safeLink } from '../views/safe-link.js';

export const BANNER_STYLES = ['breaking', 'developing', 'notice'] as const;
export type BannerStyle = (typeof BANNER_STYLES)[number];
export const BANNER_STYLE_LABELS: Record<BannerStyle, string> = {
  breaking: 'Breaking',
  developing: 'Developing',
  notice: 'Notice',
};
const MAX_TEXT = 200;

export interface Banner {
  version: number;
  text: string;
  link: string | null;
  style: BannerStyle;
  expiresAt: string | null;
}

export interface BannerInput {
  text: string;
  link: string;
  style: string;
  /** An instant, already read from the site's time zone; null for no expiry. */
  expiresAt: Date | null;
}

/** The banner as stored, expired or not (the newsroom's form). */
export async function readBanner(db: Kysely<Database>): Promise<Banner | null> {
  const row = await db.selectFrom('breaking_banner').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return null;
  return {
    version: Number(row.version),
    text: row.text,
    link: row.link,
    style: row.style,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
  };
}

/** The banner readers see at `now`: none once it has expired. */
export async function activeBanner(db: Kysely<Database>, now: Date): Promise<Banner | null> {
  const banner = await readBanner(db);
  if (!banner) return null;
  if (banner.expiresAt !== null && Date.parse(banner.expiresAt) <= now.getTime()) return null;
  return banner;
}

export async function setBanner(db: Kysely<Database>, input: BannerInput, staffId: number, now: Date) {
  const text = input.text.trim();
  const fields: Record<string, string> = {};
  if (!text) fields.text = 'Write what the banner says.';
  else if (text.length > MAX_TEXT) fields.text = `Keep it under ${MAX_TEXT} characters.`;
  const link = input.link.trim() ? safeLink(input.link, ['web', 'site']) : null;
  if (input.link.trim() && !link)
    fields.link = 'Use a web address (http or https) or a path of this site (/…).';
  if (!(BANNER_STYLES as readonly string[]).includes(input.style)) fields.style = 'Choose a style.';
  if (input.expiresAt !== null) {
    if (Number.isNaN(input.expiresAt.getTime())) fields.expiresAt = 'That is not a date and time.';
    else if (input.expiresAt.getTime() <= now.getTime()) fields.expiresAt = 'Choose a time in the future.';
  }
  if (Object.keys(fields).length > 0)
    throw new Invalid('The banner was not set: see the fields marked.', fields);
  await db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('breaking_banner')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirst();
    const values = {
      version: Number(previous?.version ?? 0) + 1,
      text,
      link: link?.href ?? null,
      style: input.style as BannerStyle,
      expires_at: input.expiresAt?.toISOString() ?? null,
      expiry_announced: 0,
      updated_at: now.toISOString(),
      updated_by: staffId,
    };
    await trx
      .insertInto('breaking_banner')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  });
}

export async function clearBanner(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('breaking_banner').where('id', '=', 1).execute();
}

/** The version of the banner that expired by `now` without its fragment being told, if any. */
export async function bannerExpiryPending(db: Kysely<Database>, now: Date): Promise<number | null> {
  const row = await db
    .selectFrom('breaking_banner')
    .select('version')
    .where('id', '=', 1)
    .where('expiry_announced', '=', 0)
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return row ? Number(row.version) : null;
}

/** Marks that version told; a banner set since (a new version) keeps its own expiry to announce. */
export async function markBannerExpiryAnnounced(db: Kysely<Database>, version: number): Promise<void> {
  await db
    .updateTable('breaking_banner')
    .set({ expiry_announced: 1 })
    .where('id', '=', 1)
    .where('version', '=', version)
    .execute();
}

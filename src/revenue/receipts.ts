// What every donation receipt and yearly summary says of the charity: its name and registration number, as
// a tax authority expects them, the site's language and time zone for dates, and the receipt's number; and
// which of those details are missing, for the newsroom to be told.
import type { Kysely } from 'kysely';
import { readSiteSettings } from '../site/settings.js';
import type { Database } from '../storage/schema.js';
import { readableDate } from '../views/dates.js';
import { readRevenueSettings } from './settings.js';

type Db = Kysely<Database>;

export interface ReceiptContext {
  organisationName: string;
  registrationNumber: string;
  language: string;
  timeZone: string;
  publicUrl: string;
}

export async function receiptContext(db: Db, publicUrl: string): Promise<ReceiptContext> {
  const [site, revenue] = await Promise.all([readSiteSettings(db), readRevenueSettings(db)]);
  return {
    organisationName: revenue.organisationName || site.publisher.legalName || site.siteName,
    registrationNumber: revenue.registrationNumber,
    language: site.language,
    timeZone: site.timeZone,
    publicUrl,
  };
}

/**
 * What the receipts lack of the charity details a tax authority expects, one sentence each, for the admin's
 * donations screen and the start-up output; empty when both are set. Receipts still go out without them (a
 * gift must never wait for a setting), which is why someone has to be told.
 */
export async function missingReceiptDetails(db: Db): Promise<string[]> {
  const [site, revenue] = await Promise.all([readSiteSettings(db), readRevenueSettings(db)]);
  const missing: string[] = [];
  if (!revenue.organisationName) {
    const fallback = site.publisher.legalName
      ? `the publisher’s legal name, “${site.publisher.legalName}”`
      : `the site’s name, “${site.siteName}”`;
    missing.push(
      `No organisation name is set for receipts: they name ${fallback}, which may not be the name the charity is registered under.`,
    );
  }
  if (!revenue.registrationNumber) {
    missing.push(
      'No registration or tax number is set: receipts go out without one, and a tax authority may not accept them.',
    );
  }
  return missing;
}

export function receiptNumber(donationId: number): string {
  return `R-${String(donationId).padStart(6, '0')}`;
}

/** A date as the receipt prints it: long, in the site's language and time zone. */
export function receiptDate(at: string, ctx: ReceiptContext): string {
  return readableDate(at, ctx.language, ctx.timeZone);
}

export function organisationLines(ctx: ReceiptContext): string[] {
  return [
    ctx.organisationName,
    ...(ctx.registrationNumber ? [`Registration / tax number: ${ctx.registrationNumber}`] : []),
  ];
}

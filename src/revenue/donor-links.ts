// Donors manage their gifts without a password: a link signed with the app secret (src/http/signed-tokens.ts),
// naming the donor and an expiry, mailed to the donor's address. What the link's page offers is in
// donor-account.ts.
import type { Kysely } from 'kysely';
import { Forbidden } from '../http/errors.js';
import { checkRates, type RateLimitStore } from '../http/rate-limit-store.js';
import { signToken, tokenNumber, verifyToken } from '../http/signed-tokens.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../storage/schema.js';
import { findDonorByEmail } from './donors.js';
import { DONATION_RATES, donorKey } from './rate-limits.js';

export const LINK_VALID_MS = 24 * 60 * 60 * 1000;
const PURPOSE = 'donor-link';

export function signDonorLink(secret: string, donorId: number, expiresAt: Date): string {
  return signToken(secret, PURPOSE, [String(donorId), String(expiresAt.getTime())]);
}

/** The donor id a token was signed for; Forbidden when it is forged, altered or expired. */
export function verifyDonorLink(secret: string, token: string, now: Date): number {
  const [donorPart, expiresPart] = verifyToken(secret, PURPOSE, token, 2) ?? [];
  const donorId = tokenNumber(donorPart);
  const expires = tokenNumber(expiresPart);
  if (donorId === null || expires === null) {
    throw new Forbidden('This link is not valid. Ask for a new one below.');
  }
  if (expires <= now.getTime()) throw new Forbidden('This link has expired. Ask for a new one below.');
  return donorId;
}

export interface DonorLinkDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  secret: string;
  publicUrl: string;
  siteName: string;
  now: Date;
  rates: RateLimitStore;
}

/**
 * Mails a management link when the address belongs to a donor. Says nothing either way to the person
 * asking, so that the form cannot be used to learn who gives; for the same reason a donor already mailed
 * several links this hour silently gets no more.
 */
export async function mailDonorLink(deps: DonorLinkDeps, email: string): Promise<void> {
  const donor = await findDonorByEmail(deps.db, email);
  // Gifts recorded without any address are kept under a reserved (.invalid) one, which no mail reaches.
  if (!donor || donor.email.endsWith('.invalid')) return;
  const decision = await checkRates(
    deps.rates,
    DONATION_RATES.mailPerDonor.map((rule) => ({ rule, subject: donorKey(deps.secret, donor.id) })),
    deps.now,
  );
  if (!decision.allowed) return;
  const token = signDonorLink(deps.secret, donor.id, new Date(deps.now.getTime() + LINK_VALID_MS));
  await deps.mailer.send({
    to: donor.email,
    subject: `Your donations to ${deps.siteName}`,
    text: [
      `Hello ${donor.name || 'supporter'},`,
      '',
      'Someone (we hope you) asked for a link to manage your donations. Open it within 24 hours:',
      '',
      `${deps.publicUrl}/support/manage/${token}`,
      '',
      'From there you can change or cancel a recurring donation and ask for a yearly summary of your gifts.',
      'If you did not ask for this, you can ignore this email; nothing changes.',
    ].join('\n'),
  });
}

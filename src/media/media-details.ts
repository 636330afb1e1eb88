// The words and rights of an image (alt text, caption, credit, usage rights and licence), checked by the same
// rules on upload and on every later edit, and the media columns they are stored in.
import { z } from 'zod';
import { parseOrInvalid } from '../http/validation.js';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const httpUrl = z
  .string()
  .trim()
  .url('must be a web address')
  .refine((u) => /^https?:\/\//i.test(u), 'must be a web address');

export const detailFields = {
  // Readers who cannot see the image hear this; a newsroom image is never decorative.
  altText: text(1000).min(1, 'is required: describe the image for readers who cannot see it'),
  caption: text(2000).default(''),
  creditPerson: text(200).default(''),
  creditOrganization: text(200).default(''),
  rights: z.enum(['own', 'licensed', 'agency', 'public_domain'], {
    message: 'must be one of the usage rights',
  }),
  licenseUrl: z.union([z.literal(''), httpUrl]).nullish(),
  licenseExpiresAt: z
    .union([z.literal(''), z.iso.datetime({ offset: true }), z.iso.date()], {
      message: 'must be a date such as 2025-12-31',
    })
    .nullish(),
  copyrightNotice: text(500).nullish(),
};

// Someone else's picture is always credited to someone; only our own or public-domain ones may not be. A
// licence is granted until a date: without it the library cannot warn before it ends, nor refuse to publish
// the image after. The licence's address stays optional, as many agreements are on paper.
export function requireCreditAndTerm(
  input: {
    creditPerson: string;
    creditOrganization: string;
    rights: string;
    licenseExpiresAt?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const credited = input.creditPerson !== '' || input.creditOrganization !== '';
  if (!credited && (input.rights === 'licensed' || input.rights === 'agency')) {
    ctx.addIssue({
      code: 'custom',
      path: ['creditPerson'],
      message: 'is required for licensed and agency images',
    });
  }
  if (input.rights === 'licensed' && !input.licenseExpiresAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['licenseExpiresAt'],
      // A whole sentence: beside a field labelled "Licence ends on", "is required" would not read.
      message: 'Licensed images need the date their licence ends.',
    });
  }
}

const detailsSchema = z.object(detailFields).superRefine(requireCreditAndTerm);

export type MediaDetailsInput = z.input<typeof detailsSchema>;
export type MediaDetails = z.output<typeof detailsSchema>;

/** Checks an image's words and rights alone, so a form can report them together with the file's problem. */
export function parseMediaDetails(
  input: MediaDetailsInput,
  message = 'The image could not be added to the library.',
): MediaDetails {
  return parseOrInvalid(detailsSchema, input, message);
}

/** The media columns for an image's words and rights, as stored on upload and on every later edit. */
export function detailColumns(valid: MediaDetails) {
  return {
    alt_text: valid.altText,
    caption: valid.caption,
    credit_person: valid.creditPerson,
    credit_organization: valid.creditOrganization,
    rights: valid.rights,
    license_url: valid.licenseUrl || null,
    license_expires_at: valid.licenseExpiresAt ? new Date(valid.licenseExpiresAt).toISOString() : null,
    copyright_notice: valid.copyrightNotice || null,
  };
}

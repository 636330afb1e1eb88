// An image's words and rights as a form holds them: every value a string, '' when empty, read from a
// submitted body or from the item, and handed to the library's checks as they are.
import { formText } from '../../admin/views/form.js';
import type { MediaItem } from '../media.js';
import type { MediaDetailsInput } from '../media-details.js';
import { expiryInputValue } from './rights.js';

export const DETAIL_NAMES = [
  'altText',
  'caption',
  'creditPerson',
  'creditOrganization',
  'rights',
  'licenseUrl',
  'licenseExpiresAt',
  'copyrightNotice',
] as const;

export type DetailName = (typeof DETAIL_NAMES)[number];
export type DetailValues = Record<DetailName, string>;

export const EMPTY_DETAILS: DetailValues = {
  altText: '',
  caption: '',
  creditPerson: '',
  creditOrganization: '',
  rights: '',
  licenseUrl: '',
  licenseExpiresAt: '',
  copyrightNotice: '',
};

/** The typed values from a submitted form (url-encoded or multipart), '' for anything missing. */
export function detailsFromBody(body: unknown): DetailValues {
  return Object.fromEntries(DETAIL_NAMES.map((name) => [name, formText(body, name)])) as DetailValues;
}

export function detailsOf(item: MediaItem): DetailValues {
  return {
    altText: item.altText,
    caption: item.caption,
    creditPerson: item.creditPerson,
    creditOrganization: item.creditOrganization,
    rights: item.rights,
    licenseUrl: item.licenseUrl ?? '',
    licenseExpiresAt: expiryInputValue(item.licenseExpiresAt),
    copyrightNotice: item.copyrightNotice ?? '',
  };
}

// The library validates every value with its schema; the cast only admits that a typed form is not yet one.
export const asDetailsInput = (values: DetailValues) => values as MediaDetailsInput;

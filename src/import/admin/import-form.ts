// The import form's fields, read and checked: a dry run, whether to fetch the images from the old site, and
// from which address (empty: the address the export names).
import { Invalid } from '../../http/errors.js';
import type { ImportJobOptions } from '../jobs/job-queries.js';

export interface ImportFormValues {
  dryRun: boolean;
  fetchMedia: boolean;
  mediaBaseUrl: string;
}

export const DEFAULT_FORM: ImportFormValues = { dryRun: false, fetchMedia: true, mediaBaseUrl: '' };

function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

export function readImportForm(body: unknown): ImportFormValues {
  return {
    dryRun: field(body, 'dryRun') === 'on',
    fetchMedia: field(body, 'fetchMedia') === 'on',
    mediaBaseUrl: field(body, 'mediaBaseUrl'),
  };
}

export function jobOptions(values: ImportFormValues): ImportJobOptions {
  const address = values.mediaBaseUrl;
  if (address) {
    let url: URL | undefined;
    try {
      url = new URL(address);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      const message = 'The old site’s address must be a web address starting with https:// or http://.';
      throw new Invalid(message, { mediaBaseUrl: message });
    }
  }
  return {
    dryRun: values.dryRun,
    fetchMedia: values.fetchMedia,
    ...(values.fetchMedia && address ? { mediaBaseUrl: address.replace(/\/+$/, '') } : {}),
  };
}
